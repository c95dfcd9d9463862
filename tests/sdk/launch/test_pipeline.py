"""The launch pipeline on FakeDocker: stages, secrets, DinD, restores, failure cleanup."""

from __future__ import annotations

import subprocess

import pytest

from jackin_sdk.docker import BuildSpec, ContainerStartError, Stopped
from jackin_sdk.errors import CodedError
from jackin_sdk.fs import FileLock
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.launch import (
    SECRETS_TARGET,
    LaunchError,
    LaunchOptions,
    Stage,
    StageEvent,
    StageStatus,
    launch,
    resolve_target,
)
from jackin_sdk.lifecycle import eject
from jackin_sdk.mounts import Isolation
from jackin_sdk.testing import FakeContainer, FakeDocker, FakeProcess
from tests.sdk.launch.conftest import CONSTRUCT, DIND_IMAGE, World, write_config


def _target(world: World) -> object:
    return resolve_target(world.config(), selector="stand-in", cwd=world.project)


def _launch(world: World, **options: object) -> object:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    return launch(target, LaunchOptions(**options), world.context())  # type: ignore[arg-type]


def test_fresh_detached_launch_runs_the_role_container(world: World) -> None:
    events: list[StageEvent] = []
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    result = launch(target, LaunchOptions(detach=True), world.context(progress=events.append))

    assert result.outcome == "created"
    c = result.container
    spec = world.docker.containers[c].spec if c in world.docker.containers else None
    assert spec is None  # containers are keyed by id
    info = world.docker.inspect_container(c)
    assert info.labels["jackin.kind"] == "role"
    assert info.labels["jackin.class"] == "stand-in"
    assert info.labels["jackin.display.name"] == "Stand-in"
    found = next(x for x in world.docker.containers.values() if x.name == c)
    assert found.spec is not None
    assert found.spec.command == ("daemon", "claude", "--spawn-now")
    assert found.spec.user == "1000:1000"
    assert found.spec.group_add == ("0",)
    assert found.spec.workdir == str(world.project)
    env = found.spec.env
    assert "PLAIN_SETTING" not in env, "every operator value travels privately"
    assert "API_TOKEN" not in env
    assert "tok-123456789" not in repr(found.spec)
    assert env["GIT_AUTHOR_NAME"] == "Op"
    assert "DOCKER_HOST" not in env
    targets = {b.target: b for b in found.spec.binds}
    assert targets[str(world.project)].source == str(world.project)
    assert targets[SECRETS_TARGET].read_only
    secrets = (result.state_dir / "secrets" / "agent.env").read_text()
    assert secrets == "export API_TOKEN=tok-123456789\nexport PLAIN_SETTING=visible\n"
    assert (result.state_dir / "secrets" / "agent.env").stat().st_mode & 0o777 == 0o600

    store = InstanceStore(world.paths)
    manifest = store.read_manifest(c)
    assert manifest is not None
    assert manifest.status is InstanceStatus.RUNNING
    assert manifest.image_tag == result.image
    assert [row.container_base for row in store.index()] == [c]
    stages = [e.stage for e in events if e.status is StageStatus.DONE]
    assert stages[:2] == [Stage.IDENTITY, Stage.ROLE]
    assert Stage.IMAGE in stages
    assert stages[-1] is Stage.CAPSULE
    skipped = [e for e in events if e.status is StageStatus.SKIPPED]
    assert skipped[0].stage is Stage.SIDECAR
    assert "DinD is off" in skipped[0].message


def test_dind_gives_the_role_container_a_tls_endpoint(world: World) -> None:
    repo = world.role_repo
    write_config(world.paths, repo, dind=True)
    result = _launch(world, detach=True)
    c = result.container  # type: ignore[attr-defined]
    role = next(x for x in world.docker.containers.values() if x.name == c)
    sidecar = next(x for x in world.docker.containers.values() if x.name == f"{c}-dind")
    assert sidecar.status == "running"
    assert role.spec is not None
    assert role.spec.env["DOCKER_HOST"] == f"tcp://{c}-dind:2376"
    assert role.spec.env["DOCKER_TLS_VERIFY"] == "1"
    assert role.spec.network == f"{c}-net"


