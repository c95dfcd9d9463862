"""The DinD sidecar lifecycle on FakeDocker: objects, readiness, E010, removal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jackin_sdk.dind import (
    CLIENT_CERT_PATH,
    UNNEEDED_CAPABILITIES,
    DindTlsMaterial,
    ReadinessPolicy,
    SidecarEndpoint,
    SidecarNotReady,
    SidecarPrivileges,
    check_nested_run,
    remove_instance_resources,
    sidecar_command,
    sidecar_endpoint,
    sidecar_entrypoint,
    start_sidecar,
)
from jackin_sdk.dind._scripts import PROBE_IMAGE, RUN_PROBE, RUN_PROBE_SKIPPED
from jackin_sdk.docker import Bind, ContainerSpec, ExecResult, Running, Stopped
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import (
    InstanceResources,
    Ownership,
    ResourceKind,
    managed_labels,
    probe_labels,
)
from jackin_sdk.testing import FakeContainer, FakeDocker, FakeDockerHost, FakeExec, FakeProcess

IMAGE = "docker:29-dind"
ROLE_IMAGE = "projectjackin/construct:trixie"
INSTANCE = InstanceResources("jk-abc")
HOME = HomeIdentity("a" * 32, Path("/homes/a"))
OTHER = HomeIdentity("b" * 32, Path("/homes/b"))
OWNERS = Ownership(HOME.id, adopts={"jk-abc"}.__contains__)
MATERIAL = DindTlsMaterial(Path("/state/jk-abc/dind-certs"))
NO_WAIT = ReadinessPolicy(attempts=5, first_interval=0, max_interval=0)
CAPS = SidecarPrivileges.for_capabilities(["SYS_RESOURCE"])
CGROUP_ERROR = (
    "docker: Error response from daemon: failed to create shim task: OCI runtime create "
    "failed: runc create failed: unable to start container process: unable to apply cgroup "
    "configuration: mkdir /sys/fs/cgroup/cpuset/docker: read-only file system: unknown.\n"
    "See 'docker run --help'.\n"
    'time="2026-12-07T09:41:02Z" level=error msg="error waiting for container: context canceled"\n'
)


def _no_sleep(seconds: float) -> None:
    del seconds


def _start(
    docker: FakeDocker,
    *,
    image: str = IMAGE,
    privileges: SidecarPrivileges = CAPS,
    readiness: ReadinessPolicy = NO_WAIT,
    sleep: Callable[[float], None] = _no_sleep,
) -> SidecarEndpoint:
    return start_sidecar(
        docker,
        INSTANCE,
        image=image,
        privileges=privileges,
        material=MATERIAL,
        home=HOME,
        readiness=readiness,
        sleep=sleep,
    )


class _NotReadyFor:
    """An exec handler whose engine answers only after `failures` failed probes."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, call: FakeExec) -> ExecResult:
        self.calls.append(call.argv)
        if len(self.calls) <= self.failures:
            return ExecResult(
                1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock\n"
            )
        return ExecResult(0, "29.0.0\n")


def test_start_creates_the_network_and_sidecar_with_labels_and_privileges() -> None:
    docker = FakeDocker(images=[IMAGE])
    endpoint = _start(docker)

    assert docker.networks["jk-abc-net"].labels == managed_labels("jk-abc", home=HOME)
    assert docker.networks["jk-abc-net"].labels == {
        "jackin.managed": "true",
        "jackin.home": "a" * 32,
        "jackin.home.path": "/homes/a",
        "jackin.role": "jk-abc",
    }
    sidecar = docker.inspect_container("jk-abc-dind")
    assert sidecar.state == Running()
    assert sidecar.labels == managed_labels("jk-abc", ResourceKind.DIND, home=HOME)
    assert sidecar.labels["jackin.kind"] == "dind"
    spec = next(c.spec for c in docker.containers.values() if c.name == "jk-abc-dind")
    assert spec is not None
    assert spec.network == "jk-abc-net"
    assert spec.image == IMAGE
    assert spec.entrypoint == sidecar_entrypoint()
    assert spec.entrypoint[:2] == ("sh", "-c")
    assert "/proc/self/cgroup" in spec.entrypoint[2]  # cgroup set-up, then `exec "$@"`
    assert spec.command == sidecar_command()
    assert spec.command[0] == "dockerd"
    assert {"--tlsverify", "--storage-driver", "vfs"} <= set(spec.command)
    assert "tcp://0.0.0.0:2376" in spec.command
    assert "unix:///var/run/docker.sock" in spec.command
    assert spec.binds == (Bind("/state/jk-abc/dind-certs/server", "/jackin/dind-certs", True),)
    for flag in ("--tlscacert", "--tlscert", "--tlskey"):
        assert spec.command[spec.command.index(flag) + 1].startswith("/jackin/dind-certs/")
    assert (spec.privileged, spec.cap_add) == (False, ("ALL",))
    assert spec.cap_drop == ("SYS_RESOURCE", *UNNEEDED_CAPABILITIES)
    assert set(spec.security_opt) == {"seccomp=unconfined", "apparmor=unconfined"}
    assert endpoint == sidecar_endpoint(INSTANCE, MATERIAL)


