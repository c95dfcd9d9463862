"""Atomic file replacement: a reader sees the old file or the new one, never a torn one."""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

__all__ = [
    "PRIVATE_FILE_MODE",
    "atomic_write_bytes",
    "atomic_write_if_changed",
    "atomic_write_text",
]

PRIVATE_FILE_MODE = 0o600
_counter = itertools.count()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(
    path: Path, data: bytes, *, mode: int | None = None, follow_symlinks: bool = False
) -> None:
    """Replace `path` with `data` atomically and durably.

    The data goes to a sibling temp file (`<name>.tmp.<pid>.<n>`, created 0600 so a secret
    is never readable in between), is fsynced, renamed over `path`, and the folder is
    fsynced. `mode=None` keeps the mode of an existing file, or 0600 for a new one; pass
    `mode` to force one (e.g. 0600 where secrets live).

    A symlink at `path` is replaced by a regular file unless `follow_symlinks=True`: then
    the link's final target is replaced instead (temp file in the target's folder), and
    the link stays. Only files the operator owns follow links (config and workspace
    files kept in a dotfiles repository); state folders a container can write never do,
    so a link planted there cannot redirect a write elsewhere on the host.
    """
    path = Path(path)
    if follow_symlinks and path.is_symlink():
        path = Path(os.path.realpath(path))
    if mode is None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = PRIVATE_FILE_MODE
    tmp = path.with_name(f"{path.name}.tmp.{os.getpid()}.{next(_counter)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def atomic_write_text(
    path: Path,
    text: str,
    *,
    mode: int | None = None,
    encoding: str = "utf-8",
    follow_symlinks: bool = False,
) -> None:
    """Replace `path` with `text` atomically; see `atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode(encoding), mode=mode, follow_symlinks=follow_symlinks)


def atomic_write_if_changed(path: Path, data: bytes, *, mode: int) -> bool:
    """Write `data` atomically unless `path` already holds exactly it; True when written.

    An unchanged file keeps its inode (a running container's single-file bind still
    sees it) and only gets `mode` set.
    """
    path = Path(path)
    if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
        path.chmod(mode)
        return False
    atomic_write_bytes(path, data, mode=mode)
    return True
