"""`--mount-isolation DST=TYPE` overrides and their application to a mount plan."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from jackin_sdk.mounts._errors import MountError
from jackin_sdk.mounts._mount import Mount
from jackin_sdk.mounts._paths import normalize
from jackin_sdk.mounts._types import Isolation

__all__ = ["apply_isolation_overrides", "parse_isolation", "parse_isolation_override"]


def parse_isolation(text: str) -> Isolation:
    """Return the isolation named `text` (`shared`, `worktree` or `clone`)."""
    try:
        return Isolation(text)
    except ValueError:
        choices = ", ".join(kind.value for kind in Isolation)
        raise MountError(f"invalid isolation `{text}`; expected one of: {choices}") from None


def parse_isolation_override(text: str) -> tuple[str, Isolation]:
    """Parse `DST=TYPE` into the destination and its isolation.

    The split is at the last `=`, since no TYPE contains one.
    """
    dst, sep, kind = text.rpartition("=")
    if not sep:
        raise MountError(f"expected DST=TYPE, got `{text}`")
    if not dst:
        raise MountError(f"mount destination cannot be empty in `{text}`")
    return dst, parse_isolation(kind)


def apply_isolation_overrides(
    mounts: Sequence[Mount], overrides: Sequence[tuple[str, Isolation]]
) -> list[Mount]:
    """Return `mounts` with each override's isolation set on the mount at its destination.

    Destinations compare after normalisation (`/x/` names `/x`); later overrides of the
    same destination win.
    """
    result = list(mounts)
    for dst, isolation in overrides:
        target = normalize(dst)
        for index, mount in enumerate(result):
            if normalize(mount.dst) == target:
                result[index] = dataclasses.replace(mount, isolation=isolation)
                break
        else:
            raise MountError(
                f"--mount-isolation references unknown destination `{dst}`; "
                "it must match a mount in the final plan"
            )
    return result
