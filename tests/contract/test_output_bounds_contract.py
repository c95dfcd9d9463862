"""Output the host reads back from a container is bounded, on FakeDocker and on the engine.

The container's commands are the agent's (root inside may replace any binary), so a read
of their output stops at a bound and says so: `exec_capture` and `run_once` return
`truncated`, `container_logs` ends with a note. 50 MiB of output is read as the bound.
`exec_capture` with a `timeout` also gives up on a command that does not end (`timed_out`).
"""

from __future__ import annotations

from jackin_sdk.docker import (
    EXEC_OUTPUT_LIMIT,
    DockerApi,
    ExecResult,
    RunOutcome,
    RunSpec,
    Stopped,
)
from tests.conftest import TEST_DIND_IMAGE
from tests.contract.support import (
    EXIT_3,
    FLOOD,
    FLOOD_LINES,
    HANGS,
    LABEL,
    Scratch,
    wait_for_state,
)

BOUND = 64 * 1024


def _running(docker: DockerApi, scratch: Scratch, what: str) -> str:
    container = scratch.name(what)
    docker.create_container(scratch.spec(container))
    docker.start_container(container)
    return container


def test_exec_capture_stops_at_max_output_and_says_so(docker: DockerApi, scratch: Scratch) -> None:
    container = _running(docker, scratch, "flood")

    flood = docker.exec_capture(container, FLOOD, max_output=BOUND)
    assert flood == ExecResult(exit_code=-1, output="\0" * BOUND, truncated=True)

    # The default bound holds for a caller that passes none.
    default = docker.exec_capture(container, FLOOD)
    assert default.truncated
    assert len(default.output.encode()) == EXEC_OUTPUT_LIMIT

    # Output of exactly the bound is whole, with its exit code.
    exact = ("head", "-c", str(BOUND), "/dev/zero")
    assert docker.exec_capture(container, exact, max_output=BOUND) == ExecResult(0, "\0" * BOUND)

    # The abandoned exec leaves the container and the connection usable.
    assert docker.exec_capture(container, EXIT_3) == ExecResult(exit_code=3, output="hi\n")


def test_exec_capture_gives_up_after_its_timeout_and_says_so(
    docker: DockerApi, scratch: Scratch
) -> None:
    container = _running(docker, scratch, "hang")

    hung = docker.exec_capture(container, HANGS, timeout=1.0)
    assert hung == ExecResult(exit_code=-1, output="started\n", timed_out=True)

    # A command that ends within its timeout is whole, and the container still answers.
    assert docker.exec_capture(container, EXIT_3, timeout=30.0) == ExecResult(3, "hi\n")


def test_container_logs_stop_at_max_output_with_a_note(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("loud")
    docker.create_container(scratch.spec(container, entrypoint=FLOOD_LINES))
    docker.start_container(container)
    assert wait_for_state(docker, container, lambda s: isinstance(s, Stopped)) == Stopped(0)

    logs = docker.container_logs(container, max_output=BOUND)
    assert logs == "y\n" * (BOUND // 2) + f"\n[jackin: logs cut at {BOUND} bytes]\n"
    assert docker.container_logs(container, tail=3, max_output=BOUND) == "y\n" * 3


def test_run_once_stops_reading_at_max_output(docker: DockerApi) -> None:
    spec = RunSpec(image=TEST_DIND_IMAGE, entrypoint=FLOOD_LINES, labels=LABEL)
    outcome = docker.run_once(spec, max_output=BOUND)
    assert outcome == RunOutcome(exit_code=0, output="y\n" * (BOUND // 2), truncated=True)
    assert docker.list_containers(LABEL) == []
