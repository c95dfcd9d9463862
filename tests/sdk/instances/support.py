"""Helpers for the instance tests: a stepping clock, manifests and role containers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jackin_sdk.docker import ContainerSpec
from jackin_sdk.instances import (
    InstanceDockerNames,
    InstanceManifest,
    container_base_name,
)
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import LABEL_KIND, LABEL_MANAGED, ResourceKind, managed_labels
from jackin_sdk.testing import FakeDocker

IMAGE = "jk_agent-smith:abc1234"
START = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


class StepClock:
    """A clock that moves one second forward on every reading."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def container_name(instance_id: str = "k7p9m2xq", role: str = "agent-smith") -> str:
    return container_base_name(instance_id, role, "proj")


def manifest_for(container: str, **changes: Any) -> InstanceManifest:
    """A plausible manifest for `container`; keyword arguments override fields."""
    fields: dict[str, Any] = {
        "container_base": container,
        "workspace_name": "proj",
        "workspace_label": "proj",
        "workdir": "/workspace/proj",
        "host_workdir_fingerprint": "sha256:" + "0" * 64,
        "role_key": "agent-smith",
        "display_name": "Agent Smith",
        "agent_runtime": "claude",
        "role_source_git": "https://github.com/jackin-project/jackin-agent-smith.git",
        "image_tag": IMAGE,
        "docker": InstanceDockerNames.for_container(container, dind=True),
        "created_at": START,
        "supported_agents": ("claude", "codex"),
        "dind_enabled": True,
    }
    fields.update(changes)
    return InstanceManifest(**fields)


def run_role_container(
    docker: FakeDocker, container: str, home: HomeIdentity | None = None
) -> None:
    """Create and start a role container named `container` of jackin home `home` (None:
    unlabelled, as a jackin from before homes were labelled made them)."""
    labels = (
        managed_labels(container, ResourceKind.ROLE, home=home)
        if home is not None
        else {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.ROLE.value}
    )
    docker.create_container(ContainerSpec(image=IMAGE, name=container, labels=labels))
    docker.start_container(container)
