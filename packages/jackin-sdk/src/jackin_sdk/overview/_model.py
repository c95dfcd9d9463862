"""The console's sidebar: Current directory, saved workspaces, + New workspace (B3).

Each workspace row carries the instances of the instance index that belong to it:

- a saved workspace: the rows whose `workspace_name` is its name;
- Current directory: the ad-hoc rows (`workspace_name` null) whose `workspace_label`,
  the host directory they mount, is the current directory (resolved), as
  `jackin load <role>` run here records them;
- any other directory that has ad-hoc instances gets a row of its own (after the saved
  workspaces), so no instance is out of reach of the console's keys.

Purged rows are tombstones and never listed. Labels are passed through `printable`: the
index is ours, but its names come from operator input and directory names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.instances import IndexRow, InstanceStatus
from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.instances import InstanceStore

__all__ = [
    "CURRENT_DIRECTORY_LABEL",
    "NEW_WORKSPACE_LABEL",
    "EntryKind",
    "InstanceEntry",
    "Overview",
    "WorkspaceEntry",
    "build_overview",
    "load_overview",
]

CURRENT_DIRECTORY_LABEL = "Current directory"
NEW_WORKSPACE_LABEL = "+ New workspace"
UNKNOWN_STATE = "unknown"
"""The container state when the engine was not asked (Docker unavailable)."""


class EntryKind(StrEnum):
    """What a sidebar row stands for."""

    CURRENT = "current"
    """The current directory, mounted at the same path (an ad-hoc launch)."""
    SAVED = "saved"
    """A saved workspace."""
    DIRECTORY = "directory"
    """Another directory that has ad-hoc instances (launched from there)."""
    NEW = "new"
    """`+ New workspace`."""


@dataclass(frozen=True, slots=True)
class InstanceEntry:
    """One instance under its workspace row."""

    container: str
    instance_id: str
    role_key: str
    agent: str
    status: InstanceStatus
    state: str
    """The role container's state: `running`, `stopped`, `paused`, `gone`, or `unknown`
    when the engine was not asked."""

    @property
    def live(self) -> bool:
        """Whether its status is live and its container runs (a capsule to talk to)."""
        return self.status.is_live and self.state == "running"

    @property
    def status_label(self) -> str:
        """The word shown as `[<status>]` for a non-live instance (`restore-available`).

        A live status whose container is not running shows the container's state
        (`stopped`, `gone`) instead: that is what reconnect will find.
        """
        if self.status.is_live and self.state not in ("running", UNKNOWN_STATE):
            return self.state
        return self.status.value.replace("_", "-")

    @property
    def label(self) -> str:
        """`<instance-id> <role-key>`, escaped for the terminal."""
        return printable(f"{self.instance_id} {self.role_key}")

    @classmethod
    def from_row(cls, row: IndexRow, state: str) -> InstanceEntry:
        """The entry of an index row whose container is in `state`."""
        return cls(
            container=row.container_base,
            instance_id=row.instance_id,
            role_key=row.role_key,
            agent=row.agent_runtime,
            status=row.status,
            state=state,
        )


@dataclass(frozen=True, slots=True)
class WorkspaceEntry:
    """One workspace-type row of the sidebar."""

    kind: EntryKind
    label: str
    """What the row shows (escaped)."""
    name: str | None = None
    """The saved workspace's name (SAVED only)."""
    directory: str | None = None
    """The host directory (CURRENT and DIRECTORY)."""
    instances: tuple[InstanceEntry, ...] = ()

    @property
    def key(self) -> str:
        """A stable identity across refreshes (to keep the selection and expansion)."""
        return f"{self.kind.value}:{self.name or self.directory or ''}"

    @property
    def is_saved(self) -> bool:
        """Whether this is a saved workspace (edit, delete and prewarm apply)."""
        return self.kind is EntryKind.SAVED

    @property
    def launchable(self) -> bool:
        """Whether Enter starts the launch flow here (Current directory or saved)."""
        return self.kind in (EntryKind.CURRENT, EntryKind.SAVED)


@dataclass(frozen=True, slots=True)
class Overview:
    """The sidebar, top to bottom."""

    entries: tuple[WorkspaceEntry, ...]

    def entry(self, key: str) -> WorkspaceEntry | None:
        """The row with `key`, None when it is gone."""
        return next((e for e in self.entries if e.key == key), None)

    def instance(self, container: str) -> tuple[WorkspaceEntry, InstanceEntry] | None:
        """The instance named `container` and its workspace row, None when it is gone."""
        for entry in self.entries:
            for instance in entry.instances:
                if instance.container == container:
                    return entry, instance
        return None


def build_overview(
    config: OperatorConfig, rows: Iterable[tuple[IndexRow, str]], *, cwd: Path
) -> Overview:
    """The sidebar from the config and the index rows with their container states.

    `rows` keep their order (the index's: newest first) under each workspace.
    """
    here = str(cwd.resolve())
    saved: dict[str, list[InstanceEntry]] = {name: [] for name in config.workspaces}
    current: list[InstanceEntry] = []
    elsewhere: dict[str, list[InstanceEntry]] = {}
    for row, state in rows:
        if row.status is InstanceStatus.PURGED:
            continue
        entry = InstanceEntry.from_row(row, state)
        if row.workspace_name is not None:
            saved.setdefault(row.workspace_name, []).append(entry)
        elif row.workspace_label == here:
            current.append(entry)
        else:
            elsewhere.setdefault(row.workspace_label, []).append(entry)
    entries = [
        WorkspaceEntry(
            EntryKind.CURRENT, CURRENT_DIRECTORY_LABEL, directory=here, instances=tuple(current)
        )
    ]
    for name in sorted(saved):
        # A saved workspace removed since keeps its instances reachable as a plain row.
        kind = EntryKind.SAVED if name in config.workspaces else EntryKind.DIRECTORY
        entries.append(
            WorkspaceEntry(kind, printable(name), name=name, instances=tuple(saved[name]))
        )
    for directory in sorted(elsewhere):
        entries.append(
            WorkspaceEntry(
                EntryKind.DIRECTORY,
                printable(directory),
                directory=directory,
                instances=tuple(elsewhere[directory]),
            )
        )
    entries.append(WorkspaceEntry(EntryKind.NEW, NEW_WORKSPACE_LABEL))
    return Overview(tuple(entries))


def load_overview(
    config: OperatorConfig, store: InstanceStore, docker: DockerApi | None, *, cwd: Path
) -> Overview:
    """The sidebar now: the index joined with one engine listing (`jackin status`'s join).

    Without `docker` (the engine is unavailable) every container state is `unknown`.
    """
    pairs: Sequence[tuple[IndexRow, str]]
    if docker is None:
        pairs = [(row, UNKNOWN_STATE) for row in store.index()]
    else:
        from jackin_sdk.lifecycle import list_instances  # noqa: PLC0415

        pairs = [(view.row, view.state) for view in list_instances(docker, store)]
    return build_overview(config, pairs, cwd=cwd)
