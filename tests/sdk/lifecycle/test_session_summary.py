"""`hardline --inspect`'s session line runs `jackin-capsule status` in the container,
which the agent (root there) can replace: its answer is read bounded and given up after
a timeout, so one that floods or never ends costs the report a line, not a hang."""

from __future__ import annotations

from jackin_sdk.docker import ContainerSpec, ExecResult
from jackin_sdk.lifecycle import session_summary
from jackin_sdk.lifecycle._hardline import STATUS_OUTPUT_LIMIT, STATUS_TIMEOUT
from jackin_sdk.testing import ExecHandler, ExecNeverEnds, FakeDocker, FakeExec

IMAGE = "jackin-test/role:latest"
STATUS = "sessions:\n  1 main claude working\n  2 review codex idle\n"


def _running(handler: ExecHandler) -> FakeDocker:
    docker = FakeDocker(images=[IMAGE], exec_handler=handler)
    docker.create_container(ContainerSpec(image=IMAGE, name="jk-a"))
    docker.start_container("jk-a")
    return docker


def test_the_status_is_summarised_on_one_line() -> None:
    docker = _running(lambda call: ExecResult(0, STATUS))
    assert session_summary(docker, "jk-a") == "1 main claude working; 2 review codex idle"
    [call] = docker.execs
    assert (call.max_output, call.timeout) == (STATUS_OUTPUT_LIMIT, STATUS_TIMEOUT)


def test_a_status_that_never_ends_is_given_up() -> None:
    def never(call: FakeExec) -> ExecResult:
        raise ExecNeverEnds(STATUS)  # wrote a status, then never exited

    # Without a timeout FakeDocker fails the test: a real engine would hang the host.
    assert session_summary(_running(never), "jk-a") == "unavailable (no answer in 5 s)"


def test_a_status_that_floods_is_cut_and_not_trusted() -> None:
    docker = _running(lambda call: ExecResult(0, STATUS + "x" * STATUS_OUTPUT_LIMIT))
    assert session_summary(docker, "jk-a") == "unavailable (more than 64 KiB of output)"


def test_a_stopped_container_has_no_summary() -> None:
    docker = _running(lambda call: ExecResult(0, STATUS))
    docker.stop_container("jk-a")
    assert session_summary(docker, "jk-a") is None
    assert docker.execs == []
