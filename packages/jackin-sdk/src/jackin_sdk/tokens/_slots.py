"""Where jackin keeps a Claude token it stores itself: a keyring entry or a private file.

One slot per workspace (or workspace × role). Names are unambiguous: the workspace name is
percent-encoded (so `:`, `+` and `/` in it cannot imitate a separator) and role keys only
hold `a-z`, `0-9`, `-` and one `/`.
"""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import quote

from jackin_sdk.debug import redact
from jackin_sdk.env import FileRef, KeyringRef, StoredRef
from jackin_sdk.errors import JackinError
from jackin_sdk.fs import PRIVATE_FILE_MODE, atomic_write_text
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleSelector

__all__ = [
    "KEYRING_SERVICE",
    "delete_slot",
    "file_slot",
    "is_jackin_slot",
    "keyring_available",
    "keyring_slot",
    "secrets_dir",
    "slot_exists",
    "write_slot",
]

KEYRING_SERVICE = "jackin"
_USERNAME_PREFIX = "claude-token:"
_FILE_PREFIX = "claude-token-"
_PRIVATE_DIR_MODE = 0o700


def _encoded(workspace: str) -> str:
    return quote(workspace, safe="")


def secrets_dir(paths: JackinPaths) -> Path:
    """`<jackin home>/secrets`, where tokens live when there is no OS keyring."""
    return paths.home_dir / "secrets"


def keyring_slot(workspace: str, role: RoleSelector | None) -> KeyringRef:
    """`jackin/claude-token:<workspace>[:<role>]`."""
    suffix = f":{role.key}" if role is not None else ""
    return KeyringRef(KEYRING_SERVICE, f"{_USERNAME_PREFIX}{_encoded(workspace)}{suffix}")


def file_slot(paths: JackinPaths, workspace: str, role: RoleSelector | None) -> FileRef:
    """`<jackin home>/secrets/claude-token-<workspace>[+<role slug>]`."""
    suffix = f"+{role.slug}" if role is not None else ""
    return FileRef(secrets_dir(paths) / f"{_FILE_PREFIX}{_encoded(workspace)}{suffix}")


def is_jackin_slot(paths: JackinPaths, ref: StoredRef) -> bool:
    """Whether jackin created `ref` (so it may delete it), as opposed to one the operator wrote."""
    if isinstance(ref, KeyringRef):
        return ref.service == KEYRING_SERVICE and ref.username.startswith(_USERNAME_PREFIX)
    return ref.path.parent == secrets_dir(paths) and ref.path.name.startswith(_FILE_PREFIX)


def keyring_available() -> bool:
    """Whether the `keyring` package has a backend that can store secrets on this host."""
    import keyring  # noqa: PLC0415 - heavy, and only token commands need it
    from keyring.backends import fail, null  # noqa: PLC0415

    try:
        backend = keyring.get_keyring()
        priority = backend.priority
    except Exception:  # a backend that cannot even initialise is unusable
        return False
    return not isinstance(backend, fail.Keyring | null.Keyring) and priority > 0


def _keyring_error(action: str, ref: KeyringRef, exc: Exception) -> JackinError:
    return JackinError(f"could not {action} keyring entry {ref.entry}: {redact(str(exc))}")


def _write_file(ref: FileRef, token: str) -> None:
    folder = ref.path.parent
    folder.mkdir(mode=_PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) != _PRIVATE_DIR_MODE:
        folder.chmod(_PRIVATE_DIR_MODE)
    atomic_write_text(ref.path, token + "\n", mode=PRIVATE_FILE_MODE)


def write_slot(ref: StoredRef, token: str) -> None:
    """Store `token` in the keyring entry or private file `ref` names (0600 in a 0700 folder)."""
    if isinstance(ref, FileRef):
        _write_file(ref, token)
        return
    import keyring  # noqa: PLC0415
    from keyring.errors import KeyringError  # noqa: PLC0415

    try:
        keyring.set_password(ref.service, ref.username, token)
    except KeyringError as exc:
        raise _keyring_error("write", ref, exc) from None


def slot_exists(ref: StoredRef) -> bool:
    """Whether `ref` currently holds something; an unreadable keyring counts as empty."""
    if isinstance(ref, FileRef):
        return ref.path.is_file()
    import keyring  # noqa: PLC0415
    from keyring.errors import KeyringError  # noqa: PLC0415

    try:
        return keyring.get_password(ref.service, ref.username) is not None
    except KeyringError:
        return False


def delete_slot(ref: StoredRef) -> bool:
    """Delete what `ref` holds; False when there was nothing to delete."""
    if isinstance(ref, FileRef):
        try:
            ref.path.unlink()
        except FileNotFoundError:
            return False
        return True
    import keyring  # noqa: PLC0415
    from keyring.errors import KeyringError, PasswordDeleteError  # noqa: PLC0415

    if not slot_exists(ref):
        return False
    try:
        keyring.delete_password(ref.service, ref.username)
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise _keyring_error("delete", ref, exc) from None
    return True