def test_privileged_mode_sets_only_the_privileged_flag() -> None:
    docker = FakeDocker(images=[IMAGE])
    _start(docker, privileges=SidecarPrivileges.for_privileged())
    spec = next(c.spec for c in docker.containers.values() if c.name == "jk-abc-dind")
    assert spec is not None
    assert (spec.privileged, spec.cap_add, spec.cap_drop, spec.security_opt) == (
        True,
        (),
        (),
        (),
    )


def test_a_capabilities_mode_sidecar_also_drops_what_acts_on_the_host() -> None:
    """Kernel modules, raw I/O, the host clock and the rest of `UNNEEDED_CAPABILITIES` go,
    once each, after what the host refuses; Docker's default container set stays."""
    caps = SidecarPrivileges.for_capabilities(["SYS_RESOURCE", "SYS_TIME"])
    assert caps.cap_drop == ("SYS_RESOURCE", "SYS_TIME")  # what the probe found, unchanged
    dropped = caps.sidecar_cap_drop
    assert dropped[:2] == ("SYS_RESOURCE", "SYS_TIME")
    assert sorted(dropped) == sorted({"SYS_RESOURCE", *UNNEEDED_CAPABILITIES})
    assert {"SYS_MODULE", "SYS_RAWIO", "SYS_TIME", "DAC_READ_SEARCH"} <= set(dropped)
    defaults = {"CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID",
                "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL",
                "AUDIT_WRITE"}  # fmt: skip
    nested_engine = {"SYS_ADMIN", "NET_ADMIN"}
    assert not (defaults | nested_engine) & set(dropped)
    assert SidecarPrivileges.for_privileged().sidecar_cap_drop == ()


def test_the_endpoint_gives_the_role_container_env_and_client_certs() -> None:
    endpoint = sidecar_endpoint(INSTANCE, MATERIAL)
    assert endpoint.hostname == "jk-abc-dind"
    assert endpoint.network == "jk-abc-net"
    assert endpoint.env == {
        "DOCKER_HOST": "tcp://jk-abc-dind:2376",
        "DOCKER_TLS_VERIFY": "1",
        "DOCKER_CERT_PATH": "/jackin/run/dind-certs/client",
        "JACKIN_DIND_HOSTNAME": "jk-abc-dind",
    }
    assert endpoint.binds == (
        Bind("/state/jk-abc/dind-certs/client", CLIENT_CERT_PATH, read_only=True),
    )


def test_an_existing_network_of_the_instance_is_reused() -> None:
    docker = FakeDocker(images=[IMAGE])
    network_id = docker.create_network("jk-abc-net", labels=managed_labels("jk-abc", home=HOME))
    _start(docker)
    assert docker.networks["jk-abc-net"].id == network_id


def test_a_foreign_network_of_that_name_is_refused() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_network("jk-abc-net", labels={})
    with pytest.raises(CodedError) as caught:
        _start(docker)
    assert caught.value.code is ErrorCode.E009
    assert "jk-abc-net" in str(caught.value)
    assert "jk-abc-dind" not in {c.name for c in docker.containers.values()}


def test_a_stopped_sidecar_of_the_instance_is_restarted_not_recreated() -> None:
    docker = FakeDocker(images=[IMAGE])
    _start(docker)
    first = docker.inspect_container("jk-abc-dind").id
    docker.stop_container("jk-abc-dind")

    _start(docker)
    assert docker.inspect_container("jk-abc-dind").id == first
    assert docker.inspect_container_state("jk-abc-dind") == Running()


