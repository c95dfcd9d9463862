"""`ContainerState`: what inspecting a container tells jackin, as a closed set of variants.

The mapping follows the reference implementation: 404 is `NotFound`; any other failure, a
document without `State`, or a status of `""` or `stopping` is `InspectUnavailable`; an
`exited` (or absent) status is `Stopped`, with a missing exit code read as 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, TypeAlias

from jackin_sdk.docker._errors import DockerNotFound
from jackin_sdk.errors import DockerUnavailable

__all__ = [
    "ContainerState",
    "Created",
    "Dead",
    "InspectUnavailable",
    "NotFound",
    "Paused",
    "Removing",
    "Restarting",
    "Running",
    "Stopped",
    "state_from_inspect",
]


@dataclass(frozen=True, slots=True)
class NotFound:
    """The engine has no such container."""

    label: ClassVar[str] = "missing"


@dataclass(frozen=True, slots=True)
class InspectUnavailable:
    """The container's state could not be read; `reason` says why."""

    reason: str
    label: ClassVar[str] = "unavailable"


@dataclass(frozen=True, slots=True)
class Running:
    """The main process is running."""

    label: ClassVar[str] = "running"


@dataclass(frozen=True, slots=True)
class Paused:
    """The container is frozen by `docker pause`."""

    label: ClassVar[str] = "paused"


@dataclass(frozen=True, slots=True)
class Restarting:
    """The engine is restarting the container under its restart policy."""

    label: ClassVar[str] = "restarting"


@dataclass(frozen=True, slots=True)
class Removing:
    """The engine is removing the container."""

    label: ClassVar[str] = "removing"


@dataclass(frozen=True, slots=True)
class Created:
    """Created and never (successfully) started."""

    label: ClassVar[str] = "created"


@dataclass(frozen=True, slots=True)
class Dead:
    """The engine failed to remove the container and gave up on it."""

    label: ClassVar[str] = "dead"


@dataclass(frozen=True, slots=True)
class Stopped:
    """The main process has exited."""

    exit_code: int = 0
    oom_killed: bool = False

    @property
    def label(self) -> str:
        """`stopped oom_killed`, or `stopped exit:<code>`."""
        return "stopped oom_killed" if self.oom_killed else f"stopped exit:{self.exit_code}"


ContainerState: TypeAlias = (
    NotFound
    | InspectUnavailable
    | Running
    | Paused
    | Restarting
    | Removing
    | Created
    | Dead
    | Stopped
)

_BY_STATUS: dict[str, ContainerState] = {
    "running": Running(),
    "paused": Paused(),
    "restarting": Restarting(),
    "removing": Removing(),
    "created": Created(),
    "dead": Dead(),
}


def state_from_inspect(inspected: Mapping[str, object] | BaseException) -> ContainerState:
    """Map a container inspect document, or the error inspecting raised, to its state."""
    if isinstance(inspected, BaseException):
        return _state_from_error(inspected)
    state = inspected.get("State")
    if not isinstance(state, Mapping):
        return InspectUnavailable("inspect returned no State")
    status = state.get("Status")
    if status is None or status == "exited":
        exit_code = state.get("ExitCode")
        return Stopped(
            exit_code=exit_code if isinstance(exit_code, int) else 0,
            oom_killed=bool(state.get("OOMKilled")),
        )
    known = _BY_STATUS.get(str(status))
    return known if known is not None else InspectUnavailable(f"container status {status!r}")


def _state_from_error(error: BaseException) -> ContainerState:
    if isinstance(error, DockerNotFound):
        return NotFound()
    if isinstance(error, DockerUnavailable):
        return InspectUnavailable(f"{error.endpoint}: {error.reason}")
    return InspectUnavailable(str(error) or type(error).__name__)
