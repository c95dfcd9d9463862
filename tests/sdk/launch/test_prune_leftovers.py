"""`prune instances --all` removes what a launch killed mid-way left (issue 18 item 8)."""

from __future__ import annotations

from jackin_sdk.docker import ContainerSpec
from jackin_sdk.instances import InstanceStore
from jackin_sdk.launch import LaunchOptions, launch, resolve_target
from jackin_sdk.lifecycle import prune_instances
from jackin_sdk.resources import probe_labels
from tests.sdk.launch.conftest import DIND_IMAGE, World, write_config


def _objects(world: World) -> set[str]:
    docker = world.docker
    networks = {n for n, net in docker.networks.items() if not net.builtin}
    return {c.name for c in docker.containers.values()} | networks | set(docker.volumes)


def test_a_launch_killed_before_its_role_container_leaves_nothing_after_prune_all(
    world: World,
) -> None:
    write_config(world.paths, world.role_repo, dind=True)
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    c = launch(target, LaunchOptions(detach=True), world.context()).container
    # As if the launch died after the sidecar and before the role container, and a
    # concurrent privilege probe died too: its container stays behind.
    world.docker.remove_container(c)
    world.docker.create_container(
        ContainerSpec(
            image=DIND_IMAGE,
            name="jackin-probe-dead",
            labels=probe_labels(InstanceStore(world.paths).home()),
        )
    )
    assert {f"{c}-dind", f"{c}-net", "jackin-probe-dead"} <= _objects(world)

    report = prune_instances(world.docker, InstanceStore(world.paths), all_=True)

    assert not report.failed, report
    assert _objects(world) == set()
    removed = {a.target for a in report.actions if a.verb == "Removing"}
    assert {f"{c}-dind", f"{c}-net", "jackin-probe-dead"} <= removed
    assert report.summary == "pruned 1 instance(s)"
    assert not world.paths.data_dir.exists()