def test_a_failed_build_cleans_up_and_marks_failed_setup(world: World) -> None:
    write_config(world.paths, world.role_repo, dind=True)

    def fail_overlay(spec: BuildSpec, step: str) -> str | None:
        return "boom" if "install-capsule.sh" in step and step.startswith("RUN") else None

    world.docker.builder.handler = fail_overlay
    with pytest.raises(LaunchError) as caught:
        _launch(world, detach=True)
    assert caught.value.stage is Stage.IMAGE
    c = caught.value.container
    assert c is not None
    assert [x.name for x in world.docker.containers.values()] == []
    assert not world.docker.network_exists(f"{c}-net")
    manifest = InstanceStore(world.paths).read_manifest(c)
    assert manifest is not None
    assert manifest.status is InstanceStatus.FAILED_SETUP
    assert not InstanceStore(world.paths).is_claimed(c)


def test_untrusted_role_fails_closed_before_claiming(world: World) -> None:
    world.paths.config_file.write_text(
        world.paths.config_file.read_text().replace("trusted = true", "trusted = false")
    )
    with pytest.raises(LaunchError) as caught:
        _launch(world, detach=True)
    assert caught.value.stage is Stage.ROLE
    assert isinstance(caught.value.cause, CodedError)
    assert caught.value.container is None
    assert InstanceStore(world.paths).index() == []


def test_a_stopped_instance_is_restarted_not_duplicated(world: World) -> None:
    first = _launch(world, detach=True)
    c = first.container  # type: ignore[attr-defined]
    world.docker.exit_container(c, 137)
    assert isinstance(world.docker.inspect_container_state(c), Stopped)
    InstanceStore(world.paths).set_status(c, InstanceStatus.CRASHED)

    second = _launch(world, detach=True)
    assert second.outcome == "started"  # type: ignore[attr-defined]
    assert second.container == c  # type: ignore[attr-defined]
    assert len(world.docker.containers) == 1
    assert world.docker.inspect_container_state(c).label == "running"


def test_a_missing_container_is_recreated_under_its_name(world: World) -> None:
    first = _launch(world, detach=True)
    c = first.container  # type: ignore[attr-defined]
    world.docker.remove_container(c)
    InstanceStore(world.paths).set_status(c, InstanceStatus.CRASHED)
    (first.state_dir / "home" / ".claude" / "history").write_text("kept")  # type: ignore[attr-defined]

    second = _launch(world, detach=True)
    assert second.outcome == "recreated"  # type: ignore[attr-defined]
    assert second.container == c  # type: ignore[attr-defined]
    assert (first.state_dir / "home" / ".claude" / "history").read_text() == "kept"  # type: ignore[attr-defined]


def test_an_instance_another_launch_is_making_is_not_restored(world: World) -> None:
    first = _launch(world, detach=True)
    c = first.container  # type: ignore[attr-defined]
    world.docker.remove_container(c)  # as if its launch had not created it yet
    store = InstanceStore(world.paths)
    with FileLock(store.lock_path(c), purpose="a concurrent launch", timeout=0):
        second = _launch(world, detach=True)
    assert second.container != c  # type: ignore[attr-defined]
    assert second.outcome == "created"  # type: ignore[attr-defined]


def test_a_live_instance_is_never_reattached_by_load(world: World) -> None:
    first = _launch(world, detach=True)
    second = _launch(world, detach=True)
    assert second.container != first.container  # type: ignore[attr-defined]
    assert second.outcome == "created"  # type: ignore[attr-defined]


def test_git_pull_on_entry_warns_without_failing(world: World) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=world.project, check=True)
    events: list[StageEvent] = []
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    launch(
        target,
        LaunchOptions(detach=True, git_pull=True),
        world.context(progress=events.append),
    )
    notes = [e.message for e in events if e.status is StageStatus.INFO]
    assert any(n.startswith(f"git pull in {world.project} failed") for n in notes)


def test_keep_awake_is_reported(world: World) -> None:
    events: list[StageEvent] = []
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    result = launch(
        target,
        LaunchOptions(detach=True, keep_awake=True),
        world.context(progress=events.append),
    )
    notes = [e.message for e in events if e.status is StageStatus.INFO]
    assert any(n.startswith("keep-awake: ") for n in notes)
    eject(world.docker, InstanceStore(world.paths), result.container)
    assert not (result.state_dir / ".jackin" / "keep-awake.pid").exists()


def _names(world: World) -> set[str]:
    return {c.name for c in world.docker.containers.values()}


