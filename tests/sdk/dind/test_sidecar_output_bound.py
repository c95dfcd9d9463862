"""The sidecar's probes and logs are read bounded: its engine is the agent's to drive, and a
flood from the probes or dockerd costs the host 64 KiB each, in memory and in the E010."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.dind import (
    DindTlsMaterial,
    ReadinessPolicy,
    SidecarNotReady,
    SidecarPrivileges,
    start_sidecar,
)
from jackin_sdk.docker import ExecResult
from jackin_sdk.errors import ErrorCode
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import InstanceResources
from jackin_sdk.testing import FakeContainer, FakeDocker, FakeExec, FakeProcess

IMAGE = "docker:29-dind"
BOUND = 64 * 1024
FLOOD = 10 * 1024 * 1024


def _flooding_exec(call: FakeExec) -> ExecResult:
    del call
    return ExecResult(0, "v" * FLOOD)  # exits 0, but only after 10 MiB


def _flooding_dockerd(container: FakeContainer) -> FakeProcess:
    container.append_log("d" * FLOOD + "\n")
    return FakeProcess()


def test_a_flooding_sidecar_is_e010_with_bounded_output() -> None:
    docker = FakeDocker(
        images=[IMAGE], start_handler=_flooding_dockerd, exec_handler=_flooding_exec
    )
    with pytest.raises(SidecarNotReady) as caught:
        start_sidecar(
            docker,
            InstanceResources("jk-abc"),
            image=IMAGE,
            privileges=SidecarPrivileges.for_capabilities(["SYS_RESOURCE"]),
            material=DindTlsMaterial(Path("/state/jk-abc/dind-certs")),
            home=HomeIdentity("a" * 32, Path("/homes/a")),
            readiness=ReadinessPolicy(attempts=2, first_interval=0, max_interval=0),
            sleep=lambda seconds: None,
        )
    error = caught.value
    assert error.code is ErrorCode.E010
    assert {call.max_output for call in docker.execs} == {BOUND}
    text = str(error)
    assert "exited -1" in text  # a truncated probe is a failed one, whatever it said
    assert f"[jackin: logs cut at {BOUND} bytes]" in text
    assert len(text) < 3 * BOUND


EXCERPT = 500


def _failing_with_a_long_line(call: FakeExec) -> ExecResult:
    del call  # each probe fails at once with one long error line, under the read bound
    return ExecResult(1, "docker: Error response from daemon: " + "e" * 40_000 + "\n")


def test_a_failed_probes_reason_is_cut_to_an_excerpt() -> None:
    docker = FakeDocker(images=[IMAGE], exec_handler=_failing_with_a_long_line)
    with pytest.raises(SidecarNotReady) as caught:
        start_sidecar(
            docker,
            InstanceResources("jk-abc"),
            image=IMAGE,
            privileges=SidecarPrivileges.for_capabilities(["SYS_RESOURCE"]),
            material=DindTlsMaterial(Path("/state/jk-abc/dind-certs")),
            home=HomeIdentity("a" * 32, Path("/homes/a")),
            readiness=ReadinessPolicy(attempts=2, first_interval=0, max_interval=0),
            sleep=lambda seconds: None,
        )
    reason = caught.value.reason
    assert reason.startswith("no answer after 2 attempts; last: `docker version` exited 1: docker:")
    assert "e" * (EXCERPT - len("docker: Error response from daemon: ")) + "…" in reason
    assert reason.endswith("more characters cut]")
    assert len(reason) < EXCERPT + 200
