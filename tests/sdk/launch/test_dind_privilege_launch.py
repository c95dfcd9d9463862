"""Launches with DinD probe the privilege mode once per engine, and never when it is set."""

from __future__ import annotations

from jackin_sdk.dind import PRIVILEGE_CACHE_FILE
from jackin_sdk.instances import InstanceStore
from jackin_sdk.launch import LaunchOptions, launch, resolve_target
from jackin_sdk.resources import probe_labels
from jackin_sdk.testing import FakeDockerHost
from tests.sdk.launch.conftest import World, write_config


def _launch(world: World) -> str:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    return launch(target, LaunchOptions(detach=True), world.context()).container


def _sidecar_caps(world: World, container: str) -> tuple[str, ...]:
    sidecar = next(c for c in world.docker.containers.values() if c.name == f"{container}-dind")
    assert sidecar.spec is not None
    return sidecar.spec.cap_drop


def test_the_second_launch_reuses_the_cached_probe(world: World) -> None:
    write_config(world.paths, world.role_repo, dind=True)
    world.docker.host = FakeDockerHost(frozenset({"SYS_RESOURCE"}))
    first = _launch(world)
    probes = len(world.docker.runs)
    assert probes >= 2, "privileged refused, then capabilities mode found"
    labels = probe_labels(InstanceStore(world.paths).home())
    assert all(dict(run.labels) == labels for run in world.docker.runs)
    assert (world.paths.cache_dir / PRIVILEGE_CACHE_FILE).is_file()

    second = _launch(world)
    assert len(world.docker.runs) == probes
    assert "SYS_RESOURCE" in _sidecar_caps(world, first)
    assert _sidecar_caps(world, second) == _sidecar_caps(world, first)


def test_a_configured_privilege_mode_is_not_probed(world: World) -> None:
    write_config(world.paths, world.role_repo, dind=True)
    with world.paths.config_file.open("a") as config:
        config.write('dind_privilege = "capabilities"\n')
    world.docker.host = FakeDockerHost(frozenset({"SYS_RESOURCE"}))
    c = _launch(world)
    assert world.docker.runs == []
    assert "SYS_RESOURCE" in _sidecar_caps(world, c)
    assert not (world.paths.cache_dir / PRIVILEGE_CACHE_FILE).exists()
