"""Env values that point at a secret stored outside the config files.

Two plain-string forms, so config files stay valid for the schema:

* `keyring:<service>/<username>`: an entry of the OS keyring (the `keyring` package);
* `private-file:<absolute path>`: a file readable only by its owner (mode 0600 or tighter).

`private-file:` rather than `file:` because `file:/…` URIs (SQLite URLs, for one) are
ordinary literals that must keep passing through untouched.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.debug import redact, register_secret
from jackin_sdk.env._errors import EnvError

__all__ = [
    "FILE_PREFIX",
    "KEYRING_PREFIX",
    "FileRef",
    "KeyringRef",
    "StoredRef",
    "parse_stored_ref",
    "read_stored_ref",
]

KEYRING_PREFIX = "keyring:"
FILE_PREFIX = "private-file:"
_KEYRING = re.compile(r"keyring:([^/\s]+)/(\S(?:.*\S)?)")
_FILE = re.compile(r"private-file:(/.*)")


@dataclass(frozen=True, slots=True)
class KeyringRef:
    """An OS keyring entry: `keyring:<service>/<username>`."""

    service: str
    username: str

    @property
    def entry(self) -> str:
        """`<service>/<username>`, how the entry is shown."""
        return f"{self.service}/{self.username}"

    def __str__(self) -> str:
        return f"{KEYRING_PREFIX}{self.entry}"


@dataclass(frozen=True, slots=True)
class FileRef:
    """A private file holding the value: `private-file:<absolute path>`."""

    path: Path

    def __str__(self) -> str:
        return f"{FILE_PREFIX}{self.path}"


StoredRef = KeyringRef | FileRef


def parse_stored_ref(text: str) -> StoredRef | None:
    """The keyring entry or private file a whole-string value names; None for anything else."""
    if match := _KEYRING.fullmatch(text):
        return KeyringRef(match[1], match[2])
    if match := _FILE.fullmatch(text):
        return FileRef(Path(match[1]))
    return None


def _read_keyring(ref: KeyringRef) -> str:
    import keyring  # noqa: PLC0415 - only launches with keyring values pay for it
    from keyring.errors import KeyringError  # noqa: PLC0415

    try:
        value = keyring.get_password(ref.service, ref.username)
    except KeyringError as exc:
        raise EnvError(f"keyring entry {ref.entry} could not be read: {redact(str(exc))}") from None
    if value is None:
        raise EnvError(f"keyring entry {ref.entry} does not exist")
    return value


def _read_file(ref: FileRef) -> str:
    try:
        info = ref.path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise EnvError(f"private file {ref.path} is not a regular file")
        loose = stat.S_IMODE(info.st_mode) & 0o077
        if os.name == "posix" and loose:
            raise EnvError(
                f"private file {ref.path} is readable by other users "
                f"(mode {stat.S_IMODE(info.st_mode):04o}); run `chmod 600 {ref.path}`"
            )
        value = ref.path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EnvError(f"private file {ref.path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise EnvError(f"private file {ref.path} could not be read: {reason}") from None
    return value.removesuffix("\n")


def read_stored_ref(ref: StoredRef) -> str:
    """Read the value `ref` points at and register it as a secret; `EnvError` names the ref."""
    value = _read_keyring(ref) if isinstance(ref, KeyringRef) else _read_file(ref)
    register_secret(value)
    return value
