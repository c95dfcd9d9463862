"""Fixtures: a store on a temp home, a fake engine with the role image."""

from __future__ import annotations

import pytest

from jackin_sdk.instances import InstanceStore
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from tests.sdk.overview.support import IMAGE


@pytest.fixture
def store(jackin_paths: JackinPaths) -> InstanceStore:
    return InstanceStore(jackin_paths)


@pytest.fixture
def docker() -> FakeDocker:
    return FakeDocker(images=[IMAGE])
