"""The lifecycle status of an instance and the sets it belongs to (spec runtime §6.3)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["InstanceStatus"]


class InstanceStatus(StrEnum):
    """Where an instance is in its life; the value is what the files store."""

    ACTIVE = "active"
    """The manifest exists and the launch is under way."""
    RUNNING = "running"
    """The operator attached to the running role container."""
    CLEAN_EXITED = "clean_exited"
    """Exited cleanly with nothing at risk."""
    CRASHED = "crashed"
    """The container died, or vanished while the instance was live."""
    PRESERVED_DIRTY = "preserved_dirty"
    """Kept because isolated work has uncommitted changes."""
    PRESERVED_UNPUSHED = "preserved_unpushed"
    """Kept because isolated work has unpushed commits."""
    RESTORE_AVAILABLE = "restore_available"
    """Kept state that a later `load` or `hardline` can bring back."""
    SUPERSEDED = "superseded"
    """The operator started fresh instead of restoring this one."""
    PURGED = "purged"
    """Tombstone: the state is gone, only the index row remains."""
    FAILED_SETUP = "failed_setup"
    """The launch failed after the manifest was written."""

    @property
    def is_restore_candidate(self) -> bool:
        """Whether a restore may pick this instance up (live ones included)."""
        return self in _RESTORE

    @property
    def is_launch_candidate(self) -> bool:
        """Whether the launch dialog offers it: a restore candidate that is not live."""
        return self in _LAUNCH

    @property
    def is_prunable(self) -> bool:
        """Whether `prune instances` removes its state and index row."""
        return self in _PRUNABLE

    @property
    def is_live(self) -> bool:
        """Whether the status says a role container should exist (active or running)."""
        return self in _LIVE


_LIVE = frozenset({InstanceStatus.ACTIVE, InstanceStatus.RUNNING})
_LAUNCH = frozenset(
    {
        InstanceStatus.CRASHED,
        InstanceStatus.PRESERVED_DIRTY,
        InstanceStatus.PRESERVED_UNPUSHED,
        InstanceStatus.RESTORE_AVAILABLE,
        InstanceStatus.FAILED_SETUP,
    }
)
_RESTORE = _LAUNCH | _LIVE
_PRUNABLE = frozenset(
    {
        InstanceStatus.CLEAN_EXITED,
        InstanceStatus.SUPERSEDED,
        InstanceStatus.FAILED_SETUP,
        InstanceStatus.PURGED,
    }
)
