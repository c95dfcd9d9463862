"""Containers on FakeDocker and on the engine: lifecycle, states, conflicts, exec, logs."""

from __future__ import annotations

import pytest

from jackin_sdk.docker import (
    Bind,
    Created,
    DockerApi,
    DockerConflict,
    DockerError,
    DockerNotFound,
    ExecResult,
    NotFound,
    Running,
    Stopped,
)
from tests.conftest import TEST_DIND_IMAGE
from tests.contract.support import (
    BOTH_STREAMS,
    EXIT_3,
    LABEL,
    MISSING_BINARY,
    PRINT_THREE_LINES,
    Scratch,
    assert_created_just_now,
    wait_for_state,
)


def test_container_lifecycle_and_state_labels(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("life")
    spec = scratch.spec(container)
    assert docker.inspect_container_state(container) == NotFound()
    assert docker.inspect_container_state(container).label == "missing"

    container_id = docker.create_container(spec)
    info = docker.inspect_container(container)
    assert (info.id, info.name, info.image) == (container_id, container, TEST_DIND_IMAGE)
    assert info.image_id.startswith("sha256:")
    assert LABEL.items() <= info.labels.items()
    assert info.state == Created()
    assert info.state.label == "created"
    listed = {c.name: c for c in docker.list_containers(LABEL)}
    assert listed[container].status == "created"

    docker.start_container(container)
    docker.start_container(container_id)  # already running: nothing to do
    assert docker.inspect_container_state(container_id) == Running()
    assert docker.inspect_container_state(container).label == "running"
    assert {c.name: c.status for c in docker.list_containers(LABEL)}[container] == "running"

    docker.stop_container(container, timeout=1)  # `sleep` as PID 1 ignores SIGTERM
    docker.stop_container(container, timeout=1)  # already stopped: nothing to do
    state = docker.inspect_container_state(container)
    assert state == Stopped(exit_code=137, oom_killed=False)
    assert state.label == "stopped exit:137"

    assert docker.remove_container(container) is True
    assert docker.inspect_container_state(container) == NotFound()
    assert docker.remove_container(container) is False


def test_a_taken_name_is_a_conflict(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("twice")
    spec = scratch.spec(container)
    docker.create_container(spec)
    with pytest.raises(DockerConflict):
        docker.create_container(spec)
    assert [c.name for c in docker.list_containers(LABEL)].count(container) == 1


def test_creating_from_a_missing_image_is_not_found(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("noimage")
    spec = scratch.spec(container, image="jackin-test/definitely-missing:0")
    with pytest.raises(DockerNotFound):
        docker.create_container(spec)
    assert container not in {c.name for c in docker.list_containers(LABEL)}


def test_a_bind_path_with_a_colon_is_an_invalid_spec(docker: DockerApi, scratch: Scratch) -> None:
    # Binds travel as `src:dst:mode` strings: a `:` in either path cannot be carried.
    container = scratch.name("colon")
    for bind in (Bind("/tmp/a:b", "/w"), Bind("/tmp", "/w:x")):
        with pytest.raises(DockerError, match="invalid volume specification"):
            docker.create_container(scratch.spec(container, binds=(bind,)))
    assert container not in {c.name for c in docker.list_containers(LABEL)}


def test_a_missing_container(docker: DockerApi, scratch: Scratch) -> None:
    name = scratch.name("ghost")
    for call in (
        lambda: docker.start_container(name),
        lambda: docker.stop_container(name),
        lambda: docker.inspect_container(name),
        lambda: docker.container_logs(name),
        lambda: docker.exec_capture(name, ["true"]),
    ):
        with pytest.raises(DockerNotFound):
            call()
    assert docker.inspect_container_state(name) == NotFound()
    assert docker.remove_container(name) is False


def test_exec_capture_returns_exit_code_and_output(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("exec")
    spec = scratch.spec(container, env={"JACKIN_CONTRACT": "yes"}, hostname="contract-host")
    docker.create_container(spec)
    docker.start_container(container)

    assert docker.exec_capture(container, EXIT_3) == ExecResult(exit_code=3, output="hi\n")
    assert docker.exec_capture(container, ["id", "-u"], user="nobody") == ExecResult(
        exit_code=0, output="65534\n"
    )
    assert docker.exec_capture(container, ["printenv", "JACKIN_CONTRACT"]).output == "yes\n"
    assert docker.exec_capture(container, ["cat", "/etc/hostname"]).output == "contract-host\n"


def test_exec_output_carries_both_streams_and_failures_are_exit_codes(
    docker: DockerApi, scratch: Scratch
) -> None:
    container = scratch.name("streams")
    docker.create_container(scratch.spec(container))
    docker.start_container(container)

    both = docker.exec_capture(container, BOTH_STREAMS)
    assert both.exit_code == 0
    # Two pipes: each stream keeps its order, but the engine may put either first.
    lines = both.output.splitlines()
    assert sorted(lines) == ["err", "out", "out again"]
    assert lines.index("out") < lines.index("out again")
    # A command the container cannot run is the engine's exit 126, returned, not raised.
    missing = docker.exec_capture(container, MISSING_BINARY)
    assert missing.exit_code == 126
    assert "/no/such/binary" in missing.output


def test_exec_needs_a_running_container(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("idle")
    spec = scratch.spec(container)
    docker.create_container(spec)
    with pytest.raises(DockerConflict, match=f"exec sh in {container}"):
        docker.exec_capture(container, EXIT_3)

    docker.start_container(container)
    docker.stop_container(container, timeout=0)
    with pytest.raises(DockerConflict, match="is not running"):
        docker.exec_capture(container, EXIT_3)


def test_logs_of_a_container_that_exited(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("logs")
    spec = scratch.spec(container, entrypoint=PRINT_THREE_LINES)
    docker.create_container(spec)
    assert docker.container_logs(container) == ""
    docker.start_container(container)

    state = wait_for_state(docker, container, lambda s: isinstance(s, Stopped))
    assert state == Stopped(exit_code=0)
    assert state.label == "stopped exit:0"
    assert docker.container_logs(container) == "one\ntwo\nthree\n"
    assert docker.container_logs(container, tail=1) == "three\n"
    assert docker.container_logs(container, tail=0) == ""


def test_a_listed_container_carries_its_creation_time(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("born")
    docker.create_container(scratch.spec(container))
    listed = {c.name: c for c in docker.list_containers(LABEL)}
    assert_created_just_now(listed[container].created)
