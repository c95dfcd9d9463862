"""Fixtures for the env tests: fake `op`s, keyring backends and a captured debug log."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.debug import disable_debug, enable_debug
from tests.sdk.env._fake_op import FakeOp
from tests.sdk.env._keyrings import keyring_file, keyring_missing
from tests.sdk.env._op_stub import op_stub

__all__ = ["debug_log", "fake_op", "keyring_file", "keyring_missing", "op_stub"]


@pytest.fixture
def fake_op(tmp_path: Path) -> FakeOp:
    """A fake `op` executable in its own directory."""
    directory = tmp_path / "fake-op"
    directory.mkdir()
    return FakeOp(directory)


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """jackin's debug log captured in memory, detached again afterwards."""
    stream = io.StringIO()
    handler = enable_debug(stream)
    yield stream
    disable_debug(handler)
