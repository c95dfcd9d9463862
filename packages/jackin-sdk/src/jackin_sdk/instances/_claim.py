"""The name lock `<data>/<c>.lock` a launch holds for its whole life (spec runtime §2.6)."""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from jackin_sdk.errors import JackinError
from jackin_sdk.fs import FileLock
from jackin_sdk.instances._naming import instance_id_from_container

__all__ = ["ClaimedInstance", "lock_name"]

_VERIFY_ATTEMPTS = 3


def _is_ours(path: Path) -> bool:
    # FileLock writes the holder's pid through its descriptor. When a reaper unlinked
    # the file between our open and our flock, the path shows another file.
    try:
        return path.read_text(encoding="ascii").strip() == str(os.getpid())
    except (OSError, UnicodeDecodeError):
        return False


def lock_name(path: Path, container: str, *, timeout: float) -> FileLock:
    """Take the name lock of `container` at `path`; `LockTimeout` naming the holder if held.

    Locks on a file that was unlinked meanwhile (see `InstanceStore.reap_locks`) are
    dropped and retaken, so two processes never both believe they hold one name.
    """
    for _ in range(_VERIFY_ATTEMPTS):
        lock = FileLock(path, purpose=f"using instance {container}", timeout=timeout)
        lock.acquire()
        if _is_ours(path):
            return lock
        lock.release()
    raise JackinError(
        f"the lock file {path} was replaced {_VERIFY_ATTEMPTS} times while jackin locked it; retry"
    )


class ClaimedInstance:
    """An instance name this process holds; release it (or leave the `with`) when done."""

    __slots__ = ("_lock", "container", "state_dir")

    def __init__(self, container: str, state_dir: Path, lock: FileLock) -> None:
        self.container = container
        """The container base name `<c>`."""
        self.state_dir = state_dir
        """`<data>/<c>/`, which may not exist yet."""
        self._lock = lock

    @property
    def instance_id(self) -> str:
        """The 8-character id inside the name."""
        return instance_id_from_container(self.container) or self.container

    @property
    def lock_path(self) -> Path:
        """`<data>/<c>.lock`."""
        return self._lock.path

    @property
    def held(self) -> bool:
        """Whether the name lock is still held."""
        return self._lock.held

    def release(self) -> None:
        """Release the name lock (idempotent); the lock file stays until purge or reaping."""
        self._lock.release()

    def __enter__(self) -> ClaimedInstance:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"ClaimedInstance({self.container!r}, held={self.held})"
