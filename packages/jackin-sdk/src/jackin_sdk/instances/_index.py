"""Rows of the instance index `instances.json` (version 1) and the file's text form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jackin_sdk.instances._files import (
    Fields,
    InstanceFileError,
    format_timestamp,
    load_object,
    render_json,
)
from jackin_sdk.instances._status import InstanceStatus

__all__ = ["INDEX_VERSION", "IndexRow", "parse_index", "render_index", "sort_rows"]

INDEX_VERSION = 1
_WHAT = "instance index"


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexRow:
    """One instance in the index: enough to find it without opening its manifest."""

    instance_id: str
    container_base: str
    workspace_name: str | None
    workspace_label: str
    workdir: str
    role_key: str
    agent_runtime: str
    status: InstanceStatus
    updated_at: dt.datetime

    def matches(
        self,
        *,
        workspace_name: str | None,
        workspace_label: str,
        workdir: str,
        role_key: str | None = None,
        agent: str | None = None,
    ) -> bool:
        """Exact workspace, label and workdir; role and agent only when given."""
        return (
            self.workspace_name == workspace_name
            and self.workspace_label == workspace_label
            and self.workdir == workdir
            and (role_key is None or self.role_key == role_key)
            and (agent is None or self.agent_runtime == agent)
        )

    def to_dict(self) -> dict[str, Any]:
        """The row as the index stores it."""
        return {
            "instance_id": self.instance_id,
            "container_base": self.container_base,
            "workspace_name": self.workspace_name,
            "workspace_label": self.workspace_label,
            "workdir": self.workdir,
            "role_key": self.role_key,
            "agent_runtime": self.agent_runtime,
            "status": self.status.value,
            "updated_at": format_timestamp(self.updated_at),
        }

    @classmethod
    def from_fields(cls, fields: Fields) -> IndexRow:
        """Read a row; `InstanceFileError` names the bad field."""
        return cls(
            instance_id=fields.text("instance_id"),
            container_base=fields.text("container_base"),
            workspace_name=fields.optional_text("workspace_name"),
            workspace_label=fields.text("workspace_label"),
            workdir=fields.text("workdir"),
            role_key=fields.text("role_key"),
            agent_runtime=fields.text("agent_runtime"),
            status=fields.choice("status", InstanceStatus),
            updated_at=fields.timestamp("updated_at"),
        )


def sort_rows(rows: Iterable[IndexRow]) -> list[IndexRow]:
    """Newest `updated_at` first; ties by container name so the order is stable."""
    by_name = sorted(rows, key=lambda row: row.container_base)
    return sorted(by_name, key=lambda row: row.updated_at, reverse=True)


def render_index(rows: Iterable[IndexRow]) -> str:
    """The text of `instances.json` for `rows`, sorted newest first."""
    return render_json(
        {"version": INDEX_VERSION, "instances": [row.to_dict() for row in sort_rows(rows)]}
    )


def parse_index(text: str, path: Path | None = None) -> list[IndexRow]:
    """The rows of an index file; `InstanceFileError` naming `path` when it cannot be read."""
    document = load_object(text, path, _WHAT)
    version = document.integer("version")
    if version != INDEX_VERSION:
        raise InstanceFileError(
            path,
            f"unsupported instance index version {version} (this jackin reads {INDEX_VERSION})",
            field="version",
        )
    raw_rows = document.objects("instances")
    if "instances" not in document.data:
        raise document.error("instances", "missing")
    return [
        IndexRow.from_fields(Fields(raw, path, _WHAT, prefix=f"instances[{n}]."))
        for n, raw in enumerate(raw_rows)
    ]
