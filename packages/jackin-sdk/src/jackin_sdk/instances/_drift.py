"""What `InstanceStore.drift` finds when the index, the manifests and Docker disagree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.docker import ContainerSummary
from jackin_sdk.instances._index import IndexRow
from jackin_sdk.instances._manifest import InstanceManifest

__all__ = ["DriftReport", "StaleRow"]


@dataclass(frozen=True, slots=True)
class StaleRow:
    """An index row that does not say what the instance's manifest says."""

    container: str
    row: IndexRow | None
    """None: the manifest has no index row."""
    manifest: InstanceManifest | None
    """None: the row's state dir has no manifest any more (and the row is not `purged`)."""


@dataclass(frozen=True, slots=True)
class DriftReport:
    """Disagreements between the instance files and Docker; `repair_drift` fixes the first two.

    `foreign_containers` and `legacy_containers` are information, not disagreements.
    """

    missing_containers: tuple[IndexRow, ...] = ()
    """Live (active/running) instances whose role container is gone and that no process holds."""
    stale_rows: tuple[StaleRow, ...] = ()
    orphan_containers: tuple[ContainerSummary, ...] = ()
    """This home's role containers with neither an index row nor a manifest; only reported."""
    unreadable_manifests: tuple[Path, ...] = ()
    """Manifests that could not be read; their instances are left out of the checks."""
    foreign_containers: tuple[ContainerSummary, ...] = ()
    """Role containers of other jackin homes on the engine: not this home's to check."""
    legacy_containers: tuple[ContainerSummary, ...] = ()
    """Unlabelled role containers (an older jackin) that this home's records do not name."""

    @property
    def clean(self) -> bool:
        """Whether nothing disagrees."""
        return not (
            self.missing_containers
            or self.stale_rows
            or self.orphan_containers
            or self.unreadable_manifests
        )
