"""The detail blocks of a workspace row (B3): General, Mounts, Global mounts, Roles.

Plain data (titles, column names, rows of strings, already escaped) that a front end
renders as it likes. The mount type looks at the host source (a stat or two), so build
these off the UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.overview._model import EntryKind, WorkspaceEntry
from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig, WorkspaceConfig

__all__ = ["DetailBlock", "mount_type", "workspace_details"]


@dataclass(frozen=True, slots=True)
class DetailBlock:
    """One bordered block: a table (`columns` named) or key/value rows (`columns` empty)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = ""
    """What the block says when it has no rows."""


def _block(
    title: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]], empty: str = ""
) -> DetailBlock:
    return DetailBlock(title, columns, tuple(tuple(printable(c) for c in r) for r in rows), empty)


def mount_type(src: str) -> str:
    """`git` (a repository root), `folder`, `file` or `missing`, from the host source."""
    path = Path(src).expanduser()
    try:
        if path.is_dir():
            return "git" if (path / ".git").exists() else "folder"
        if path.exists():
            return "file"
    except OSError:
        pass
    return "missing"


def _mode(readonly: bool) -> str:
    return "ro" if readonly else "rw"


def _global_mounts(config: OperatorConfig) -> DetailBlock:
    from jackin_sdk.config import global_mount_entries  # noqa: PLC0415

    rows = []
    for entry in global_mount_entries(config.app):
        mode = _mode(entry.mount.readonly)
        rows.append(
            (entry.mount.dst, mode if entry.scope is None else f"{mode} · {entry.scope} only")
        )
    rows.sort()
    return _block("Global mounts", ("Destination", "Mode"), rows, "no global mounts")


def _roles(config: OperatorConfig, workspace: WorkspaceConfig | None) -> DetailBlock:
    default = workspace.default_role if workspace is not None else None
    allowed = list(workspace.allowed_roles) if workspace is not None else []
    shown = ", ".join(allowed) if allowed else "any configured role"
    if not allowed and config.app.roles:
        shown += f" ({', '.join(sorted(config.app.roles))})"
    return _block("Roles", (), [("Default", default or "none"), ("Allowed", shown)])


def _directory_mounts(directory: str) -> list[tuple[str, ...]]:
    return [(directory, "rw", "shared", mount_type(directory))]


def workspace_details(config: OperatorConfig, entry: WorkspaceEntry) -> tuple[DetailBlock, ...]:
    """The blocks the right pane shows for a workspace-type row."""
    if entry.kind is EntryKind.NEW:
        return (
            _block(
                "New workspace",
                (),
                [("", "Enter sets up a new saved workspace: its mounts, roles and defaults.")],
            ),
        )
    workspace = (
        config.workspaces.get(entry.name)
        if entry.kind is EntryKind.SAVED and entry.name is not None
        else None
    )
    mount_columns = ("Destination", "Mode", "Isolation", "Type")
    if workspace is not None:
        workdir = workspace.workdir
        mounts: list[tuple[str, ...]] = [
            (m.dst, _mode(m.readonly), str(m.isolation.value), mount_type(m.src))
            for m in workspace.mounts
        ]
    elif entry.directory is not None:
        workdir = entry.directory
        mounts = _directory_mounts(entry.directory)
    else:
        workdir, mounts = "unknown (the workspace is no longer saved)", []
    return (
        _block("General", (), [("Working dir", workdir)]),
        _block("Mounts", mount_columns, mounts, "no mounts"),
        _global_mounts(config),
        _roles(config, workspace),
    )
