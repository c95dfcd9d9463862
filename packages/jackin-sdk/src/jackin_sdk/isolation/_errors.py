"""The errors isolated mounts raise.

JackinError
├── IsolationError          a preflight refusal, a git failure, a refused purge
│   └── AtRiskWork          `remove_all(only_clean=True)` found dirty or unpushed work
└── CodedError
    └── MaterializeConflict E015: the state on disk disagrees with the request
        ├── SourceDrift     the recorded host repository is not the mount's source
        └── ModeDrift       the recorded isolation is not the mount's isolation
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from jackin_sdk.errors import CodedError, ErrorCode, JackinError

if TYPE_CHECKING:
    from jackin_sdk.isolation._assess import Assessment

__all__ = ["AtRiskWork", "IsolationError", "MaterializeConflict", "ModeDrift", "SourceDrift"]


class IsolationError(JackinError):
    """An isolated mount could not be prepared, inspected or removed."""

    def __init__(self, message: str, *, mount_dst: str | None = None) -> None:
        super().__init__(message)
        self.mount_dst = mount_dst


class AtRiskWork(IsolationError):
    """Isolated checkouts hold work that would be lost; nothing was removed."""

    def __init__(self, assessments: Sequence[Assessment]) -> None:
        lines = [
            f"  {a.record.mount_dst}: {a.risk} ({a.detail}) in {a.record.worktree_path}"
            for a in assessments
        ]
        super().__init__(
            "isolated work would be lost; review it, or delete it explicitly:\n" + "\n".join(lines)
        )
        self.assessments = tuple(assessments)


class MaterializeConflict(CodedError):
    """E015: an isolated checkout cannot be created or reused as asked."""

    def __init__(self, detail: str, *, mount_dst: str, hint: str | None = None) -> None:
        super().__init__(ErrorCode.E015, detail=detail, hint=hint)
        self.mount_dst = mount_dst


class SourceDrift(MaterializeConflict):
    """E015: the mount's source is not the host repository its checkout was made from."""

    def __init__(self, *, mount_dst: str, recorded: str, configured: str, checkout: str) -> None:
        super().__init__(
            f"isolated mount `{mount_dst}` was created from `{recorded}`, "
            f"but its source is now `{configured}`",
            mount_dst=mount_dst,
            hint=(
                f"Point the mount back at `{recorded}`, or review the work in `{checkout}` "
                "and delete the instance with `jackin purge <container>`"
            ),
        )
        self.recorded = recorded
        self.configured = configured


class ModeDrift(MaterializeConflict):
    """E015: the mount's isolation differs from the one its checkout was made with."""

    def __init__(self, *, mount_dst: str, recorded: str, configured: str, checkout: str) -> None:
        super().__init__(
            f"isolated mount `{mount_dst}` was created as `{recorded}`, "
            f"but its isolation is now `{configured}`",
            mount_dst=mount_dst,
            hint=(
                f"Set the mount's isolation back to `{recorded}`, or review the work in "
                f"`{checkout}` and delete the instance with `jackin purge <container>`"
            ),
        )
        self.recorded = recorded
        self.configured = configured
