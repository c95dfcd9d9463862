"""Bounded reads of the records the host reads back from a container-writable folder.

The run dir (`/jackin/run` inside, the instance's sockets dir outside) is written by the
container, where the agent is root: what the host finds there may be a FIFO, a device,
a directory or a file of any size. `read_record` opens it without blocking, checks on
the open descriptor that it is a regular file and reads at most `limit` bytes; anything
else is an `OSError`, which the record's reader turns into "no record". It is the one
bounded reader: the SDK's `jackin_sdk.fs.read_bounded_bytes` calls it with
`follow_symlinks=True` and turns its errors into coded ones.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["MAX_RECORD_BYTES", "NotRegularFile", "RecordTooLarge", "read_record"]

MAX_RECORD_BYTES = 64 * 1024
"""The most read from one record: they are a few hundred bytes."""


class NotRegularFile(OSError):
    """The path opened is a FIFO, device, directory or socket; `mode` is its `st_mode`."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))
        self.mode = mode


class RecordTooLarge(OSError):
    """The file holds more than `limit` bytes (also when it grew while being read)."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit} bytes", str(path))
        self.limit = limit


def read_record(
    path: Path, *, limit: int = MAX_RECORD_BYTES, follow_symlinks: bool = False
) -> bytes:
    """The bytes of regular file `path`, at most `limit` of them.

    Opened with O_NONBLOCK (a FIFO never blocks) and, unless `follow_symlinks`,
    O_NOFOLLOW: the run dir is the container's, and a symlink planted there would resolve
    on the host, so it is refused. The type and size are checked with fstat on the open
    descriptor (no race with a swap of the path). Raises `OSError` for a missing or
    unreadable file or a refused symlink, `NotRegularFile` for anything that is not a
    regular file, and `RecordTooLarge` for one larger than `limit`.
    """
    flags = (
        os.O_RDONLY
        | os.O_NONBLOCK
        | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_NOCTTY", 0)
    )
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
        if info.st_size > limit:
            raise RecordTooLarge(path, limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise RecordTooLarge(path, limit)
    return b"".join(chunks)
