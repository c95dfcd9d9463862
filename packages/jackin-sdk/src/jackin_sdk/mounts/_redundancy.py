"""Rule C: a mount already exposed by another mount is redundant.

B is covered by A when A.src is a proper ancestor of B.src and B.dst lies under A.dst
at the same relative suffix: A already shows B's host tree at B's container path.
Coverage ignores `readonly`; removing a covered mount whose flag differs from its
parent's would change what the container may write, so the planners refuse it.
Coverage is transitive, so every covered mount has an outermost parent that is not
covered itself; reports always name that one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jackin_sdk.mounts._errors import MountError
from jackin_sdk.mounts._mount import Mount
from jackin_sdk.mounts._paths import normalize, relative_under

__all__ = [
    "MountPlan",
    "Redundancy",
    "covers",
    "find_redundant",
    "plan_mount_additions",
    "plan_prune",
]


@dataclass(frozen=True, slots=True)
class Redundancy:
    """`child` is already exposed by `parent` (rule C)."""

    child: Mount
    parent: Mount

    @property
    def readonly_mismatch(self) -> bool:
        """Whether dropping `child` would change its read-only flag."""
        return self.child.readonly != self.parent.readonly


@dataclass(frozen=True, slots=True)
class MountPlan:
    """The mount list after a change, and the covered mounts it dropped (`collapsed`)."""

    mounts: list[Mount]
    collapsed: list[Redundancy]


def covers(parent: Mount, child: Mount) -> bool:
    """Whether `parent` makes `child` redundant under rule C (never true of itself)."""
    suffix = relative_under(parent.src, child.src)
    return suffix is not None and relative_under(parent.dst, child.dst) == suffix


def _depth(mount: Mount) -> int:
    return sum(1 for part in normalize(mount.src).split("/") if part)


def _outermost(parents: Sequence[Mount]) -> Mount:
    """Return the parent closest to the root (all are ancestors of one child's src)."""
    return min(parents, key=_depth)


def _covering(child: Mount, candidates: Sequence[Mount]) -> Redundancy | None:
    """Return `child` with its outermost covering parent among `candidates`, if any."""
    parents = [parent for parent in candidates if covers(parent, child)]
    return Redundancy(child=child, parent=_outermost(parents)) if parents else None


def _covered(mounts: Sequence[Mount]) -> list[tuple[int, Redundancy]]:
    found: list[tuple[int, Redundancy]] = []
    for index, child in enumerate(mounts):
        redundancy = _covering(child, mounts)
        if redundancy is not None:
            found.append((index, redundancy))
    return found


def find_redundant(mounts: Sequence[Mount]) -> list[Redundancy]:
    """Return every covered mount with its outermost covering parent, in list order."""
    return [redundancy for _, redundancy in _covered(mounts)]


def _mode(mount: Mount) -> str:
    return "ro" if mount.readonly else "rw"


def _check_readonly(redundancy: Redundancy) -> None:
    if redundancy.readonly_mismatch:
        parent, child = redundancy.parent, redundancy.child
        raise MountError(
            f"mount {parent.src} ({_mode(parent)}) would subsume {child.src} "
            f"({_mode(child)}), but the readonly flag differs. Match the flag or remove "
            "the child first."
        )


def _without(mounts: Sequence[Mount], dropped: Sequence[int]) -> list[Mount]:
    skip = set(dropped)
    return [mount for index, mount in enumerate(mounts) if index not in skip]


def plan_prune(mounts: Sequence[Mount]) -> MountPlan:
    """Plan `workspace prune`: drop every covered mount.

    Raises when a covered mount's read-only flag differs from its parent's.
    """
    found = _covered(mounts)
    for _, redundancy in found:
        _check_readonly(redundancy)
    return MountPlan(
        mounts=_without(mounts, [index for index, _ in found]),
        collapsed=[redundancy for _, redundancy in found],
    )


def _reject_duplicate_destinations(added: Sequence[Mount]) -> None:
    seen: set[str] = set()
    for mount in added:
        dst = normalize(mount.dst)
        if dst in seen:
            raise MountError(f"duplicate workspace edit mount destination: {mount.dst}")
        seen.add(dst)


def _upsert(existing: Sequence[Mount], added: Sequence[Mount]) -> tuple[list[Mount], set[int]]:
    """Return the merged list and the indexes holding added mounts."""
    merged = list(existing)
    new: set[int] = set()
    for mount in added:
        dst = normalize(mount.dst)
        index = next(
            (i for i, current in enumerate(merged) if normalize(current.dst) == dst),
            len(merged),
        )
        if index == len(merged):
            merged.append(mount)
        else:
            merged[index] = mount
        new.add(index)
    return merged, new


def plan_mount_additions(existing: Sequence[Mount], added: Sequence[Mount]) -> MountPlan:
    """Plan adding `added` to `existing` (workspace create and edit).

    An added mount replaces the existing mount at the same destination, in place;
    the others are appended. Rule C is then applied to every pair involving an added
    mount: an existing or added mount covered by an added parent is collapsed (dropped
    and reported, in list order); an added mount covered by an existing mount that
    stays is an error. Covering pairs made only of existing mounts are left alone:
    find them with `find_redundant`, clear them with `plan_prune`. For create, pass no
    existing mounts: redundant children among the new mounts collapse into their
    parents. A read-only mismatch in any of these pairs is an error.
    """
    _reject_duplicate_destinations(added)
    merged, new = _upsert(existing, added)
    added_mounts = [merged[index] for index in sorted(new)]
    found: list[tuple[int, Redundancy]] = []
    for index, mount in enumerate(merged):
        subsumed = None if index in new else _covering(mount, added_mounts)
        if subsumed is not None:
            _check_readonly(subsumed)
            found.append((index, subsumed))
    gone = new | {index for index, _ in found}
    staying = [mount for index, mount in enumerate(merged) if index not in gone]
    for index in sorted(new):
        blocking = _covering(merged[index], staying)
        if blocking is not None:
            _check_readonly(blocking)
            raise MountError(
                f"mount {blocking.child.src} is already covered by existing mount "
                f"{blocking.parent.src}. Nothing to add."
            )
        redundant = _covering(merged[index], added_mounts)
        if redundant is not None:
            _check_readonly(redundant)
            found.append((index, redundant))
    found.sort(key=lambda item: item[0])
    return MountPlan(
        mounts=_without(merged, [index for index, _ in found]),
        collapsed=[redundancy for _, redundancy in found],
    )
