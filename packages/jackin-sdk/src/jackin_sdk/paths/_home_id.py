"""The identity of a jackin home: which Docker objects are this home's (jackin#17 item 3).

Several homes (`JACKIN_HOME_DIR`) can share one engine. Every Docker object jackin makes
carries `jackin.home=<id>` of the home that made it, and bulk commands act only on their
own home's objects. The id is random, made once and kept in `<home>/home-id`:

    {"version": 1, "id": "<32 hex digits>", "path": "<the home's resolved path>"}

It is not the path: a path is reused (a home deleted and made again, a temporary folder)
and a home can be moved. The path in the file tells a copy from a move. A home copied
with its `home-id` (`cp -r ~/.jackin ~/.jackin-b`) finds another folder recorded whose
own `home-id` still holds the same id: it is a copy and takes a new id, so the two homes
never own each other's objects. When the recorded folder is gone or holds another id, the
home was moved: it keeps its id and records where it is now. The same folder reached by
two paths (a bind mount, a symlink) is the same file, and changes nothing.

The file is made atomically (a complete temporary file hard-linked into place, so two
first commands racing agree on one id); a rewrite happens under `<home>/home-id.lock`.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jackin_sdk.errors import CodedError, ErrorCode, Location
from jackin_sdk.fs import FileLock, UnreadableFile, atomic_write_text, read_bounded_text

__all__ = ["HOME_ID_FILE", "HomeIdentity", "home_identity"]

HOME_ID_FILE = "home-id"
"""Its name in the jackin home."""
_LOCK = "home-id.lock"
_VERSION = 1
_ID = re.compile(r"[0-9a-f]{32}")
_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class HomeIdentity:
    """The id in `jackin.home` labels, and the home's path (diagnostic, `jackin.home.path`)."""

    id: str
    path: Path


def _unreadable(file: Path, why: str, field: str | None = None) -> CodedError:
    return CodedError(ErrorCode.E022, detail=why, location=Location(file=file, field=field))


def _parse(file: Path, text: str) -> tuple[str, str]:
    try:
        document: Any = json.loads(text)
    except ValueError as exc:
        raise _unreadable(file, f"not JSON ({exc})") from None
    if not isinstance(document, dict):
        raise _unreadable(file, "not a JSON object")
    if document.get("version") != _VERSION:
        raise _unreadable(file, f"unsupported version (this jackin reads {_VERSION})", "version")
    ident, path = document.get("id"), document.get("path")
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        raise _unreadable(file, "not 32 lowercase hex digits", "id")
    if not isinstance(path, str) or not path.startswith("/"):
        raise _unreadable(file, "not an absolute path", "path")
    return ident, path


def _read(file: Path) -> tuple[str, str] | None:
    """(id, recorded path), None when there is no file; E022 when it cannot be read."""
    if not os.path.lexists(file):
        return None
    try:
        text = read_bounded_text(file, limit=_LIMIT)
    except UnreadableFile as exc:
        raise _unreadable(file, exc.message) from None
    return _parse(file, text)


def _render(ident: str, path: Path) -> str:
    return json.dumps({"version": _VERSION, "id": ident, "path": str(path)}, indent=2) + "\n"


def _create(file: Path, here: Path) -> None:
    """Make the file unless it exists: a complete temporary file, hard-linked into place."""
    temp = file.with_name(f".{file.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, _render(secrets.token_hex(16), here).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, file)
    except FileExistsError:
        pass  # another command made it first: its id is the home's
    finally:
        temp.unlink(missing_ok=True)


def _relation(ident: str, recorded: Path, file: Path) -> Literal["same", "copy", "moved"]:
    """What the recorded folder is to this home: itself by another path, the original of
    this copy (it still holds the id), or a place this home was moved from."""
    other = recorded / HOME_ID_FILE
    try:
        if other.samefile(file):
            return "same"
        found = _read(other)
    except (OSError, CodedError):
        return "moved"
    return "copy" if found is not None and found[0] == ident else "moved"


def home_identity(home_dir: Path, *, create: bool = True) -> HomeIdentity | None:
    """This home's identity, made on first use (the home folder too, 0700).

    `create=False` (read-only commands such as `status`) returns None when the home has
    no identity yet: no Docker object can carry an id that was never made. A copied home
    takes a new id and a moved one records its new path (see the module docstring).
    Raises E022 when the file cannot be read.
    """
    file = home_dir / HOME_ID_FILE
    here = home_dir.resolve()
    found = _read(file)
    if found is None:
        if not create:
            return None
        home_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        _create(file, here)
        found = _read(file)
        assert found is not None
    ident, recorded = found
    if Path(recorded) == here:
        return HomeIdentity(ident, here)
    with FileLock(home_dir / _LOCK, purpose="updating the jackin home identity", timeout=10.0):
        found = _read(file)
        assert found is not None
        ident, recorded = found
        relation = "same" if Path(recorded) == here else _relation(ident, Path(recorded), file)
        if relation == "copy":
            ident = secrets.token_hex(16)
        if relation != "same":
            atomic_write_text(file, _render(ident, here))
    return HomeIdentity(ident, here)
