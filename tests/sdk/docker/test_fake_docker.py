"""FakeDocker behaviour beyond the contract: handlers, simulated failures, edge rules."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jackin_sdk.docker import (
    Bind,
    ContainerSpec,
    ContainerStartError,
    Created,
    DockerApi,
    DockerConflict,
    DockerError,
    DockerNotFound,
    ExecResult,
    InspectUnavailable,
    RemoveImageResult,
    Running,
    Stopped,
)
from jackin_sdk.errors import DockerUnavailable
from jackin_sdk.testing import (
    ExecNeverEnds,
    FakeContainer,
    FakeDocker,
    FakeDockerHost,
    FakeExec,
    FakeProcess,
)

IMAGE = "jackin-test/dind:bookworm"
SPEC = ContainerSpec(image=IMAGE, name="c1")


def test_fake_docker_is_a_docker_api() -> None:
    assert isinstance(FakeDocker(), DockerApi)


@pytest.mark.parametrize(
    "call",
    [
        lambda d: d.create_container(SPEC),
        lambda d: d.start_container("c1"),
        lambda d: d.remove_container("c1"),
        lambda d: d.exec_capture("c1", ["true"]),
        lambda d: d.create_network("n", labels={}),
        lambda d: d.list_networks(),
        lambda d: d.create_volume("v", labels={}),
        lambda d: d.list_volumes(),
        lambda d: d.image_labels(IMAGE),
        lambda d: d.remove_image(IMAGE),
    ],
)
def test_an_unreachable_host_is_e001(call: Callable[[FakeDocker], object]) -> None:
    docker = FakeDocker(images=[IMAGE], host=FakeDockerHost(reachable=False))
    with pytest.raises(DockerUnavailable) as caught:
        call(docker)
    assert caught.value.endpoint == "fake://docker"


def test_inspecting_state_on_an_unreachable_host_is_unavailable() -> None:
    docker = FakeDocker(host=FakeDockerHost(reachable=False))
    assert docker.inspect_container_state("c1") == InspectUnavailable(
        "fake://docker: connection refused"
    )


def test_image_labels_drop_empty_values() -> None:
    docker = FakeDocker()
    docker.add_image(IMAGE, labels={"jackin.recipe": "abc", "jackin.empty": ""})
    docker.tag_image(IMAGE, "jackin/role:latest")
    assert docker.image_labels("jackin/role") == {"jackin.recipe": "abc"}


def test_the_start_handler_plays_the_main_process() -> None:
    def process(container: FakeContainer) -> FakeProcess:
        container.append_log("booting\n")
        return FakeProcess(exit_code=2, output="failed\n")

    docker = FakeDocker(images=[IMAGE], start_handler=process)
    docker.create_container(SPEC)
    docker.start_container("c1")
    assert docker.inspect_container_state("c1") == Stopped(exit_code=2)
    assert docker.container_logs("c1") == "booting\nfailed\n"

    docker.start_container("c1")  # a restart runs the process again; logs accumulate
    assert docker.container_logs("c1", tail=2) == "booting\nfailed\n"
    assert docker.container_logs("c1").count("booting") == 2


def test_stop_exit_code_depends_on_sigterm_and_timeout() -> None:
    docker = FakeDocker(images=[IMAGE])  # default process: runs, exits 0 on SIGTERM
    docker.create_container(SPEC)
    docker.start_container("c1")
    docker.stop_container("c1")
    assert docker.inspect_container_state("c1") == Stopped(exit_code=0)

    docker.start_container("c1")
    docker.stop_container("c1", timeout=0)
    assert docker.inspect_container_state("c1") == Stopped(exit_code=137)


def test_exit_container_simulates_a_crash_or_the_oom_killer() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_container(SPEC)
    with pytest.raises(DockerConflict):
        docker.exit_container("c1", 1)
    docker.start_container("c1")
    docker.exit_container("c1", 137, oom_killed=True)
    state = docker.inspect_container_state("c1")
    assert state == Stopped(exit_code=137, oom_killed=True)
    assert state.label == "stopped oom_killed"


def test_refused_capabilities_fail_the_start_and_leave_it_created() -> None:
    docker = FakeDocker(images=[IMAGE], host=FakeDockerHost(frozenset({"SYS_ADMIN"})))
    docker.create_container(ContainerSpec(image=IMAGE, name="dind", privileged=True))
    with pytest.raises(ContainerStartError):
        docker.start_container("dind")
    assert docker.inspect_container_state("dind") == Created()

    docker.create_container(ContainerSpec(image=IMAGE, name="caps", cap_add=("NET_ADMIN",)))
    docker.start_container("caps")
    assert docker.inspect_container_state("caps") == Running()


def test_a_start_handler_can_refuse_the_start() -> None:
    def refuse(container: FakeContainer) -> FakeProcess:
        raise ContainerStartError(f"start {container.name}: exec: not found")

    docker = FakeDocker(images=[IMAGE], start_handler=refuse)
    docker.create_container(SPEC)
    with pytest.raises(ContainerStartError):
        docker.start_container("c1")
    assert docker.inspect_container_state("c1") == Created()


def test_execs_are_recorded_and_default_to_success() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_container(SPEC)
    docker.start_container("c1")
    assert docker.exec_capture("c1", ["docker", "info"], user="root") == ExecResult(0, "")
    assert [(e.container.name, e.argv, e.user) for e in docker.execs] == [
        ("c1", ("docker", "info"), "root")
    ]
    with pytest.raises(DockerError):
        docker.exec_capture("c1", [])


def test_an_exec_handler_sees_the_container() -> None:
    def handler(call: FakeExec) -> ExecResult:
        assert call.container.spec is not None
        return ExecResult(0, call.container.spec.env.get("DOCKER_HOST", ""))

    docker = FakeDocker(images=[IMAGE], exec_handler=handler)
    docker.create_container(ContainerSpec(image=IMAGE, name="c1", env={"DOCKER_HOST": "tcp://x"}))
    docker.start_container("c1")
    assert docker.exec_capture("c1", ["sh"]).output == "tcp://x"


def test_exec_output_is_cut_at_max_output_bytes_and_the_bound_recorded() -> None:
    docker = FakeDocker(images=[IMAGE], exec_handler=lambda call: ExecResult(0, "\u00e9" * 10))
    docker.create_container(SPEC)
    docker.start_container("c1")
    # 5 bytes of 2-byte characters: two whole ones and half of the third, replaced.
    cut = docker.exec_capture("c1", ["sh"], max_output=5)
    assert cut == ExecResult(-1, "\u00e9\u00e9\ufffd", truncated=True)
    assert docker.exec_capture("c1", ["sh"], max_output=20) == ExecResult(0, "\u00e9" * 10)
    assert [e.max_output for e in docker.execs] == [5, 20]


def test_a_command_that_never_ends_needs_a_timeout() -> None:
    def handler(call: FakeExec) -> ExecResult:
        raise ExecNeverEnds("partial")

    docker = FakeDocker(images=[IMAGE], exec_handler=handler)
    docker.create_container(SPEC)
    docker.start_container("c1")
    hung = docker.exec_capture("c1", ["sh"], timeout=2.5)
    assert hung == ExecResult(-1, "partial", timed_out=True)
    assert docker.execs[-1].timeout == 2.5
    with pytest.raises(AssertionError, match="would hang"):
        docker.exec_capture("c1", ["sh"])


def test_removing_a_running_container_needs_force() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_container(SPEC)
    docker.start_container("c1")
    with pytest.raises(DockerConflict):
        docker.remove_container("c1", force=False)
    docker.stop_container("c1")
    assert docker.remove_container("c1", force=False)


def test_container_names_and_ids() -> None:
    docker = FakeDocker(images=[IMAGE])
    with pytest.raises(DockerError):
        docker.create_container(ContainerSpec(image=IMAGE, name="bad name"))
    container_id = docker.create_container(ContainerSpec(image=IMAGE))
    assert docker.inspect_container(container_id[:12]).id == container_id
    assert docker.inspect_container(container_id).name.startswith("fake_")


def test_predefined_networks_exist_and_cannot_be_removed() -> None:
    docker = FakeDocker()
    assert docker.network_exists("bridge")
    with pytest.raises(DockerError):
        docker.remove_network("bridge")


def test_starting_on_a_removed_network_is_not_found() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_network("jk-net", labels={})
    docker.create_container(ContainerSpec(image=IMAGE, name="c1", network="jk-net"))
    assert docker.remove_network("jk-net")  # a created container holds no endpoint
    with pytest.raises(DockerNotFound):
        docker.start_container("c1")
    assert docker.inspect_container_state("c1") == Created()


def test_removing_an_image_by_id() -> None:
    docker = FakeDocker(images=[IMAGE])
    image = docker.images[IMAGE]
    docker.tag_image(IMAGE, "jackin/extra:1")
    assert docker.remove_image(image.id) is RemoveImageResult.IN_USE  # two tags
    assert docker.remove_image("jackin/extra:1") is RemoveImageResult.REMOVED
    assert docker.remove_image(image.id.removeprefix("sha256:")[:12]) is RemoveImageResult.REMOVED
    assert docker.image_tags() == []


def test_the_last_tag_of_a_used_image_is_in_use() -> None:
    docker = FakeDocker(images=[IMAGE])
    docker.create_container(SPEC)
    assert docker.remove_image(IMAGE) is RemoveImageResult.IN_USE
    docker.remove_container("c1")
    assert docker.remove_image(IMAGE) is RemoveImageResult.REMOVED


def test_a_volume_bind_is_tracked_per_container() -> None:
    docker = FakeDocker(images=[IMAGE])
    spec = ContainerSpec(image=IMAGE, name="c1", binds=(Bind("/host/path", "/h"), Bind("v", "/v")))
    docker.create_container(spec)
    assert [v.name for v in docker.list_volumes()] == ["v"]