def test_a_running_sidecar_is_reused_and_probed_again() -> None:
    docker = FakeDocker(images=[IMAGE])
    _start(docker)
    first = docker.inspect_container("jk-abc-dind").id
    probes = len(docker.execs)
    _start(docker)
    assert docker.inspect_container("jk-abc-dind").id == first
    assert len(docker.execs) == probes + 2  # `docker version`, then a container run


def test_a_sidecar_of_another_image_is_recreated() -> None:
    docker = FakeDocker(images=[IMAGE, "jackin-test/dind:bookworm"])
    _start(docker)
    first = docker.inspect_container("jk-abc-dind").id
    _start(docker, image="jackin-test/dind:bookworm")
    info = docker.inspect_container("jk-abc-dind")
    assert info.id != first
    assert info.image == "jackin-test/dind:bookworm"


def test_a_foreign_container_with_the_sidecar_name_is_refused() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_container(ContainerSpec(image=IMAGE, name="jk-abc-dind"))
    with pytest.raises(CodedError) as caught:
        _start(docker)
    assert caught.value.code is ErrorCode.E009
    assert docker.inspect_container("jk-abc-dind").labels == {}


def test_a_stopped_sidecar_whose_network_was_recreated_is_recreated() -> None:
    docker = FakeDocker(images=[IMAGE])
    _start(docker)
    first = docker.inspect_container("jk-abc-dind").id
    docker.stop_container("jk-abc-dind")
    docker.remove_network("jk-abc-net")  # e.g. by an older GC; the sidecar still names its id

    _start(docker)
    assert docker.inspect_container("jk-abc-dind").id != first
    assert docker.inspect_container_state("jk-abc-dind") == Running()


def test_readiness_succeeds_after_failed_probes_with_ramping_waits() -> None:
    handler = _NotReadyFor(failures=3)
    docker = FakeDocker(images=[IMAGE], exec_handler=handler)
    waits: list[float] = []
    policy = ReadinessPolicy(attempts=30, first_interval=0.2, max_interval=1.0)
    _start(docker, readiness=policy, sleep=waits.append)

    assert len(handler.calls) == 5
    assert handler.calls[0][0] == "docker"
    assert "unix:///var/run/docker.sock" in handler.calls[0]
    assert handler.calls[-1] == ("sh", "-c", RUN_PROBE)  # once the engine answers
    assert waits == pytest.approx([0.2, 0.3, 0.45])
    assert all(call.container.name == "jk-abc-dind" for call in docker.execs)


def test_the_default_policy_is_30_attempts_from_200ms_ramping_to_1s() -> None:
    policy = ReadinessPolicy()
    waits = policy.intervals()
    assert policy.attempts == 30
    assert len(waits) == 29
    assert waits[0] == pytest.approx(0.2)
    assert max(waits) == pytest.approx(1.0)
    assert waits == sorted(waits)


def test_never_ready_is_e010_with_the_last_log_lines() -> None:
    def noisy(container: FakeContainer) -> FakeProcess:
        container.append_log("".join(f"dockerd line {n}\n" for n in range(1, 41)))
        return FakeProcess()

    handler = _NotReadyFor(failures=1000)
    docker = FakeDocker(images=[IMAGE], start_handler=noisy, exec_handler=handler)
    slept: list[float] = []
    with pytest.raises(SidecarNotReady) as caught:
        _start(docker, sleep=slept.append)

    error = caught.value
    assert isinstance(error, CodedError)
    assert error.code is ErrorCode.E010
    assert len(handler.calls) == NO_WAIT.attempts
    assert slept == [0] * (NO_WAIT.attempts - 1)
    text = str(error)
    assert "never became ready" in text
    assert "jk-abc-dind" in text
    assert "dockerd line 40" in text
    assert "dockerd line 21" in text
    assert "dockerd line 20\n" not in text
    assert "Cannot connect to the Docker daemon" in text
    assert 'dind_privilege = "capabilities"' in error.hint
    assert "jackin doctor" in error.hint


def test_a_sidecar_that_exits_is_e010_at_once_with_its_logs() -> None:
    def crash(container: FakeContainer) -> FakeProcess:
        del container
        return FakeProcess(exit_code=1, output="failed to start daemon: permission denied\n")

    docker = FakeDocker(images=[IMAGE], start_handler=crash)
    with pytest.raises(SidecarNotReady) as caught:
        _start(docker)
    assert caught.value.code is ErrorCode.E010
    assert "stopped exit:1" in str(caught.value)
    assert "failed to start daemon: permission denied" in str(caught.value)
    assert docker.execs == []
    # Left in place for the caller's cleanup.
    assert docker.inspect_container_state("jk-abc-dind") == Stopped(exit_code=1)


