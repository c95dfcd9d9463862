"""Which instances a selector names: instance id, container name, or role (spec cli §2.9)."""

from __future__ import annotations

from jackin_sdk.docker import DockerApi
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.instances import (
    InstanceStatus,
    InstanceStore,
    is_container_selector,
    is_instance_id,
    role_family_matches,
)
from jackin_sdk.resources import LABEL_KIND, LABEL_MANAGED, Ownership, ResourceKind
from jackin_sdk.roles import RoleSelector

__all__ = ["role_containers", "select_instances"]

_ROLE_LABELS = {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.ROLE.value}


def role_containers(docker: DockerApi, owners: Ownership) -> list[str]:
    """Every role container `owners` may act on (this home's), running or not (one list
    call)."""
    listed = docker.list_containers(_ROLE_LABELS)
    return sorted(c.name for c in listed if owners.owns(c.name, c.labels, role=True))


def select_instances(
    docker: DockerApi | None,
    store: InstanceStore,
    selector: str,
    *,
    all_: bool = False,
    include_state: bool = False,
) -> list[str]:
    """Container names for `selector`.

    An instance id or container name names one instance. A role selector names this
    home's role containers of that family (and, with `include_state`, state folders whose
    instance has no container): exactly one unless `all_`.
    """
    text = selector.strip()
    if is_instance_id(text):
        if all_:
            raise UsageError("--all applies only to role selectors, not instance IDs")
        rows = [
            r for r in store.index() if r.instance_id == text and r.status != InstanceStatus.PURGED
        ]
        if not rows:
            raise JackinError(f'no instance with id "{text}"; list them with `jackin status`')
        return [rows[0].container_base]
    if is_container_selector(text):
        return [text]
    role = RoleSelector.parse(text)
    found = set(role_containers(docker, store.ownership())) if docker is not None else set()
    if include_state:
        found |= {
            row.container_base
            for row in store.index()
            if row.status != InstanceStatus.PURGED and store.state_dir(row.container_base).exists()
        }
    matches = sorted(c for c in found if role_family_matches(c, role.name))
    if all_ or len(matches) <= 1:
        return matches
    names = ", ".join(matches)
    raise JackinError(
        f"several instances of role {role.key}: {names}; name one (container name or "
        "instance id), or pass --all"
    )
