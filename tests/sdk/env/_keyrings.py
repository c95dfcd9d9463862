"""Real keyring backends for tests: a file-based one under tmp_path, or none at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail


@contextmanager
def _using(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@contextmanager
def file_keyring(directory: Path) -> Iterator[KeyringBackend]:
    """`keyrings.alt`'s PlaintextKeyring, storing its INI file in `directory`."""
    from keyrings.alt.file import PlaintextKeyring  # noqa: PLC0415

    backend = PlaintextKeyring()
    # `file_path` is a non-data property: an instance attribute overrides the XDG default.
    backend.file_path = str(directory / "keyring_pass.cfg")
    with _using(backend) as active:
        yield active


@contextmanager
def no_keyring() -> Iterator[KeyringBackend]:
    """The backend `keyring` falls back to when a host has none: every call raises."""
    with _using(fail.Keyring()) as active:  # type: ignore[no-untyped-call]
        yield active


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringBackend]:
    """A real file-based keyring under tmp_path, selected for the test."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    with file_keyring(tmp_path / "keyring") as backend:
        yield backend


@pytest.fixture
def keyring_missing() -> Iterator[KeyringBackend]:
    """No keyring backend: every keyring call raises `NoKeyringError`."""
    with no_keyring() as backend:
        yield backend
