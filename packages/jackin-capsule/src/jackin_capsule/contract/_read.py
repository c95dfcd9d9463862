"""Bounded reads of the records the host reads back from a container-writable folder.

The run dir (`/jackin/run` inside, the instance's sockets dir outside) is written by the
container, where the agent is root: what the host finds there may be a FIFO, a device,
a directory or a file of any size. `read_record` opens it without blocking, checks on
the open descriptor that it is a regular file and reads at most `limit` bytes; anything
else is an `OSError`, which the record's reader turns into "no record". The SDK's
`jackin_sdk.fs.read_bounded_bytes` does the same with coded errors; the capsule is
stdlib-only, so it keeps this small copy.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["MAX_RECORD_BYTES", "read_record"]

MAX_RECORD_BYTES = 64 * 1024
"""The most read from one record: they are a few hundred bytes."""


def read_record(path: Path, *, limit: int = MAX_RECORD_BYTES) -> bytes:
    """The bytes of regular file `path`, at most `limit` of them.

    Opened with O_NONBLOCK (a FIFO never blocks) and O_NOFOLLOW: the run dir is the
    container's, and a symlink planted there would resolve on the host, so it is refused.
    Raises `OSError` for a missing or unreadable file, a symlink, anything that is not a
    regular file, and one larger than `limit` (also when it grows while being read).
    """
    flags = (
        os.O_RDONLY
        | os.O_NONBLOCK
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_NOCTTY", 0)
    )
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
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
        raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
    return b"".join(chunks)
