"""`jackin status`: the instance index joined with one engine listing (spec cli §3.12).

Only this home's role containers are joined; other jackin homes' on the same engine, and
unlabelled ones (an older jackin) this home's records do not name, are only counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jackin_sdk.instances import InstanceStatus

if TYPE_CHECKING:
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.instances import IndexRow, InstanceStore
from jackin_sdk.resources import LABEL_KIND, LABEL_MANAGED, Owner, ResourceKind

__all__ = [
    "InstanceListing",
    "InstanceView",
    "instance_listing",
    "list_instances",
    "state_word",
    "status_document",
]

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


@dataclass(frozen=True, slots=True)
class InstanceListing:
    """This home's instances, and how many role containers on the engine are not its own."""

    views: list[InstanceView]
    foreign: int = 0
    """Role containers of other jackin homes."""
    legacy: int = 0
    """Unlabelled role containers (an older jackin) this home's records do not name."""


def instance_listing(
    docker: DockerApi,
    store: InstanceStore,
    *,
    include_purged: bool = False,
    workspace: str | None = None,
    state: str | None = None,
) -> InstanceListing:
    """Every indexed instance with its container's state, from one list call to the engine.

    `workspace` and `state` (`running`, `stopped`, …) keep only the matching ones. Only
    this home's containers are joined (a container of another home named like one of its
    instances leaves that instance `gone`); the others are counted.
    """
    owners = store.ownership(create=False)
    containers: dict[str, str] = {}
    others = {Owner.FOREIGN: 0, Owner.LEGACY: 0}
    for summary in docker.list_containers(_ROLE_LABELS):
        owner = owners.owner(summary.name, summary.labels, role=True)
        if owner is Owner.OWN:
            containers[summary.name] = summary.status
        else:
            others[owner] += 1
    views = [
        InstanceView(row, containers.get(row.container_base))
        for row in store.index()
        if include_purged or row.status != InstanceStatus.PURGED
    ]
    kept = [
        v
        for v in views
        if (workspace is None or v.workspace == workspace) and (state is None or v.state == state)
    ]
    return InstanceListing(kept, others[Owner.FOREIGN], others[Owner.LEGACY])


def list_instances(
    docker: DockerApi,
    store: InstanceStore,
    *,
    include_purged: bool = False,
    workspace: str | None = None,
    state: str | None = None,
) -> list[InstanceView]:
    """This home's instances: `instance_listing` without the counts of other homes'."""
    return instance_listing(
        docker, store, include_purged=include_purged, workspace=workspace, state=state
    ).views


def status_document(views: list[InstanceView]) -> dict[str, Any]:
    """`status --format json`: instances grouped by workspace, in the reference's shape."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for view in views:
        groups.setdefault(view.workspace, []).append(view.to_dict())
    return {
        "schema_version": "v1",
        "workspaces": [{"workspace": k, "instances": v} for k, v in groups.items()],
    }
