"""Structural rules for mount lists and saved workspaces (upstream-config.md §3)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

from jackin_sdk.mounts._errors import MountError, MountPart, MountPathError, quoted
from jackin_sdk.mounts._mount import Mount
from jackin_sdk.mounts._paths import has_dot_component, normalize, overlaps, relative_under
from jackin_sdk.mounts._types import Isolation

__all__ = [
    "RESERVED_DESTINATIONS",
    "check_mount_paths",
    "mount_path_problem",
    "validate_isolation_layout",
    "validate_mount_specs",
    "validate_workspace_mounts",
    "validate_workspace_name",
]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def validate_workspace_name(name: str) -> None:
    """Reject a workspace name that cannot be a config-file stem or printed plainly."""
    from jackin_sdk.text import require_printable  # noqa: PLC0415 - text imports errors only

    require_printable(name, what="workspace name")
    if not name:
        raise MountError("workspace name cannot be empty")
    if name in {".", ".."}:
        raise MountError(f"workspace name {_quoted(name)} is reserved")
    if "/" in name or "\\" in name:
        raise MountError(f"workspace name {_quoted(name)} cannot contain path separators")


RESERVED_DESTINATIONS = ("/proc", "/jackin")
"""Container folders no workspace mount may be at or inside: `/proc` (the runtime refuses
to mount there) and `/jackin` (jackin's own state, run folder and secrets)."""

_SYMLINK_HINT = (
    "Rename the folder, or mount it through a symlink whose path has no `:` "
    "(`ln -s {path} ~/link`, then mount `~/link`)"
)


def _common_problem(part: MountPart, path: str) -> tuple[str, str] | None:
    """What Docker's `src:dst:mode` bind strings cannot carry, in either part."""
    if "\0" in path:
        return (
            f"the mount {part} {quoted(path)} contains a NUL character, which no path can hold",
            f"Remove the NUL character from the mount {part}",
        )
    if ":" in path:
        reason = (
            f"the mount {part} {quoted(path)} contains `:`, which Docker's bind syntax "
            "(`src:dst:mode`) cannot carry"
        )
        if part == "source":
            return reason, _SYMLINK_HINT.format(path=quoted(path))
        if path.endswith(":rw"):
            return reason, (
                "`:rw` is not a mode jackin reads: mounts are read-write unless they end in "
                "`:ro`; drop the `:rw`"
            )
        return reason, "Choose a container path without `:`"
    return None


def _absolute_problem(part: MountPart, path: str, *, allow_tilde: bool) -> tuple[str, str] | None:
    if path.startswith("/"):
        return None
    if allow_tilde and part == "source" and (path == "~" or path.startswith("~/")):
        return None
    if part == "source":
        return f"mount source must be absolute: {path}", "Write the full host path"
    return f"mount destination must be an absolute path: {path}", "Container paths start with `/`"


def _destination_problem(path: str) -> tuple[str, str] | None:
    target = normalize(path)
    if target == "/":
        return (
            "mount destination cannot be `/`: Docker does not bind over the container's root",
            "Mount it at a folder, such as `/workspace`",
        )
    for reserved in RESERVED_DESTINATIONS:
        if target == reserved or relative_under(reserved, target) is not None:
            owner = "the container runtime" if reserved == "/proc" else "jackin's own mounts"
            return (
                f"mount destination {path} lies in {reserved}, which is reserved for {owner}",
                "Choose another container path",
            )
    return None


def mount_path_problem(
    part: MountPart, path: str, *, allow_tilde: bool = False
) -> tuple[str, str] | None:
    """(reason, hint) when `path` cannot be the `part` of a mount, else None.

    Sources are absolute host paths (`~` and `~/…` too with `allow_tilde`, for global
    mounts that expand later); destinations absolute container paths that are not `/` and
    not at or inside a reserved folder (`RESERVED_DESTINATIONS`). Neither has a `.` or
    `..` component, a `:` or a NUL, which the engine's bind strings cannot carry. Commas,
    spaces and other control characters pass: the engine binds them as written.
    """
    problem = _absolute_problem(part, path, allow_tilde=allow_tilde) or _common_problem(part, path)
    if problem is None and has_dot_component(path):
        problem = (
            f"mount {part} must not contain `.` or `..` components: {path}",
            f"Write the mount {part} without `.` or `..`",
        )
    if problem is None and part == "destination":
        problem = _destination_problem(path)
    return problem


def check_mount_paths(mount: Mount, *, allow_tilde: bool = False) -> None:
    """Raise `MountPathError` (E018) for the first of `mount`'s paths that cannot be bound."""
    parts: tuple[tuple[MountPart, str], ...] = (("source", mount.src), ("destination", mount.dst))
    for part, path in parts:
        problem = mount_path_problem(part, path, allow_tilde=allow_tilde)
        if problem is not None:
            reason, hint = problem
            raise MountPathError(part, path, reason, hint=hint)


def validate_mount_specs(mounts: Sequence[Mount]) -> None:
    """Reject paths a mount cannot have (`check_mount_paths`, E018) and duplicate
    destinations; first failure wins.

    Destinations are compared normalised, so `/x` and `/x/` are duplicates. Source
    existence is not checked here: that is a launch-time concern.
    """
    seen: set[str] = set()
    for mount in mounts:
        check_mount_paths(mount)
        dst = normalize(mount.dst)
        if dst in seen:
            raise MountError(f"duplicate mount destination: {mount.dst}")
        seen.add(dst)


def _same_host_repo(left: str, right: str) -> bool:
    """Compare canonical paths when both exist, normalised paths otherwise."""
    a, b = Path(normalize(left)), Path(normalize(right))
    if a.exists() and b.exists():
        return a.resolve() == b.resolve()
    return a == b


def _nesting(left: Mount, right: Mount) -> tuple[Mount, Mount] | None:
    """Return (outer, inner) when one destination lies strictly under the other."""
    if relative_under(left.dst, right.dst) is not None:
        return left, right
    if relative_under(right.dst, left.dst) is not None:
        return right, left
    return None


def validate_isolation_layout(mounts: Sequence[Mount]) -> None:
    """Reject isolated mounts nested in each other and worktrees sharing a host repo."""
    isolated = [mount for mount in mounts if mount.isolation is not Isolation.SHARED]
    for left, right in combinations(isolated, 2):
        nested = _nesting(left, right)
        if nested is not None:
            outer, inner = nested
            raise MountError(
                f"isolated mount `{inner.dst}` cannot be nested inside isolated mount "
                f"`{outer.dst}`; either make the inner mount `shared` or move the inner "
                "mount outside the parent's path"
            )
        if (
            left.isolation is Isolation.WORKTREE
            and right.isolation is Isolation.WORKTREE
            and _same_host_repo(left.src, right.src)
        ):
            raise MountError(
                f"isolated mounts `{left.dst}` and `{right.dst}` cannot share the same host "
                f"repository `{left.src}`; remove one of them or change one to `shared`"
            )


def validate_workspace_mounts(
    name: str,
    workdir: str,
    mounts: Sequence[Mount],
    *,
    allowed_roles: Sequence[str] = (),
    default_role: str | None = None,
) -> None:
    """Validate a workspace's workdir, mounts and default role; first failure wins.

    Runs upstream-config.md §3 items 1-5, 7 and 8 in order (item 6, auth modes, belongs
    to the config layer). Source existence is left to launch.
    """
    label = f"workspace {_quoted(name)}"
    if not workdir:
        raise MountError(f"{label} must define workdir")
    if not workdir.startswith("/"):
        raise MountError(f"{label} workdir must be an absolute container path")
    if not mounts:
        raise MountError(f"{label} must define at least one mount")
    validate_mount_specs(mounts)
    validate_isolation_layout(mounts)
    if not any(overlaps(workdir, mount.dst) for mount in mounts):
        raise MountError(
            f"{label} workdir must be equal to, inside, or a parent of one of the "
            "workspace mount destinations"
        )
    if default_role is not None and allowed_roles and default_role not in allowed_roles:
        raise MountError(
            f"{label} default_role {_quoted(default_role)} must be a member of "
            f"allowed_roles ({', '.join(allowed_roles)}) when allowed_roles is set"
        )
