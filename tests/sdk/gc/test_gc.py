"""Orphan GC on FakeDocker: what goes, what stays, the grace period, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from jackin_sdk.docker import Bind, ContainerSpec, DockerApi
from jackin_sdk.errors import DockerUnavailable
from jackin_sdk.gc import DEFAULT_GRACE, GcReport, collect_orphans
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import (
    InstanceResources,
    Ownership,
    ResourceKind,
    managed_labels,
    probe_labels,
)
from jackin_sdk.testing import FakeDocker, FakeDockerHost

IMAGE = "docker:29-dind"
NOW = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
LONG_AGO = NOW - dt.timedelta(hours=1)
HOME = HomeIdentity("a" * 32, Path("/homes/a"))
OTHER = HomeIdentity("b" * 32, Path("/homes/b"))


def _gc(docker: DockerApi, *, owners: Ownership | None = None, **options: Any) -> GcReport:
    """The GC of home A (unless `owners` says otherwise)."""
    return collect_orphans(docker, owners=owners or Ownership(HOME.id), **options)


class _Clock:
    """A settable clock for FakeDocker."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


def _docker(at: dt.datetime = LONG_AGO) -> tuple[FakeDocker, _Clock]:
    clock = _Clock(at)
    return FakeDocker(images=[IMAGE], clock=clock), clock


def _instance(
    docker: DockerApi,
    container: str,
    *,
    role: bool,
    running: bool = True,
    home: HomeIdentity = HOME,
) -> None:
    """What a launch leaves: network, sidecar (+ the reference's certs volume), role container."""
    names = InstanceResources(container)
    docker.create_network(names.network, labels=managed_labels(container, home=home))
    docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name=names.sidecar,
            labels=managed_labels(container, ResourceKind.DIND, home=home),
            network=names.network,
            binds=(Bind(names.certs_volume, "/certs/client"),),
        )
    )
    docker.start_container(names.sidecar)
    docker.create_volume(f"{container}-home", labels=managed_labels(container, home=home))
    if role:
        docker.create_container(
            ContainerSpec(
                image=IMAGE,
                name=container,
                labels=managed_labels(container, ResourceKind.ROLE, home=home),
                network=names.network,
            )
        )
        docker.start_container(container)
        if not running:
            docker.stop_container(container)


def _names(docker: FakeDocker) -> set[str]:
    return (
        {c.name for c in docker.containers.values()}
        | {n for n, net in docker.networks.items() if not net.builtin}
        | set(docker.volumes)
    )


def test_a_crashed_instance_leaves_orphans_that_are_removed() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-crashed", role=False)

    report = _gc(docker, now=NOW)

    assert report == GcReport(
        containers=("jk-crashed-dind",),
        networks=("jk-crashed-net",),
        volumes=("jk-crashed-dind-certs", "jk-crashed-home"),
    )
    assert report.removed == (
        "jk-crashed-dind",
        "jk-crashed-net",
        "jk-crashed-dind-certs",
        "jk-crashed-home",
    )
    assert _names(docker) == set()


def test_running_and_stopped_instances_keep_everything() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-running", role=True)
    _instance(docker, "jk-stopped", role=True, running=False)
    docker.stop_container("jk-stopped-dind")
    before = _names(docker)

    report = _gc(docker, now=NOW)

    assert report == GcReport()
    assert _names(docker) == before


def test_a_role_container_that_never_started_keeps_its_instance() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-created", role=False)
    docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name="jk-created",
            labels=managed_labels("jk-created", ResourceKind.ROLE, home=HOME),
        )
    )
    assert _gc(docker, now=NOW).removed == ()


def test_unlabelled_objects_named_like_ours_stay() -> None:
    docker, _ = _docker()
    docker.create_network("jk-user-net", labels={"jackin.role": "jk-user"})
    docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name="jk-user-dind",
            labels={"jackin.kind": "dind", "jackin.role": "jk-user"},
        )
    )
    docker.create_container(ContainerSpec(image=IMAGE, name="jk-lookalike"))
    docker.create_volume("jk-user-dind-certs", labels={})
    docker.create_volume("jk-user-home", labels={"jackin.role": "jk-user"})
    before = _names(docker)

    assert _gc(docker, now=NOW) == GcReport()
    assert _names(docker) == before


def test_managed_objects_without_a_role_label_stay() -> None:
    docker, _ = _docker()
    docker.create_network("jk-shared-net", labels={"jackin.managed": "true"})
    docker.create_volume("jk-cache", labels={"jackin.managed": "true"})
    assert _gc(docker, now=NOW) == GcReport()


def test_objects_younger_than_the_grace_period_stay() -> None:
    docker, clock = _docker(at=NOW - dt.timedelta(seconds=30))
    _instance(docker, "jk-launching", role=False)  # network + sidecar, no role container yet
    clock.at = NOW - DEFAULT_GRACE - dt.timedelta(seconds=1)
    docker.create_network("jk-old-net", labels=managed_labels("jk-old", home=HOME))

    report = _gc(docker, now=NOW)

    assert report == GcReport(networks=("jk-old-net",))
    assert {"jk-launching-net", "jk-launching-dind", "jk-launching-home"} <= _names(docker)


def test_an_old_network_of_a_young_sidecar_stays() -> None:
    docker, clock = _docker()
    docker.create_network("jk-restart-net", labels=managed_labels("jk-restart", home=HOME))
    clock.at = NOW
    docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name="jk-restart-dind",
            labels=managed_labels("jk-restart", ResourceKind.DIND, home=HOME),
            network="jk-restart-net",
        )
    )
    assert _gc(docker, now=NOW) == GcReport()
    assert docker.network_exists("jk-restart-net")


