"""Orphan GC: remove the sidecars, networks and volumes of instances that are gone, and
probe containers left by a jackin process that died while probing.

Only this home's objects are candidates (`Ownership`: labelled with its `jackin.home`,
or unlabelled and named by its records): another jackin home on the same engine may be
in the middle of a launch, and its objects are its own to collect. An instance is alive
while a `jackin.managed` role container named `<c>` exists, in any state and whatever
home made it: a stopped instance can be restored, so its objects stay (unlike the
reference, which also deletes stopped role containers). Only objects labelled
`jackin.managed=true` are ever found, with one dependent exception: the reference's
unlabelled `<c>-dind-certs` volume goes with its orphan sidecar. Objects younger than the
grace period are skipped, so a launch that has made its network or sidecar but not yet
its role container keeps them, and a probe still running keeps its container.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from jackin_sdk.docker import ContainerSummary, DockerApi, DockerError
from jackin_sdk.resources import (
    LABEL_KIND,
    LABEL_MANAGED,
    LABEL_ROLE,
    InstanceResources,
    Ownership,
    ResourceKind,
)

__all__ = ["DEFAULT_GRACE", "GcReport", "collect_orphans"]

DEFAULT_GRACE = dt.timedelta(seconds=120)
_MANAGED = {LABEL_MANAGED: "true"}
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class GcReport:
    """What a GC pass removed, and the Docker errors it met (it never raises them)."""

    containers: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    volumes: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def removed(self) -> tuple[str, ...]:
        """Every removed object's name: containers, then networks, then volumes."""
        return (*self.containers, *self.networks, *self.volumes)


@dataclass
class _Pass:
    docker: DockerApi
    young: Callable[[dt.datetime], bool]
    owners: Ownership
    containers: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)
    volumes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attempt(self, what: str, call: Callable[[], _T]) -> _T | None:
        """Run one Docker call; on a `DockerError`, record it and return None."""
        try:
            return call()
        except DockerError as exc:
            self.errors.append(f"{what}: {exc.message}")
            return None

    def remove(self, kind: str, name: str) -> bool | None:
        """Remove a container, network or volume; None when the engine refused."""
        removers: dict[str, tuple[Callable[[str], bool], list[str]]] = {
            "container": (self.docker.remove_container, self.containers),
            "network": (self.docker.remove_network, self.networks),
            "volume": (self.docker.remove_volume, self.volumes),
        }
        remover, removed = removers[kind]
        try:
            gone = remover(name)
        except DockerError as exc:
            self.errors.append(f"remove {kind} {name}: {exc.message}")
            return None
        if gone:
            removed.append(name)
        return gone

    def report(self) -> GcReport:
        return GcReport(
            tuple(self.containers), tuple(self.networks), tuple(self.volumes), tuple(self.errors)
        )

    def sidecars(self, managed: list[ContainerSummary], alive: set[str]) -> set[str]:
        """Remove orphan sidecars and their certs volumes; return the roles whose sidecar stays."""
        kept: set[str] = set()
        for sidecar in managed:
            role = sidecar.labels.get(LABEL_ROLE, "")
            if sidecar.labels.get(LABEL_KIND) != ResourceKind.DIND or not role:
                continue
            if not self.owners.owns(sidecar.name, sidecar.labels):
                continue
            if role in alive or self.young(sidecar.created):
                kept.add(role)
                continue
            if self.remove("container", sidecar.name) is None:
                kept.add(role)
                continue
            self.remove("volume", InstanceResources(role).certs_volume)
        return kept

    def probes(self, managed: list[ContainerSummary]) -> None:
        """Remove this home's probe containers (`jackin.kind=probe`) past the grace period."""
        for probe in managed:
            if (
                probe.labels.get(LABEL_KIND) == ResourceKind.PROBE
                and self.owners.owns(probe.name, probe.labels)
                and not self.young(probe.created)
            ):
                self.remove("container", probe.name)

    def networks_of(self, spared: Callable[[str], bool]) -> None:
        """Remove managed networks whose role is neither alive nor has a kept sidecar."""
        found = self.attempt("list networks", lambda: self.docker.list_networks(_MANAGED))
        for network in found or []:
            role = network.labels.get(LABEL_ROLE, "")
            if not role or spared(role) or self.young(network.created):
                continue
            if not self.owners.owns(network.name, network.labels):
                continue
            self.remove("network", network.name)

    def volumes_of(self, spared: Callable[[str], bool]) -> None:
        """Remove managed volumes whose role is neither alive nor has a kept sidecar."""
        found = self.attempt("list volumes", lambda: self.docker.list_volumes(_MANAGED))
        for volume in found or []:
            role = volume.labels.get(LABEL_ROLE, "")
            if not role or spared(role) or self.young(volume.created):
                continue
            if not self.owners.owns(volume.name, volume.labels):
                continue
            self.remove("volume", volume.name)


def collect_orphans(
    docker: DockerApi,
    *,
    owners: Ownership,
    grace: dt.timedelta = DEFAULT_GRACE,
    now: dt.datetime | None = None,
    claimed: Callable[[str], bool] | None = None,
) -> GcReport:
    """Remove the sidecars, networks and volumes of instances whose role container is gone,
    and leftover probe containers: only those `owners` may act on (this home's).

    Best effort: Docker errors are recorded in the report, not raised (an unreachable
    engine, `DockerUnavailable`, still is). Objects younger than `grace` are left alone,
    and so are the objects of every instance for which `claimed(<c>)` is true (a launch
    holds its name lock while it builds, whatever the time it takes).
    """
    moment = now or dt.datetime.now(dt.UTC)
    gc = _Pass(docker, young=lambda created: moment - created < grace, owners=owners)
    managed = gc.attempt("list containers", lambda: docker.list_containers(_MANAGED))
    if managed is None:
        return gc.report()
    gc.probes(managed)
    instances = [c for c in managed if c.labels.get(LABEL_KIND) != ResourceKind.PROBE]
    alive = {c.name for c in instances if c.labels.get(LABEL_KIND) != ResourceKind.DIND}
    if claimed is not None:
        named = {c.labels.get(LABEL_ROLE, "") for c in managed} - {""}
        alive |= {name for name in named if claimed(name)}
    kept = alive | gc.sidecars(instances, alive)

    def spared(role: str) -> bool:
        return role in kept or (claimed is not None and claimed(role))

    gc.networks_of(spared)
    gc.volumes_of(spared)
    return gc.report()
