"""Eject (remove an instance's Docker objects), exile (all of them), purge (its state)."""

from __future__ import annotations

import shutil

from jackin_sdk.dind import remove_instance_resources
from jackin_sdk.docker import DockerApi, NotFound
from jackin_sdk.errors import JackinError
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.keepawake import keep_awake_pid_file, release_keep_awake
from jackin_sdk.lifecycle._select import check_owned, role_containers
from jackin_sdk.resources import ForeignObject, InstanceResources, Ownership

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


def _eject(docker: DockerApi, store: InstanceStore, container: str, owners: Ownership) -> list[str]:
    check_owned(docker, owners, container)
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
    While a container of that name is another jackin home's, `ForeignObject` (E021) says
    so (not this home's to eject).
    """
    from jackin_sdk.isolation import AtRiskWork, remove_all  # noqa: PLC0415 - only when ejecting

    try:
        check_owned(docker, store.ownership(create=False), container)
    except ForeignObject as exc:
        exc.hint = (
            f"purge deletes only this home's state, and only once the instance's Docker "
            f"objects are gone: remove them from the home that made them, or with "
            f"`jackin eject {container} --foreign --purge`"
        )
        raise
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
