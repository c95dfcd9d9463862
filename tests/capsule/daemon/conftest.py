from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.capsule.daemon.harness import Home, home_dirs


@pytest.fixture
def home() -> Iterator[Home]:
    """Short temporary run/work dirs; daemons left running are killed afterwards."""
    with home_dirs() as created:
        yield created
