"""Small file operations: blank-JSON checks, private writes, seed copies."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from pathlib import Path

from jackin_capsule._setup._paths import SetupError

__all__ = [
    "STAGING",
    "copy_tree_into",
    "is_blank",
    "is_blank_json",
    "is_empty_dir",
    "read_bytes",
    "remove",
    "write_file",
]

STAGING = ".jackin-seed.tmp"
"""Where a seed is staged inside a durable folder before its entries move up."""


def read_bytes(path: Path, what: str) -> bytes | None:
    """The file's bytes, or None when it is missing; `SetupError` when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SetupError(f"cannot read {what} {path}: {exc.strerror or exc}") from None


def is_blank(data: bytes | None) -> bool:
    """Missing, empty or whitespace only."""
    return data is None or not data.strip()


def is_blank_json(data: bytes | None) -> bool:
    """Missing, empty, whitespace only, or an empty JSON object (`{}`)."""
    return data is None or b"".join(data.split()) in (b"", b"{}")


def is_empty_dir(path: Path) -> bool:
    """True for a missing folder or one with nothing in it but a stale seed staging folder."""
    try:
        return not [entry for entry in path.iterdir() if entry.name != STAGING]
    except FileNotFoundError:
        return True
    except NotADirectoryError:
        return False
    except OSError as exc:
        raise SetupError(f"cannot list {path}: {exc.strerror or exc}") from None


def remove(path: Path) -> None:
    """Delete a file, symlink or folder tree; a missing path is fine."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SetupError(f"cannot remove {path}: {exc.strerror or exc}") from None


def _write_fd(fd: int, data: bytes, mode: int) -> None:
    try:
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_file(path: Path, data: bytes, mode: int) -> None:
    """Replace `path` with `data` at `mode` (temp file + rename; in place for a bind mount)."""
    temp = path.with_name(f".{path.name}.jackin-tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        _write_fd(os.open(temp, flags, mode), data, mode)
        try:
            temp.replace(path)
        except OSError as exc:
            temp.unlink()
            if exc.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            # A single-file bind mount (`~/.claude.json`) cannot be renamed over.
            _write_fd(os.open(path, os.O_WRONLY | os.O_TRUNC | os.O_NOFOLLOW), data, mode)
    except OSError as exc:
        raise SetupError(f"cannot write {path}: {exc.strerror or exc}") from None


def _copy_regular(source: str, target: str) -> str:
    """`copytree`'s copy function: regular files only (sockets, FIFOs are skipped)."""
    if stat.S_ISREG(os.lstat(source).st_mode):
        shutil.copy2(source, target, follow_symlinks=False)
    return target


def _copy_tree(source: Path, target: Path) -> None:
    try:
        shutil.copytree(source, target, symlinks=True, copy_function=_copy_regular)
    except shutil.Error as exc:
        first = exc.args[0][0] if exc.args and exc.args[0] else ("?", "?", str(exc))
        raise SetupError(f"cannot copy {first[0]} to {first[1]}: {first[2]}") from None


def copy_tree_into(source: Path, target: Path) -> None:
    """Copy folder `source` to `target`, which is missing or empty (modes kept, links as links).

    A missing target is staged beside it and renamed into place; an existing (empty,
    maybe bind-mounted) one gets the copy staged inside it, then each entry moved up.
    """
    try:
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            staged = target.with_name(f".jackin-seed-{target.name}")
            remove(staged)
            _copy_tree(source, staged)
            staged.rename(target)
            return
        staged = target / STAGING
        remove(staged)
        _copy_tree(source, staged)
        staged.chmod(0o700)
        for entry in staged.iterdir():
            entry.rename(target / entry.name)
        staged.rmdir()
    except OSError as exc:
        raise SetupError(f"cannot seed {target} from {source}: {exc.strerror or exc}") from None
