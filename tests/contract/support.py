"""What the contract cases share: the label, scratch names and the fake's handlers.

Every engine object a contract test creates is named from a per-test token and, where the
engine allows it, labelled `jackin.test.contract=1`; `Scratch.cleanup` removes all of them.
The fake's handlers play exactly the commands the contract runs, and fail on any other.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from jackin_sdk.docker import (
    ContainerSpec,
    ContainerState,
    DockerApi,
    ExecResult,
    RunOutcome,
    RunSpec,
)
from jackin_sdk.testing import ExecNeverEnds, FakeContainer, FakeExec, FakeProcess
from tests.conftest import TEST_DIND_IMAGE

LABEL = {"jackin.test.contract": "1"}
SLEEP = ("sleep", "30")
PRINT_THREE_LINES = ("sh", "-c", "echo one; echo two; echo three")
EXIT_3 = ("sh", "-c", "echo hi; exit 3")
BOTH_STREAMS = ("sh", "-c", "echo out; echo err >&2; echo out again")
MISSING_BINARY = ("/no/such/binary",)
# Far more output than any bound: what a hostile command in the container may write.
FLOOD_BYTES = 50 * 1024 * 1024
FLOOD = ("head", "-c", str(FLOOD_BYTES), "/dev/zero")
FLOOD_LINES = ("sh", "-c", "yes | head -c 2097152")  # 2 MiB of "y\n", for the logs
HANGS = ("sh", "-c", "echo started; exec sleep 600")  # a command that does not end


def contract_process(container: FakeContainer) -> FakeProcess:
    """Play the main processes the contract starts, and nothing else."""
    if container.argv == SLEEP:
        return FakeProcess(handles_sigterm=False)  # PID 1 without a handler ignores SIGTERM
    if container.argv == PRINT_THREE_LINES:
        return FakeProcess(exit_code=0, output="one\ntwo\nthree\n")
    if container.argv == FLOOD_LINES:
        return FakeProcess(exit_code=0, output="y\n" * (1024 * 1024))
    raise AssertionError(f"the contract fake does not emulate {container.argv}")


def contract_exec(call: FakeExec) -> ExecResult:
    """Play the commands the contract execs, and nothing else."""
    spec = call.container.spec
    assert spec is not None
    result: ExecResult | None = None
    match call.argv, call.user:
        case ("sh", "-c", "echo hi; exit 3"), None:
            result = ExecResult(exit_code=3, output="hi\n")
        case ("sh", "-c", "echo out; echo err >&2; echo out again"), None:
            result = ExecResult(exit_code=0, output="out\nerr\nout again\n")
        case ("/no/such/binary",), None:
            # The engine's own answer: exit 126 and the runtime's message as output.
            result = ExecResult(
                exit_code=126,
                output="OCI runtime exec failed: exec failed: unable to start container "
                'process: exec: "/no/such/binary": stat /no/such/binary: no such file or '
                "directory: unknown\r\n",
            )
        case ("sh", "-c", "echo started; exec sleep 600"), None:
            raise ExecNeverEnds("started\n")
        case ("head", "-c", size, "/dev/zero"), None:
            result = ExecResult(exit_code=0, output="\0" * int(size))
        case ("id", "-u"), "nobody":
            result = ExecResult(exit_code=0, output="65534\n")
        case ("cat", "/etc/hostname"), None:
            result = ExecResult(exit_code=0, output=f"{spec.hostname}\n")
        case ("printenv", name), None if name in spec.env:
            result = ExecResult(exit_code=0, output=f"{spec.env[name]}\n")
    if result is None:
        raise AssertionError(f"the contract fake does not emulate {call.argv} as {call.user}")
    return result


def contract_run(spec: RunSpec) -> RunOutcome:
    """Play the `run_once` containers the contract runs: `true` and the line flood."""
    if spec.entrypoint == ("true",):
        return RunOutcome(exit_code=0, output="")
    if spec.entrypoint == FLOOD_LINES:
        return RunOutcome(exit_code=0, output="y\n" * (1024 * 1024))
    raise AssertionError(f"the contract fake does not emulate {spec.entrypoint}")


@dataclass
class Scratch:
    """Unique names for one test, and the removal of everything that carries them."""

    docker: DockerApi
    token: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def prefix(self) -> str:
        return f"jackin-contract-{self.token}"

    @property
    def repository(self) -> str:
        return f"jackin-test/contract-{self.token}"

    def name(self, what: str) -> str:
        """A container, network or volume name unique to this test."""
        return f"{self.prefix}-{what}"

    def tag(self, what: str) -> str:
        """An image tag unique to this test."""
        return f"{self.repository}:{what}"

    def spec(self, name: str, **changes: Any) -> ContainerSpec:
        """A labelled container `name` of the test image that sleeps until stopped."""
        base = ContainerSpec(image=TEST_DIND_IMAGE, name=name, entrypoint=SLEEP, labels=LABEL)
        return replace(base, **changes)

    def cleanup(self) -> None:
        """Remove this test's containers, networks, volumes and tags, in that order."""
        for container in self.docker.list_containers(LABEL):
            if container.name.startswith(self.prefix):
                self.docker.remove_container(container.name)
        for network in self.docker.list_networks(LABEL):
            if network.name.startswith(self.prefix):
                self.docker.remove_network(network.name)
        for volume in self.docker.list_volumes():  # volumes made by a bind carry no label
            if volume.name.startswith(self.prefix):
                self.docker.remove_volume(volume.name)
        for tag in self.docker.image_tags():
            if tag.startswith(f"{self.repository}:"):
                self.docker.remove_image(tag)


def wait_for_state(
    docker: DockerApi,
    container: str,
    done: Callable[[ContainerState], bool],
    timeout: float = 20.0,
) -> ContainerState:
    """Poll the container's state until `done` accepts it or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    state = docker.inspect_container_state(container)
    while not done(state) and time.monotonic() < deadline:
        time.sleep(0.05)
        state = docker.inspect_container_state(container)
    return state


def assert_created_just_now(created: dt.datetime) -> None:
    """A listed object's creation time: timezone-aware UTC, within a minute of now."""
    assert created.utcoffset() == dt.timedelta(0)
    assert abs(dt.datetime.now(dt.UTC) - created) < dt.timedelta(minutes=1)
