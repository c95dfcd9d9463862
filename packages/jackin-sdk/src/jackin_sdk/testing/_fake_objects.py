"""The objects a `FakeDocker` keeps, and the handlers that play the containers' processes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jackin_sdk.docker import EXEC_OUTPUT_LIMIT, ContainerSpec, ExecResult, RunOutcome, RunSpec

__all__ = [
    "Clock",
    "CommandHandler",
    "ExecHandler",
    "FakeContainer",
    "FakeDockerHost",
    "FakeExec",
    "FakeImage",
    "FakeNetwork",
    "FakeProcess",
    "FakeVolume",
    "StartHandler",
]

ACTIVE_STATUSES = frozenset({"running", "paused", "restarting"})


def utc_now() -> dt.datetime:
    """The real time, in UTC: `FakeDocker`'s default clock."""
    return dt.datetime.now(dt.UTC)


@dataclass
class FakeDockerHost:
    """What the simulated host allows: capabilities it cannot grant, reachability.

    `version` and `engine_id` identify the engine (`docker version`, `docker info`'s ID).
    """

    refused_capabilities: frozenset[str] = frozenset()
    reachable: bool = True
    version: str = "20.10.24"
    engine_id: str = "FAKE:ENGINE:0001"


@dataclass
class FakeImage:
    """A local image; every tag pointing at it shares this object."""

    id: str
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeContainer:
    """A container and its main process, as far as the engine can see them."""

    id: str
    name: str
    status: str
    """`created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`."""
    labels: dict[str, str] = field(default_factory=dict)
    spec: ContainerSpec | None = None
    """`None` for the transient containers of `run_once`."""
    image_id: str = ""
    exit_code: int = 0
    oom_killed: bool = False
    logs: str = ""
    handles_sigterm: bool = True
    created: dt.datetime = field(default_factory=utc_now)
    network_id: str | None = None
    """The id of the network it joined when first started."""

    @property
    def argv(self) -> tuple[str, ...]:
        """Entrypoint then command, as the spec gave them (image defaults are not known)."""
        if self.spec is None:
            return ()
        return (*(self.spec.entrypoint or ()), *self.spec.command)

    @property
    def active(self) -> bool:
        """Whether the main process exists (running, paused or restarting)."""
        return self.status in ACTIVE_STATUSES

    @property
    def network(self) -> str:
        """The network the container joins when it runs."""
        return (self.spec.network if self.spec else None) or "bridge"

    def append_log(self, text: str) -> None:
        """Add output to what `container_logs` returns."""
        self.logs += text

    def inspect_document(self) -> dict[str, Any]:
        """The part of an engine's inspect document that `state_from_inspect` reads."""
        return {
            "State": {
                "Status": self.status,
                "ExitCode": self.exit_code,
                "OOMKilled": self.oom_killed,
            }
        }


@dataclass(frozen=True, slots=True)
class FakeProcess:
    """What a container's main process does when started.

    `exit_code=None` keeps it running until stopped; otherwise it exits at once with that
    code. `output` goes to the container's logs. A process that does not handle SIGTERM
    (e.g. `sleep` as PID 1) is killed by `stop_container`, exit 137.
    """

    exit_code: int | None = None
    output: str = ""
    handles_sigterm: bool = True


@dataclass(frozen=True, slots=True)
class FakeExec:
    """One `exec_capture` call, as passed to the exec handler and recorded in `execs`."""

    container: FakeContainer
    argv: tuple[str, ...]
    user: str | None = None
    max_output: int = EXEC_OUTPUT_LIMIT
    """The caller's bound on the output (`exec_capture`'s `max_output`)."""
    timeout: float | None = None
    """The caller's bound on the time (`exec_capture`'s `timeout`)."""


class ExecNeverEnds(Exception):
    """Raised by an exec handler to play a command that never ends, having written
    `output`: `exec_capture` returns it `timed_out` when the caller gave a timeout, and
    fails the test otherwise (a real caller would hang)."""

    def __init__(self, output: str = "") -> None:
        super().__init__("the command never ends")
        self.output = output


@dataclass
class FakeNetwork:
    """A network; the engine's predefined ones are `builtin` and cannot be removed."""

    id: str
    name: str
    labels: dict[str, str] = field(default_factory=dict)
    internal: bool = False
    builtin: bool = False
    created: dt.datetime = field(default_factory=utc_now)


@dataclass
class FakeVolume:
    """A named volume."""

    name: str
    labels: dict[str, str] = field(default_factory=dict)
    created: dt.datetime = field(default_factory=utc_now)


CommandHandler = Callable[[RunSpec], RunOutcome]
"""Plays the container of a `run_once` call."""
StartHandler = Callable[[FakeContainer], FakeProcess]
"""Plays a container's main process on `start_container`; may raise `ContainerStartError`."""
ExecHandler = Callable[[FakeExec], ExecResult]
"""Plays a command run by `exec_capture`."""
Clock = Callable[[], dt.datetime]
"""Tells a `FakeDocker` the time at which objects are created (timezone-aware)."""
