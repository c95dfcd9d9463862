"""Mount isolation kinds."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Isolation"]


class Isolation(StrEnum):
    """How a workspace mount reaches the container."""

    SHARED = "shared"
    WORKTREE = "worktree"
    CLONE = "clone"
