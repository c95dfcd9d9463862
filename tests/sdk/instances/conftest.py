"""Fixtures: a store on temporary roots with a stepping clock, and a fake engine."""

from __future__ import annotations

import pytest

from jackin_sdk.instances import InstanceStore
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from tests.sdk.instances.support import IMAGE, StepClock


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def store(jackin_paths: JackinPaths, clock: StepClock) -> InstanceStore:
    return InstanceStore(jackin_paths, clock=clock)


@pytest.fixture
def docker() -> FakeDocker:
    return FakeDocker(images=[IMAGE])
