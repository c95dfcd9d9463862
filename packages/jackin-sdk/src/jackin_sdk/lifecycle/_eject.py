"""Eject (remove an instance's Docker objects), exile (all of them), purge (its state)."""

from __future__ import annotations

import shutil

from jackin_sdk.dind import remove_instance_resources
from jackin_sdk.docker import DockerApi, DockerNotFound, NotFound
from jackin_sdk.errors import JackinError
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.keepawake import keep_awake_pid_file, release_keep_awake
from jackin_sdk.lifecycle._select import role_containers
from jackin_sdk.resources import LABEL_MANAGED, LABEL_ROLE, InstanceResources, Ownership

__all__ = ["PurgeRefused", "eject", "exile", "purge"]


class PurgeRefused(JackinError):
    """Purge refused: Docker objects still exist, or isolated work is at risk."""


def eject(
    docker: DockerApi, store: InstanceStore, container: str, *, foreign: bool = False
) -> list[str]:
    """Remove the role container, sidecar, network and socket folder; keep the state.

    A live instance's status becomes `restore_available`: its state can be brought back
    with `jackin hardline` or `jackin load`. An instance whose container, sidecar or
    network another jackin home made (or an older jackin, and this home's records do not
    name it) is refused with `ForeignObject` (E021) before anything is removed, unless
    `foreign` (the operator's `--foreign`).
    """
    return _eject(docker, store, container, store.ownership(foreign=foreign))


def _check_owned(docker: DockerApi, owners: Ownership, container: str) -> None:
    """`ForeignObject` (E021) when a jackin object of instance `container` is not `owners`'."""
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


def _eject(docker: DockerApi, store: InstanceStore, container: str, owners: Ownership) -> list[str]:
    _check_owned(docker, owners, container)
    removed = remove_instance_resources(docker, InstanceResources(container), owners)
    shutil.rmtree(store.paths.sockets_dir / container, ignore_errors=True)
    release_keep_awake(keep_awake_pid_file(store.state_dir(container)))
    manifest = store.read_manifest(container)
    if manifest is not None and manifest.status in (InstanceStatus.ACTIVE, InstanceStatus.RUNNING):
        store.set_status(container, InstanceStatus.RESTORE_AVAILABLE)
    return removed


def exile(docker: DockerApi, store: InstanceStore, *, foreign: bool = False) -> list[str]:
    """Eject every role container of this home (running or stopped); returns their names.

    Other jackin homes' role containers, and unlabelled ones this home's records do not
    name, are left alone unless `foreign`: then every jackin role container goes.
    """
    owners = store.ownership(foreign=foreign)
    ejected = []
    for container in role_containers(docker, owners):
        _eject(docker, store, container, owners)
        ejected.append(container)
    return ejected


def purge(
    docker: DockerApi, store: InstanceStore, container: str, *, discard_isolated: bool
) -> list[str]:
    """Delete an instance's local state once its Docker objects are gone.

    Isolated worktrees and clones (and scratch branches) are removed only when their
    work is clean, unless `discard_isolated` (the operator confirmed). Returns warnings.
    """
    from jackin_sdk.isolation import AtRiskWork, remove_all  # noqa: PLC0415 - only when ejecting

    resources = InstanceResources(container)
    for name, what in (
        (resources.container, "role container"),
        (resources.sidecar, "DinD sidecar"),
    ):
        state = docker.inspect_container_state(name)
        if not isinstance(state, NotFound):
            raise PurgeRefused(
                f"cannot purge local state because {what} `{name}` still exists "
                f"({state.label}); run `jackin eject {container} --purge` to remove Docker "
                "resources and local state together"
            )
    state_dir = store.state_dir(container)
    warnings: list[str] = []
    if state_dir.exists():
        try:
            warnings = remove_all(state_dir, only_clean=not discard_isolated)
        except AtRiskWork as exc:
            raise PurgeRefused(
                f"{exc}\nReview the work, then purge again confirming it may be discarded "
                "(`--discard-isolated`, or answer yes at the prompt)"
            ) from exc
    store.purge_state(container)
    return warnings