def test_a_sidecar_that_dies_while_waiting_is_e010() -> None:
    probes: list[FakeExec] = []

    def die_on_second_probe(call: FakeExec) -> ExecResult:
        probes.append(call)
        if len(probes) == 2:
            call.container.status, call.container.exit_code = "exited", 2
            return ExecResult(137, "")
        return ExecResult(1, "not yet\n")

    docker = FakeDocker(images=[IMAGE], exec_handler=die_on_second_probe)
    with pytest.raises(SidecarNotReady) as caught:
        _start(docker)
    assert "stopped exit:2" in str(caught.value)
    assert len(probes) == 2


def test_remove_instance_resources_removes_everything_present() -> None:
    docker = FakeDocker(images=[IMAGE, ROLE_IMAGE])
    endpoint = _start(docker)
    docker.create_container(
        ContainerSpec(
            image=ROLE_IMAGE,
            name="jk-abc",
            labels=managed_labels("jk-abc", ResourceKind.ROLE, home=HOME),
            network=endpoint.network,
            env=endpoint.env,
            binds=endpoint.binds,
        )
    )
    docker.start_container("jk-abc")
    docker.create_volume("jk-abc-dind-certs", labels={})  # the reference's unlabelled volume

    removed = remove_instance_resources(docker, INSTANCE, OWNERS)
    assert removed == ["jk-abc", "jk-abc-dind", "jk-abc-dind-certs", "jk-abc-net"]
    assert {c.name for c in docker.containers.values()} == set()
    assert "jk-abc-net" not in docker.networks
    assert docker.volumes == {}


def test_remove_instance_resources_ignores_what_is_missing() -> None:
    docker = FakeDocker(images=[IMAGE])
    assert remove_instance_resources(docker, INSTANCE, OWNERS) == []
    docker.create_network("jk-abc-net", labels=managed_labels("jk-abc", home=HOME))
    assert remove_instance_resources(docker, INSTANCE, OWNERS) == ["jk-abc-net"]


def test_remove_instance_resources_leaves_unlabelled_objects() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_container(ContainerSpec(image=IMAGE, name="jk-abc"))
    docker.create_network("jk-abc-net", labels={})
    assert remove_instance_resources(docker, INSTANCE, OWNERS) == []
    assert {c.name for c in docker.containers.values()} == {"jk-abc"}
    assert "jk-abc-net" in docker.networks


def _cannot_run(call: FakeExec) -> ExecResult:
    """An engine that answers `docker version` but cannot start a container (cgroup v1)."""
    if call.argv[0] == "docker":
        return ExecResult(0, "20.10.24\n")
    return ExecResult(125, CGROUP_ERROR)


def test_ready_means_a_container_ran_inside_the_engine() -> None:
    docker = FakeDocker(images=[IMAGE])
    _start(docker)
    assert [call.argv[0] for call in docker.execs] == ["docker", "sh"]
    run = docker.execs[-1].argv[2]
    assert run == RUN_PROBE
    assert f"img={PROBE_IMAGE}" in run
    assert "docker import" in run  # nothing can be pulled: the image is made inside
    assert "docker run --rm --network none" in run
    assert RUN_PROBE_SKIPPED in run  # an image without docker-init is not a failure


def test_an_engine_that_cannot_run_containers_is_e010_naming_the_cause() -> None:
    docker = FakeDocker(images=[IMAGE], exec_handler=_cannot_run)
    with pytest.raises(SidecarNotReady) as caught:
        _start(docker)
    error = caught.value
    assert error.code is ErrorCode.E010
    assert "cannot run a container" in error.reason
    assert "read-only file system" in error.reason
    assert "exited 125" in error.reason
    assert "See 'docker run --help'" not in error.reason
    assert "context canceled" not in error.reason
    assert len(docker.execs) == 2, "a broken engine is not polled again"


def test_the_nested_run_check_uses_a_labelled_throwaway_sidecar_it_removes() -> None:
    docker = FakeDocker(images=[IMAGE])
    assert (
        check_nested_run(docker, IMAGE, CAPS, home=HOME, readiness=NO_WAIT, sleep=_no_sleep) is None
    )
    assert docker.containers == {}
    [version, run] = docker.execs
    assert run.argv == ("sh", "-c", RUN_PROBE)
    probe = version.container
    assert probe.name.startswith("jackin-probe-")
    assert probe.labels == probe_labels(HOME)
    assert probe.spec is not None
    assert probe.spec.entrypoint == sidecar_entrypoint()
    assert probe.spec.network == "none"
    assert probe.spec.command[0] == "dockerd"
    assert "--tlsverify" not in probe.spec.command
    assert (probe.spec.cap_add, probe.spec.cap_drop) == (CAPS.cap_add, CAPS.sidecar_cap_drop)