def test_a_zero_grace_removes_fresh_orphans() -> None:
    docker, _ = _docker(at=NOW)
    _instance(docker, "jk-fresh", role=False)
    report = _gc(docker, grace=dt.timedelta(0), now=NOW)
    assert report.containers == ("jk-fresh-dind",)
    assert _names(docker) == set()


def test_the_default_clock_and_now_are_real_time() -> None:
    docker = FakeDocker(images=[IMAGE])
    _instance(docker, "jk-now", role=False)
    assert _gc(docker).removed == ()  # just made: within the grace period
    assert _gc(docker, grace=dt.timedelta(0)).containers == ("jk-now-dind",)


def test_docker_errors_are_recorded_not_raised() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-orphan", role=False)
    # A container outside jackin still uses the orphan's network and volume.
    docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name="someone-else",
            network="jk-orphan-net",
            binds=(Bind("jk-orphan-home", "/data"),),
        )
    )
    docker.start_container("someone-else")

    report = _gc(docker, now=NOW)

    assert report.containers == ("jk-orphan-dind",)
    assert report.networks == ()
    assert report.volumes == ("jk-orphan-dind-certs",)
    assert len(report.errors) == 2
    assert any(
        "remove network jk-orphan-net" in e and "active endpoints" in e for e in report.errors
    )
    assert any("remove volume jk-orphan-home" in e and "in use" in e for e in report.errors)
    assert docker.network_exists("jk-orphan-net")


def test_an_unreachable_engine_is_raised() -> None:
    docker = FakeDocker(host=FakeDockerHost(reachable=False))
    with pytest.raises(DockerUnavailable):
        _gc(docker)


def test_an_instance_whose_launch_holds_its_name_lock_keeps_everything() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-building", role=False)
    docker.create_network("jk-netonly-net", labels=managed_labels("jk-netonly", home=HOME))
    claimed = {"jk-building", "jk-netonly"}

    report = _gc(docker, now=NOW, claimed=claimed.__contains__)

    assert report.removed == ()
    assert _gc(docker, now=NOW).removed != ()


def _probe(docker: FakeDocker, name: str, *, running: bool = False) -> None:
    """What a jackin process killed while probing leaves: a container labelled as a probe."""
    docker.create_container(ContainerSpec(image=IMAGE, name=name, labels=probe_labels(HOME)))
    if running:
        docker.start_container(name)


def test_probe_containers_left_by_a_killed_probe_are_removed() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-running", role=True)
    instance = _names(docker)
    _probe(docker, "jackin-probe-old")
    _probe(docker, "jackin-probe-sidecar", running=True)
    report = _gc(docker, now=NOW)
    assert set(report.containers) == {"jackin-probe-old", "jackin-probe-sidecar"}
    assert _names(docker) == instance


def test_a_probe_still_running_within_the_grace_period_stays() -> None:
    docker, _ = _docker(at=NOW - dt.timedelta(seconds=5))
    _probe(docker, "jackin-probe-now", running=True)
    assert _gc(docker, now=NOW) == GcReport()
    assert _gc(docker, grace=dt.timedelta(0), now=NOW).containers == ("jackin-probe-now",)


def test_a_probe_container_is_not_an_instance_that_keeps_objects_alive() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-gone", role=False)
    docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name="jk-gone",  # even named like the instance, a probe keeps nothing alive
            labels={**probe_labels(HOME), "jackin.role": "jk-gone"},
        )
    )
    report = _gc(docker, now=NOW)
    assert _names(docker) == set(), report


def test_another_homes_orphans_and_probes_stay() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-theirs", role=False, home=OTHER)  # home B's orphan, or its launch
    docker.create_container(
        ContainerSpec(image=IMAGE, name="jackin-probe-theirs", labels=probe_labels(OTHER))
    )
    _instance(docker, "jk-mine", role=False)
    theirs = {
        "jk-theirs-net",
        "jk-theirs-dind",
        "jk-theirs-home",
        "jk-theirs-dind-certs",
        "jackin-probe-theirs",
    }

    report = _gc(docker, now=NOW)

    assert set(report.removed) == {
        "jk-mine-dind",
        "jk-mine-net",
        "jk-mine-home",
        "jk-mine-dind-certs",
    }
    assert _names(docker) == theirs
    assert set(_gc(docker, owners=Ownership(OTHER.id), now=NOW).removed) == theirs


def test_unlabelled_objects_belong_to_the_home_whose_records_name_them() -> None:
    docker, _ = _docker()
    legacy = {"jackin.managed": "true"}
    docker.create_network("jk-old-net", labels={**legacy, "jackin.role": "jk-old"})
    docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name="jk-old-dind",
            labels={**legacy, "jackin.kind": "dind", "jackin.role": "jk-old"},
        )
    )
    docker.create_container(
        ContainerSpec(
            image=IMAGE, name="jackin-probe-old", labels={**legacy, "jackin.kind": "probe"}
        )
    )

    assert _gc(docker, now=NOW) == GcReport()  # nothing of this home's records
    adopting = Ownership(HOME.id, adopts={"jk-old"}.__contains__)
    report = _gc(docker, owners=adopting, now=NOW)
    assert set(report.removed) == {"jk-old-dind", "jk-old-net"}
    assert _names(docker) == {"jackin-probe-old"}  # a probe names no instance to adopt
    everything = Ownership(HOME.id, foreign=True)
    assert _gc(docker, owners=everything, now=NOW).removed == ("jackin-probe-old",)


def test_another_homes_role_container_still_keeps_objects_of_its_name() -> None:
    docker, _ = _docker()
    _instance(docker, "jk-same", role=False)
    docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name="jk-same",
            labels=managed_labels("jk-same", ResourceKind.ROLE, home=OTHER),
        )
    )
    assert _gc(docker, now=NOW) == GcReport()
