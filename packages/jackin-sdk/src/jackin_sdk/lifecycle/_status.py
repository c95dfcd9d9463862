"""`jackin status`: the instance index joined with one engine listing (spec cli §3.12)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jackin_sdk.instances import InstanceStatus

if TYPE_CHECKING:
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.instances import IndexRow, InstanceStore
from jackin_sdk.resources import LABEL_KIND, LABEL_MANAGED, ResourceKind

__all__ = ["InstanceView", "list_instances", "state_word", "status_document"]

_ROLE_LABELS = {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.ROLE.value}


@dataclass(frozen=True, slots=True)
class InstanceView:
    """One instance as `status` shows it: its index row and its container's state."""

    row: IndexRow
    docker_status: str | None
    """The engine's status word (`running`, `exited`, …), None when there is no container."""

    @property
    def workspace(self) -> str:
        """The saved workspace, or the directory of an ad-hoc instance."""
        return self.row.workspace_name or self.row.workspace_label

    @property
    def state(self) -> str:
        """`running`, `stopped`, `paused`, … or `gone` (no container)."""
        return state_word(self.docker_status)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "instance_id": self.row.instance_id,
            "container_base": self.row.container_base,
            "workspace": self.workspace,
            "role": self.row.role_key,
            "agent": self.row.agent_runtime,
            "state": self.state,
            "status": self.row.status.value,
            "updated_at": self.row.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


def state_word(docker_status: str | None) -> str:
    """Collapse the engine's status into what an operator needs."""
    if docker_status is None:
        return "gone"
    if docker_status in ("exited", "dead", "created"):
        return "stopped"
    return docker_status


def list_instances(
    docker: DockerApi,
    store: InstanceStore,
    *,
    include_purged: bool = False,
    workspace: str | None = None,
    state: str | None = None,
) -> list[InstanceView]:
    """Every indexed instance with its container's state, from one list call to the engine.

    `workspace` and `state` (`running`, `stopped`, …) keep only the matching ones.
    """
    containers = {c.name: c.status for c in docker.list_containers(_ROLE_LABELS)}
    views = [
        InstanceView(row, containers.get(row.container_base))
        for row in store.index()
        if include_purged or row.status != InstanceStatus.PURGED
    ]
    return [
        v
        for v in views
        if (workspace is None or v.workspace == workspace) and (state is None or v.state == state)
    ]


def status_document(views: list[InstanceView]) -> dict[str, Any]:
    """`status --format json`: instances grouped by workspace, in the reference's shape."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for view in views:
        groups.setdefault(view.workspace, []).append(view.to_dict())
    return {
        "schema_version": "v1",
        "workspaces": [{"workspace": k, "instances": v} for k, v in groups.items()],
    }