def test_a_sidecar_that_dies_fails_the_sidecar_stage_and_cleans_up(world: World) -> None:
    write_config(world.paths, world.role_repo, dind=True)

    def start(container: FakeContainer) -> FakeProcess:
        if container.name.endswith("-dind"):
            return FakeProcess(exit_code=1, output="failed to start daemon: no cgroups\n")
        return FakeProcess()

    world.docker = FakeDocker(images=[CONSTRUCT, DIND_IMAGE], start_handler=start)
    with pytest.raises(LaunchError) as caught:
        _launch(world, detach=True)
    assert caught.value.stage is Stage.SIDECAR
    assert "no cgroups" in str(caught.value)
    c = caught.value.container
    assert _names(world) == set()
    assert not world.docker.network_exists(f"{c}-net")


def test_a_refused_role_container_fails_the_capsule_stage(world: World) -> None:
    """The error names the stage as the progress lines do (B5.4: `capsule`)."""

    def start(container: FakeContainer) -> FakeProcess:
        raise ContainerStartError(f"start {container.name}: OCI runtime create failed")

    world.docker = FakeDocker(images=[CONSTRUCT, DIND_IMAGE], start_handler=start)
    with pytest.raises(LaunchError) as caught:
        _launch(world, detach=True)
    assert caught.value.stage is Stage.CAPSULE
    assert str(caught.value).startswith("launch failed at stage `capsule`: ")
    assert _names(world) == set()
    store = InstanceStore(world.paths)
    manifest = store.read_manifest(caught.value.container or "")
    assert manifest is not None
    assert manifest.status is InstanceStatus.FAILED_SETUP


def test_an_isolated_mount_that_is_not_a_repo_fails_the_workspace_stage(world: World) -> None:
    target = resolve_target(
        world.config(),
        selector="stand-in",
        cwd=world.project,
        isolation=[(str(world.project), Isolation.WORKTREE)],
    )
    with pytest.raises(LaunchError) as caught:
        launch(target, LaunchOptions(detach=True), world.context())
    assert caught.value.stage is Stage.WORKSPACE
    c = caught.value.container
    assert _names(world) == set()
    assert not world.docker.network_exists(f"{c}-net")


def test_a_missing_api_key_stops_at_credentials(world: World) -> None:
    world.paths.config_file.write_text(
        world.paths.config_file.read_text() + '\n[claude]\nauth_forward = "api_key"\n'
    )
    with pytest.raises(LaunchError) as caught:
        _launch(world, detach=True)
    assert caught.value.stage is Stage.CREDENTIALS
    assert "ANTHROPIC_API_KEY" in str(caught.value)
    assert _names(world) == set()


def test_api_key_travels_in_the_secrets_file_only(world: World) -> None:
    world.paths.config_file.write_text(
        world.paths.config_file.read_text().replace(
            "[env]\n", '[env]\nANTHROPIC_API_KEY = "sk-ant-api-0123456789"\n'
        )
        + '\n[claude]\nauth_forward = "api_key"\n'
    )
    result = _launch(world, detach=True)
    c = result.container  # type: ignore[attr-defined]
    found = next(x for x in world.docker.containers.values() if x.name == c)
    assert "sk-ant-api-0123456789" not in repr(found.spec)
    secrets = (result.state_dir / "secrets" / "agent.env").read_text()  # type: ignore[attr-defined]
    assert "export ANTHROPIC_API_KEY=sk-ant-api-0123456789" in secrets
    toml = (world.paths.sockets_dir / c / "agent.toml").read_text()
    assert 'claude = "api_key"' in toml


def test_sync_mounts_the_hand_off_and_a_synced_login_is_not_overridden(world: World) -> None:
    host = world.paths.home_dir.parent / "host-home"
    (host / ".claude").mkdir(parents=True)
    (host / ".claude" / ".credentials.json").write_text('{"t": "synced"}')
    world.paths.config_file.write_text(
        world.paths.config_file.read_text().replace(
            "[env]\n", '[env]\nANTHROPIC_API_KEY = "sk-ant-api-0123456789"\n'
        )
    )
    result = _launch(world, detach=True)
    c = result.container  # type: ignore[attr-defined]
    found = next(x for x in world.docker.containers.values() if x.name == c)
    assert found.spec is not None
    targets = {b.target: b for b in found.spec.binds}
    assert targets["/jackin/claude"].read_only
    assert targets["/home/agent/.config/gh"].source.endswith("/.config/gh")
    secrets = (result.state_dir / "secrets" / "agent.env").read_text()  # type: ignore[attr-defined]
    assert "ANTHROPIC_API_KEY" not in secrets, "sync mode must not also get an API key"
