"""Advisory inter-process locks with a timeout and a message naming the holder."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from jackin_sdk.errors import JackinError

__all__ = ["FileLock", "LockTimeout"]


class LockTimeout(JackinError):
    """Another process held the lock for longer than the timeout."""

    def __init__(self, path: Path, purpose: str, holder_pid: int | None, timeout: float) -> None:
        who = f"pid {holder_pid}" if holder_pid is not None else "pid unknown"
        super().__init__(
            f"another jackin process ({who}) is {purpose}; waited {timeout:g} s. "
            f"Wait for it to finish or stop it, then retry (lock file: {path})"
        )
        self.path = path
        self.holder_pid = holder_pid


class FileLock:
    """An exclusive (or shared) `flock` on `path`, held for the `with` block.

    The exclusive holder writes its PID into the file so a waiter that times out can say
    who is holding it. Locks are per open file: two `FileLock`s on one path conflict even
    inside one process, which keeps threads honest too.
    """

    def __init__(
        self,
        path: Path,
        *,
        purpose: str = "using this resource",
        timeout: float = 5.0,
        poll_interval: float = 0.025,
        shared: bool = False,
    ) -> None:
        self.path = Path(path)
        self.purpose = purpose
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.shared = shared
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object currently holds the lock."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, polling until `timeout`; raise `LockTimeout` naming the holder."""
        if self._fd is not None:
            raise RuntimeError(f"lock {self.path} is already held by this object")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        operation = (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, operation)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_pid(fd)
                    os.close(fd)
                    raise LockTimeout(self.path, self.purpose, holder, self.timeout) from None
                time.sleep(self.poll_interval)
        if not self.shared:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Release the lock; the lock file stays so later waiters share one inode."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if not self.shared:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        raw = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(raw) if raw.isdigit() else None
