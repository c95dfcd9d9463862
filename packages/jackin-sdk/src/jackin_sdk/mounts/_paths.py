"""Lexical path helpers: tilde expansion, normalisation and ancestry.

Host and container paths are POSIX paths; nothing here touches the filesystem.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

__all__ = [
    "expand_tilde",
    "has_dot_component",
    "normalize",
    "overlaps",
    "relative_under",
    "resolve_host_path",
]


def expand_tilde(path: str, *, home: Path) -> str:
    """Return `path` with a leading `~` or `~/` replaced by `home`.

    `~user` forms are left alone: expanding them would need a user database lookup.
    """
    if path == "~":
        return str(home)
    if path.startswith("~/"):
        rest = path[2:].lstrip("/")
        return str(home / rest) if rest else str(home)
    return path


def normalize(path: str) -> str:
    """Return `path` with `.`, `..`, repeated and trailing slashes removed ("" stays "")."""
    if not path:
        return path
    normalized = posixpath.normpath(path)
    if normalized.startswith("//"):
        normalized = "/" + normalized.lstrip("/")
    return normalized


def resolve_host_path(path: str, *, cwd: Path, home: Path) -> str:
    """Return `path` tilde-expanded, made absolute against `cwd` and normalised.

    Symlinks are not resolved: the mount keeps the path the operator wrote.
    """
    expanded = expand_tilde(path, home=home)
    if not expanded.startswith("/"):
        expanded = posixpath.join(str(cwd), expanded)
    return normalize(expanded)


def has_dot_component(path: str) -> bool:
    """Whether `path` has a `.` or `..` component (either separator counts)."""
    return any(part in {".", ".."} for part in path.replace("\\", "/").split("/"))


def relative_under(parent: str, child: str) -> str | None:
    """Return `child` relative to `parent` when it lies strictly under it, else None."""
    parent, child = normalize(parent), normalize(child)
    if not parent or parent == child:
        return None
    prefix = parent if parent.endswith("/") else parent + "/"
    return child[len(prefix) :] if child.startswith(prefix) else None


def overlaps(left: str, right: str) -> bool:
    """Whether two paths are equal or one is an ancestor of the other."""
    return (
        normalize(left) == normalize(right)
        or relative_under(left, right) is not None
        or relative_under(right, left) is not None
    )
