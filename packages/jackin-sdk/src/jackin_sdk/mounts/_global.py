"""Global mounts from `[docker.mounts]`: validation and per-role resolution.

An entry is unscoped (`scope` None, every role), namespace-scoped (`"ns/*"`) or
scoped to one role key (`"ns/name"` or `"name"`). Global mounts are always shared.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from jackin_sdk.mounts._errors import MountError, MountPathError
from jackin_sdk.mounts._mount import Mount
from jackin_sdk.mounts._paths import expand_tilde, normalize
from jackin_sdk.mounts._types import Isolation
from jackin_sdk.mounts._validate import check_mount_paths, validate_mount_specs

__all__ = [
    "GlobalMountEntry",
    "resolve_global_mount_entries",
    "resolve_global_mounts",
    "validate_global_mounts",
]


@dataclass(frozen=True, slots=True)
class GlobalMountEntry:
    """A named global mount and the scope it applies to (None: every role)."""

    scope: str | None
    name: str
    mount: Mount

    @property
    def scope_label(self) -> str:
        """The scope as shown to operators: the pattern, or `global`."""
        return self.scope if self.scope is not None else "global"


def _wildcard_matches(wildcard: str, scope: str) -> bool:
    prefix = wildcard.removesuffix("/*")
    return wildcard.endswith("/*") and scope.startswith(prefix + "/")


def _scopes_overlap(left: str | None, right: str | None) -> bool:
    """Whether one role could receive mounts from both scopes."""
    if left is None or right is None or left == right:
        return True
    return _wildcard_matches(left, right) or _wildcard_matches(right, left)


def _check_entry(entry: GlobalMountEntry) -> None:
    label = f"global mount {entry.name} [{entry.scope_label}]"
    if entry.scope is not None and not entry.scope.strip():
        raise MountError(f"global mount {entry.name} has an empty scope")
    if entry.mount.isolation is not Isolation.SHARED:
        raise MountError(
            f"global mount {entry.name} cannot use isolation {entry.mount.isolation}; "
            "global mounts are always shared"
        )
    try:
        check_mount_paths(entry.mount, allow_tilde=True)
    except MountPathError as error:
        raise error.at(origin=label) from None


def validate_global_mounts(entries: Sequence[GlobalMountEntry]) -> None:
    """Validate the whole global mount set; first failure wins.

    Names are non-empty and unique per scope; each mount is shared with absolute,
    undotted paths (`~` and `~/…` sources are accepted: they expand at resolution);
    no two differently named mounts share a destination in overlapping scopes.
    Source existence is checked at launch, not here.
    """
    seen: set[tuple[str | None, str]] = set()
    for entry in entries:
        if not entry.name.strip():
            raise MountError("global mount name cannot be empty")
        key = (entry.scope, entry.name)
        if key in seen:
            raise MountError(f"duplicate global mount entry: {entry.name} [{entry.scope_label}]")
        seen.add(key)
        _check_entry(entry)
    for left, right in combinations(entries, 2):
        if (
            left.name != right.name
            and normalize(left.mount.dst) == normalize(right.mount.dst)
            and _scopes_overlap(left.scope, right.scope)
        ):
            raise MountError(
                f"duplicate global mount destination in overlapping scope: {left.mount.dst} "
                f"({left.name} [{left.scope_label}] and {right.name} [{right.scope_label}])"
            )


def _role_scopes(role_key: str) -> list[str | None]:
    namespace, sep, _ = role_key.partition("/")
    return [None, f"{namespace}/*", role_key] if sep else [None, role_key]


def resolve_global_mount_entries(
    entries: Sequence[GlobalMountEntry], role_key: str, *, home: Path
) -> list[GlobalMountEntry]:
    """Return the global mounts that apply to `role_key`, sorted by name.

    Entries are unioned by name in scope order unscoped → `"<ns>/*"` → exact key; a
    later scope replaces an earlier mount of the same name. Sources are tilde-expanded
    against `home`, isolation is forced to shared, and the result must pass
    `validate_mount_specs`.
    """
    if not role_key:
        raise MountError("role key cannot be empty")
    by_name: dict[str, GlobalMountEntry] = {}
    for scope in _role_scopes(role_key):
        for entry in entries:
            if entry.scope == scope:
                mount = dataclasses.replace(
                    entry.mount,
                    src=expand_tilde(entry.mount.src, home=home),
                    isolation=Isolation.SHARED,
                )
                by_name[entry.name] = dataclasses.replace(entry, mount=mount)
    resolved = [by_name[name] for name in sorted(by_name)]
    for entry in resolved:
        try:
            validate_mount_specs([entry.mount])
        except MountPathError as error:
            raise error.at(origin=f"validating global mount {entry.name}") from None
        except MountError as error:
            raise MountError(f"validating global mount {entry.name}: {error}") from error
    validate_mount_specs([entry.mount for entry in resolved])
    return resolved


def resolve_global_mounts(
    entries: Sequence[GlobalMountEntry], role_key: str, *, home: Path
) -> list[Mount]:
    """Return the mounts of `resolve_global_mount_entries`."""
    return [entry.mount for entry in resolve_global_mount_entries(entries, role_key, home=home)]
