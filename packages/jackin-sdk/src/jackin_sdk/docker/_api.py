"""The typed protocol through which jackin talks to a Docker engine.

`EngineDocker` implements it on the docker SDK; `jackin_sdk.testing.FakeDocker` implements
it in memory. Everything in the SDK takes a `DockerApi`, never a docker-py client.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from jackin_sdk.errors import JackinError

__all__ = [
    "ContainerStartError",
    "ContainerSummary",
    "DockerApi",
    "DockerConflict",
    "DockerError",
    "DockerNotFound",
    "RunOutcome",
    "RunSpec",
]


class DockerError(JackinError):
    """The engine answered with an error jackin did not expect."""


class DockerNotFound(DockerError):
    """The image, container, network or volume does not exist."""


class DockerConflict(DockerError):
    """A name is already taken, or the object is in use."""


class ContainerStartError(DockerError):
    """The engine created a container but could not start it (e.g. refused capabilities)."""


@dataclass(frozen=True, slots=True)
class RunSpec:
    """A short-lived container: run `command`, wait, collect output, remove it."""

    image: str
    command: tuple[str, ...] = ()
    entrypoint: tuple[str, ...] | None = None
    privileged: bool = False
    cap_add: tuple[str, ...] = ()
    cap_drop: tuple[str, ...] = ()
    security_opt: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    user: str | None = None


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """Exit code and combined output of a `run_once` container."""

    exit_code: int
    output: str


@dataclass(frozen=True, slots=True)
class ContainerSummary:
    """One container as listed by the engine."""

    id: str
    name: str
    status: str
    labels: Mapping[str, str]


@runtime_checkable
class DockerApi(Protocol):
    """What jackin asks of a Docker engine."""

    @property
    def endpoint(self) -> str:
        """Where the engine is (socket path or URL), for messages."""
        ...

    def ping(self) -> None:
        """Check the engine answers; raise `DockerUnavailable` (E001) otherwise."""
        ...

    def close(self) -> None:
        """Release connections; further calls may reconnect."""
        ...

    def server_version(self) -> str:
        """The engine's version string, e.g. `20.10.24`."""
        ...

    def image_exists(self, reference: str) -> bool:
        """Whether `reference` (name:tag or id) is present locally."""
        ...

    def image_tags(self) -> list[str]:
        """Every `name:tag` present locally."""
        ...

    def run_once(self, spec: RunSpec, *, timeout: float = 60.0) -> RunOutcome:
        """Create, start and wait for a container, then remove it whatever happened."""
        ...

    def list_containers(self, labels: Mapping[str, str] | None = None) -> list[ContainerSummary]:
        """All containers (running or not) carrying every label in `labels`."""
        ...
