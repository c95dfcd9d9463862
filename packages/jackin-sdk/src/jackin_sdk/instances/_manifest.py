"""The per-instance manifest `<data>/<c>/.jackin/instance.json` (version 2, spec runtime §6.2).

The file keeps the reference's field names and types so either implementation can read
it. Python names follow the JSON except `display_name` (JSON `role_display_name`).
Fields of ours, ignored by the reference: `dind_enabled` (false when absent) and
`mounts` (the resolved mount plan, for `hardline --inspect`; empty when absent).
Unknown keys (a newer writer's, or the reference's `backend`) are kept in `extra` and
written back unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jackin_sdk.instances._files import (
    Fields,
    InstanceFileError,
    format_timestamp,
    load_object,
    render_json,
    to_seconds,
    utc_now,
)
from jackin_sdk.instances._index import IndexRow
from jackin_sdk.instances._naming import instance_id_from_container
from jackin_sdk.instances._status import InstanceStatus
from jackin_sdk.resources import InstanceResources

__all__ = [
    "MANIFEST_VERSION",
    "InstanceDockerNames",
    "InstanceManifest",
    "host_path_fingerprint",
]

MANIFEST_VERSION = 2
_WHAT = "instance manifest"
_UNSET = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
_KNOWN = frozenset(
    {
        "version",
        "instance_id",
        "container_base",
        "created_at",
        "updated_at",
        "workspace_name",
        "workspace_label",
        "workdir",
        "host_workdir_fingerprint",
        "role_key",
        "role_display_name",
        "agent_runtime",
        "role_source_git",
        "role_source_ref",
        "image_tag",
        "status",
        "last_attach_outcome",
        "docker",
        "sessions",
        "role_git_sha",
        "base_image_ref",
        "base_image_digest",
        "supported_agents",
        "dind_enabled",
        "mounts",
    }
)


def host_path_fingerprint(path: str | Path) -> str:
    """`sha256:<hex>` of the canonical form of `path` (of `path` itself if it cannot resolve)."""
    try:
        canonical = str(Path(path).resolve(strict=True))
    except (OSError, RuntimeError):
        canonical = str(path)
    return f"sha256:{hashlib.sha256(canonical.encode()).hexdigest()}"


@dataclass(frozen=True, slots=True)
class InstanceDockerNames:
    """The Docker objects an instance uses, as recorded when it was launched."""

    role_container: str
    network: str
    dind_container: str | None = None
    certs_volume: str | None = None
    """Only the reference uses a certs volume; jackin keeps DinD certs in the state dir."""

    @classmethod
    def for_container(cls, container: str, *, dind: bool) -> InstanceDockerNames:
        """The names derived from `container`: `<c>-net`, and `<c>-dind` with DinD."""
        resources = InstanceResources(container)
        return cls(
            role_container=container,
            network=resources.network,
            dind_container=resources.sidecar if dind else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The `docker` object; absent optional names are left out, as the reference does."""
        document: dict[str, Any] = {"role_container": self.role_container}
        if self.dind_container is not None:
            document["dind_container"] = self.dind_container
        document["network"] = self.network
        if self.certs_volume is not None:
            document["certs_volume"] = self.certs_volume
        return document

    @classmethod
    def from_fields(cls, fields: Fields) -> InstanceDockerNames:
        """Read the `docker` object."""
        return cls(
            role_container=fields.text("role_container"),
            network=fields.text("network"),
            dind_container=fields.optional_text("dind_container"),
            certs_volume=fields.optional_text("certs_volume"),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class InstanceManifest:
    """Everything recorded about one instance; `<c>/.jackin/instance.json` is canonical.

    `instance_id` defaults to the id in `container_base`, `created_at` to now and
    `updated_at` to `created_at`. Timestamps are UTC, to the second.
    """

    container_base: str
    workspace_label: str
    """The workspace name, or the workdir path for an ad hoc launch."""
    workdir: str
    host_workdir_fingerprint: str
    """`host_path_fingerprint` of the host source of the deepest mount covering the workdir."""
    role_key: str
    display_name: str
    """The role's display name (JSON `role_display_name`)."""
    agent_runtime: str
    role_source_git: str
    image_tag: str
    docker: InstanceDockerNames
    instance_id: str = ""
    workspace_name: str | None = None
    """None for an ad hoc launch."""
    role_source_ref: str | None = None
    status: InstanceStatus = InstanceStatus.ACTIVE
    last_attach_outcome: str | None = None
    created_at: dt.datetime = field(default_factory=utc_now)
    updated_at: dt.datetime = _UNSET
    sessions: tuple[dict[str, Any], ...] = ()
    """Reserved by the reference (always empty); kept as read."""
    role_git_sha: str | None = None
    base_image_ref: str | None = None
    base_image_digest: str | None = None
    supported_agents: tuple[str, ...] = ()
    dind_enabled: bool = False
    """Ours: whether the instance has a DinD sidecar."""
    mounts: tuple[dict[str, Any], ...] = ()
    """Ours: the resolved mount plan, for `hardline --inspect`."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Keys this version does not know, written back unchanged."""

    def __post_init__(self) -> None:
        if not self.instance_id:
            parsed = instance_id_from_container(self.container_base)
            object.__setattr__(self, "instance_id", parsed or self.container_base)
        created = to_seconds(self.created_at)
        object.__setattr__(self, "created_at", created)
        updated = created if self.updated_at == _UNSET else to_seconds(self.updated_at)
        object.__setattr__(self, "updated_at", updated)

    @classmethod
    def new(
        cls,
        container_base: str,
        *,
        workspace_name: str | None,
        workspace_label: str,
        workdir: str,
        role_key: str,
        display_name: str,
        agent_runtime: str,
        role_source_git: str,
        role_source_ref: str | None = None,
        role_git_sha: str | None = None,
        image_tag: str = "",
        base_image_ref: str | None = None,
        supported_agents: Sequence[str] = (),
        dind_enabled: bool = False,
        mounts: Sequence[Mapping[str, Any]] = (),
        host_workdir_fingerprint: str | None = None,
        now: dt.datetime | None = None,
    ) -> InstanceManifest:
        """The `active` manifest of a fresh launch, with the Docker names derived from the name.

        `host_workdir_fingerprint` defaults to the fingerprint of `workdir`; pass the
        fingerprint of the host source of the mount covering it when there is one.
        """
        return cls(
            container_base=container_base,
            workspace_name=workspace_name,
            workspace_label=workspace_label,
            workdir=workdir,
            host_workdir_fingerprint=host_workdir_fingerprint or host_path_fingerprint(workdir),
            role_key=role_key,
            display_name=display_name,
            agent_runtime=agent_runtime,
            role_source_git=role_source_git,
            role_source_ref=role_source_ref,
            image_tag=image_tag,
            docker=InstanceDockerNames.for_container(container_base, dind=dind_enabled),
            created_at=now or utc_now(),
            role_git_sha=role_git_sha,
            base_image_ref=base_image_ref,
            supported_agents=tuple(supported_agents),
            dind_enabled=dind_enabled,
            mounts=tuple(dict(mount) for mount in mounts),
        )

    @property
    def version(self) -> int:
        """The manifest schema version this class writes."""
        return MANIFEST_VERSION

    def with_status(
        self,
        status: InstanceStatus,
        *,
        now: dt.datetime | None = None,
        last_attach_outcome: str | None = None,
    ) -> InstanceManifest:
        """A copy with `status`, `updated_at` moved to `now` and, if given, the attach outcome."""
        return dataclasses.replace(
            self,
            status=status,
            updated_at=now or utc_now(),
            last_attach_outcome=(
                self.last_attach_outcome if last_attach_outcome is None else last_attach_outcome
            ),
        )

    def with_image(self, image_tag: str, base_image_ref: str | None = None) -> InstanceManifest:
        """A copy recording the image the instance runs (and the base it was built on)."""
        return dataclasses.replace(
            self, image_tag=image_tag, base_image_ref=base_image_ref or self.base_image_ref
        )

    def index_row(self) -> IndexRow:
        """The row the index holds for this manifest."""
        return IndexRow(
            instance_id=self.instance_id,
            container_base=self.container_base,
            workspace_name=self.workspace_name,
            workspace_label=self.workspace_label,
            workdir=self.workdir,
            role_key=self.role_key,
            agent_runtime=self.agent_runtime,
            status=self.status,
            updated_at=self.updated_at,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON document, keys in the reference's order, then ours, then unknown ones."""
        document: dict[str, Any] = {
            "version": MANIFEST_VERSION,
            "instance_id": self.instance_id,
            "container_base": self.container_base,
            "created_at": format_timestamp(self.created_at),
            "updated_at": format_timestamp(self.updated_at),
            "workspace_name": self.workspace_name,
            "workspace_label": self.workspace_label,
            "workdir": self.workdir,
            "host_workdir_fingerprint": self.host_workdir_fingerprint,
            "role_key": self.role_key,
            "role_display_name": self.display_name,
            "agent_runtime": self.agent_runtime,
            "role_source_git": self.role_source_git,
            "role_source_ref": self.role_source_ref,
            "image_tag": self.image_tag,
            "status": self.status.value,
            "last_attach_outcome": self.last_attach_outcome,
            "docker": self.docker.to_dict(),
            "sessions": [dict(session) for session in self.sessions],
            "role_git_sha": self.role_git_sha,
            "base_image_ref": self.base_image_ref,
            "base_image_digest": self.base_image_digest,
            "supported_agents": list(self.supported_agents),
            "dind_enabled": self.dind_enabled,
            "mounts": [dict(mount) for mount in self.mounts],
        }
        document.update((k, v) for k, v in self.extra.items() if k not in _KNOWN)
        return document

    def to_json(self) -> str:
        """The file's text: pretty JSON."""
        return render_json(self.to_dict())

    @classmethod
    def from_json(cls, text: str, *, source: Path | None = None) -> InstanceManifest:
        """Parse a manifest; `InstanceFileError` naming `source` when it is not a valid v2 one."""
        fields = load_object(text, source, _WHAT)
        version = fields.integer("version")
        if version != MANIFEST_VERSION:
            raise InstanceFileError(
                source,
                f"unsupported instance manifest version {version} "
                f"(this jackin reads {MANIFEST_VERSION})",
                field="version",
            )
        return cls(
            instance_id=fields.text("instance_id"),
            container_base=fields.text("container_base"),
            created_at=fields.timestamp("created_at"),
            updated_at=fields.timestamp("updated_at"),
            workspace_name=fields.optional_text("workspace_name"),
            workspace_label=fields.text("workspace_label"),
            workdir=fields.text("workdir"),
            host_workdir_fingerprint=fields.text("host_workdir_fingerprint"),
            role_key=fields.text("role_key"),
            display_name=fields.text("role_display_name"),
            agent_runtime=fields.text("agent_runtime"),
            role_source_git=fields.text("role_source_git"),
            role_source_ref=fields.optional_text("role_source_ref"),
            image_tag=fields.text("image_tag"),
            status=fields.choice("status", InstanceStatus),
            last_attach_outcome=fields.optional_text("last_attach_outcome"),
            docker=InstanceDockerNames.from_fields(fields.nested("docker")),
            sessions=fields.objects("sessions"),
            role_git_sha=fields.optional_text("role_git_sha"),
            base_image_ref=fields.optional_text("base_image_ref"),
            base_image_digest=fields.optional_text("base_image_digest"),
            supported_agents=fields.texts("supported_agents"),
            dind_enabled=fields.flag("dind_enabled", default=False),
            mounts=fields.objects("mounts"),
            extra={k: v for k, v in fields.data.items() if k not in _KNOWN},
        )
