"""Which instances a selector names: instance id, container name, or role (spec cli §2.9)."""

from __future__ import annotations

from jackin_sdk.docker import DockerApi, DockerNotFound
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.instances import (
    InstanceStatus,
    InstanceStore,
    is_container_selector,
    is_instance_id,
    role_family_matches,
)
from jackin_sdk.resources import (
    LABEL_KIND,
    LABEL_MANAGED,
    LABEL_ROLE,
    InstanceResources,
    Ownership,
    ResourceKind,
)
from jackin_sdk.roles import RoleSelector

__all__ = ["check_owned", "role_containers", "select_instances"]

_ROLE_LABELS = {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.ROLE.value}


def role_containers(docker: DockerApi, owners: Ownership) -> list[str]:
    """Every role container `owners` may act on (this home's), running or not (one list
    call)."""
    listed = docker.list_containers(_ROLE_LABELS)
    return sorted(c.name for c in listed if owners.owns(c.name, c.labels, role=True))


def check_owned(docker: DockerApi, owners: Ownership, container: str) -> None:
    """`ForeignObject` (E021) when a jackin object of instance `container` (its role
    container, sidecar or network) is not `owners'`.

    Every verb that names one instance (eject, hardline, purge) asks this of the engine's
    objects themselves, however the instance was named: a container name, a role, or an
    instance id or folder of this home's records whose name another home now uses.
    """
    resources = InstanceResources(container)
    for name in (resources.container, resources.sidecar):
        try:
            labels = docker.inspect_container(name).labels
        except DockerNotFound:
            continue
        if labels.get(LABEL_MANAGED) == "true":
            owners.check("container", name, labels)
    for network in docker.list_networks({LABEL_MANAGED: "true", LABEL_ROLE: container}):
        if network.name == resources.network:
            owners.check("network", network.name, network.labels)


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
