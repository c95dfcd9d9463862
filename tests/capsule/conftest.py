from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.capsule.support import Capsule


@pytest.fixture
def capsule(tmp_path: Path) -> Iterator[Capsule]:
    """Temporary capsule dirs; processes a test leaves running are killed afterwards."""
    harness = Capsule(tmp_path)
    yield harness
    harness.cleanup()
