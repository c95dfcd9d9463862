"""The mount value shared by workspaces, ad-hoc `--mount`s and global mounts."""

from __future__ import annotations

from dataclasses import dataclass

from jackin_sdk.mounts._types import Isolation

__all__ = ["Mount"]


@dataclass(frozen=True, slots=True)
class Mount:
    """A host path (`src`) bound at a container path (`dst`)."""

    src: str
    dst: str
    readonly: bool = False
    isolation: Isolation = Isolation.SHARED