def test_the_nested_run_check_reports_why_no_container_runs() -> None:
    docker = FakeDocker(images=[IMAGE], exec_handler=_cannot_run)
    error = check_nested_run(docker, IMAGE, CAPS, home=HOME, readiness=NO_WAIT, sleep=_no_sleep)
    assert error is not None
    assert "cannot run a container" in error
    assert "read-only file system" in error
    assert docker.containers == {}


def test_the_nested_run_check_reports_a_refused_sidecar_and_removes_it() -> None:
    docker = FakeDocker(images=[IMAGE], host=FakeDockerHost(frozenset({"SYS_RESOURCE"})))
    privileged = SidecarPrivileges.for_privileged()
    error = check_nested_run(
        docker, IMAGE, privileged, home=HOME, readiness=NO_WAIT, sleep=_no_sleep
    )
    assert error is not None
    assert "unable to apply caps" in error
    assert docker.containers == {}


def test_another_homes_network_or_sidecar_of_that_name_is_refused_not_reused() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_network("jk-abc-net", labels=managed_labels("jk-abc", home=OTHER))
    with pytest.raises(CodedError) as caught:
        _start(docker)
    assert caught.value.code is ErrorCode.E021
    assert "/homes/b" in str(caught.value)
    assert "jk-abc-dind" not in {c.name for c in docker.containers.values()}

    docker = FakeDocker(images=[IMAGE])
    docker.create_network("jk-abc-net", labels=managed_labels("jk-abc", home=HOME))
    labels = managed_labels("jk-abc", ResourceKind.DIND, home=OTHER)
    docker.create_container(ContainerSpec(image=IMAGE, name="jk-abc-dind", labels=labels))
    with pytest.raises(CodedError) as caught:
        _start(docker)
    assert caught.value.code is ErrorCode.E021
    assert docker.inspect_container("jk-abc-dind").labels == labels  # left as it was


def test_an_unlabelled_network_and_sidecar_of_the_instance_are_reused() -> None:
    """An instance made by a jackin from before homes were labelled is restored in place."""
    docker = FakeDocker(images=[IMAGE])
    legacy = {"jackin.managed": "true", "jackin.role": "jk-abc"}
    network_id = docker.create_network("jk-abc-net", labels=legacy)
    sidecar_id = docker.create_container(
        ContainerSpec(
            image=IMAGE,
            name="jk-abc-dind",
            labels={**legacy, "jackin.kind": "dind"},
            network="jk-abc-net",
        )
    )
    _start(docker)
    assert docker.networks["jk-abc-net"].id == network_id
    assert docker.inspect_container("jk-abc-dind").id == sidecar_id


def _two_homes_objects(docker: FakeDocker) -> None:
    """Home B's instance `jk-abc` (its role container, sidecar and network)."""
    docker.create_network("jk-abc-net", labels=managed_labels("jk-abc", home=OTHER))
    for name, kind in (("jk-abc", ResourceKind.ROLE), ("jk-abc-dind", ResourceKind.DIND)):
        labels = managed_labels("jk-abc", kind, home=OTHER)
        docker.create_container(ContainerSpec(image=IMAGE, name=name, labels=labels))
    docker.create_volume("jk-abc-dind-certs", labels={})


def test_remove_instance_resources_leaves_another_homes_objects() -> None:
    docker = FakeDocker(images=[IMAGE])
    _two_homes_objects(docker)
    not_adopting = Ownership(HOME.id)
    assert remove_instance_resources(docker, INSTANCE, not_adopting) == []
    assert remove_instance_resources(docker, INSTANCE, OWNERS) == ["jk-abc-dind-certs"]
    assert {c.name for c in docker.containers.values()} == {"jk-abc", "jk-abc-dind"}
    assert "jk-abc-net" in docker.networks
    foreign = Ownership(HOME.id, foreign=True)
    assert remove_instance_resources(docker, INSTANCE, foreign) == [
        "jk-abc",
        "jk-abc-dind",
        "jk-abc-net",
    ]
