"""Bounded reads of small text files an operator or a role author wrote.

Config files, workspace files and role manifests are read through `read_bounded_text`:
a symlink to a regular file is followed (dotfiles set-ups), but anything that is not a
regular file once opened (a FIFO, `/dev/zero`, a directory, a socket) is refused without
blocking, a file over the cap is refused without reading it whole, and bytes that are not
UTF-8 are refused with the line and column of the first bad byte.
"""

from __future__ import annotations

import stat
from pathlib import Path

from jackin_sdk.errors import JackinError, Location

__all__ = ["MAX_TEXT_FILE_BYTES", "UnreadableFile", "read_bounded_bytes", "read_bounded_text"]

#: The cap on config.toml, a workspace file or jackin.role.toml: 1 MiB. The largest real
#: file seen is a few KiB; the cap only exists so a mistake cannot exhaust memory.
MAX_TEXT_FILE_BYTES = 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFile(JackinError):
    """A file that cannot be read as small UTF-8 text; `location` names it (and the line
    and column of the first byte that is not UTF-8)."""

    def __init__(self, message: str, *, location: Location, hint: str) -> None:
        super().__init__(message, location=location)
        self.hint = hint


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bounded_bytes(path: Path, *, limit: int = MAX_TEXT_FILE_BYTES) -> bytes:
    """The bytes of regular file `path` (symlinks followed), at most `limit` of them.

    Read by the capsule contract's `read_record` (the one bounded reader: O_NONBLOCK so
    a FIFO never blocks, fstat on the open descriptor, a size cap). Raises
    `UnreadableFile` for a missing or unreadable file, a non-regular file, or one larger
    than `limit`.
    """
    from jackin_capsule.contract import NotRegularFile, RecordTooLarge, read_record  # noqa: PLC0415

    path = Path(path)
    where = Location(file=path)
    try:
        return read_record(path, limit=limit, follow_symlinks=True)
    except NotRegularFile as exc:
        raise UnreadableFile(
            f"is {_kind(exc.mode)}, not a regular file",
            location=where,
            hint="Replace it with a regular file (a symlink to one is fine)",
        ) from None
    except RecordTooLarge:
        raise _too_large(where, limit) from None
    except OSError as exc:
        raise UnreadableFile(
            f"cannot open the file: {exc.strerror or type(exc).__name__}",
            location=where,
            hint="Check that it exists and that you can read it",
        ) from None


def _too_large(where: Location, limit: int) -> UnreadableFile:
    return UnreadableFile(
        f"is larger than {limit // 1024} KiB, the most jackin reads from such a file",
        location=where,
        hint="Check that this is the right file; such files are a few KiB",
    )


def read_bounded_text(path: Path, *, limit: int = MAX_TEXT_FILE_BYTES) -> str:
    """`read_bounded_bytes` decoded as strict UTF-8; a bad byte is an `UnreadableFile`
    naming its line and column (1-based, the column counted in bytes)."""
    data = read_bounded_bytes(path, limit=limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise UnreadableFile(
            f"is not valid UTF-8 (byte 0x{data[start]:02x} at line {line}, column {column})",
            location=Location(file=Path(path), line=line, column=column),
            hint="Save the file as UTF-8",
        ) from None
