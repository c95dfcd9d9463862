"""The data that crosses the `DockerApi` boundary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from jackin_sdk.docker._state import ContainerState

__all__ = [
    "EXEC_OUTPUT_LIMIT",
    "LOG_OUTPUT_LIMIT",
    "Bind",
    "ContainerInfo",
    "ContainerSpec",
    "ContainerSummary",
    "ExecResult",
    "ImageInfo",
    "NetworkSummary",
    "RemoveImageResult",
    "RunOutcome",
    "RunSpec",
    "VolumeSummary",
    "logs_cut_note",
]

#: The most `exec_capture` reads of a command's output unless told otherwise: 1 MiB.
#: The command is the container's (an agent with root may replace any binary in it), so
#: the host never reads its output unbounded; callers that expect less pass less.
EXEC_OUTPUT_LIMIT = 1024 * 1024

#: The most `container_logs` and `run_once` read of a container's output: 1 MiB.
LOG_OUTPUT_LIMIT = 1024 * 1024

_UNKNOWN_TIME = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def logs_cut_note(limit: int) -> str:
    """The line `container_logs` ends its text with when it stopped reading at `limit`."""
    return f"\n[jackin: logs cut at {limit} bytes]\n"


"""The `created` of a summary built without one (read as "long ago")."""


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
    """Exit code and combined output of a `run_once` container.

    `truncated` when the container wrote more than `max_output` bytes: `output` is then
    the first `max_output` bytes (the exit code is still the container's).
    """

    exit_code: int
    output: str
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class Bind:
    """A mount: `source` is an absolute host path, or the name of a volume (auto-created)."""

    source: str
    target: str
    read_only: bool = False

    @property
    def is_volume(self) -> bool:
        """Whether `source` names a volume rather than a host path."""
        return not self.source.startswith("/")

    def __str__(self) -> str:
        return f"{self.source}:{self.target}:{'ro' if self.read_only else 'rw'}"


@dataclass(frozen=True, slots=True)
class ContainerSpec:
    """A long-lived container to create: `docker create` with the options jackin uses.

    An empty `command` and a `None` entrypoint keep the image's defaults; setting an
    entrypoint drops the image's command, as the engine does.
    """

    image: str
    name: str | None = None
    command: tuple[str, ...] = ()
    entrypoint: tuple[str, ...] | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    network: str | None = None
    hostname: str | None = None
    user: str | None = None
    group_add: tuple[str, ...] = ()
    binds: tuple[Bind, ...] = ()
    workdir: str | None = None
    privileged: bool = False
    cap_add: tuple[str, ...] = ()
    cap_drop: tuple[str, ...] = ()
    security_opt: tuple[str, ...] = ()
    tty: bool = False
    stdin_open: bool = False
    pids_limit: int | None = None
    """Processes and threads the container may hold (`--pids-limit`); None: no limit."""
    mem_limit: int | None = None
    """Memory limit in bytes (`--memory`); None: no limit."""
    nano_cpus: int | None = None
    """CPU quota in 10^-9 CPUs (`--cpus` x 10^9); None: no limit."""


@dataclass(frozen=True, slots=True)
class ContainerSummary:
    """One container as listed by the engine."""

    id: str
    name: str
    status: str
    labels: Mapping[str, str]
    created: dt.datetime = field(default=_UNKNOWN_TIME, compare=False)
    """When the engine created it (UTC); not part of equality."""


@dataclass(frozen=True, slots=True)
class ContainerInfo:
    """What inspecting an existing container returns."""

    id: str
    name: str
    image: str
    """The reference the container was created from, as given."""
    image_id: str
    """The id (`sha256:…`) of the image the container uses."""
    labels: Mapping[str, str]
    state: ContainerState


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What inspecting a local image returns: its id and its labels."""

    id: str
    """The image id (`sha256:…`)."""
    labels: Mapping[str, str]
    """The image's labels, with empty values dropped."""


@dataclass(frozen=True, slots=True)
class ExecResult:
    """Exit code and combined stdout and stderr of a command run in a container.

    `truncated` when the command wrote more than the reader's `max_output` bytes (`output`
    is then the first `max_output` bytes), `timed_out` when it still ran after the
    reader's `timeout` (`output` is what it wrote by then). Either way the command was
    abandoned (its output stream closed, the command not waited for) and `exit_code` is
    -1, since it is not known.
    """

    exit_code: int
    output: str
    truncated: bool = False
    timed_out: bool = False


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    """One network as listed by the engine."""

    name: str
    labels: Mapping[str, str]
    created: dt.datetime = field(default=_UNKNOWN_TIME, compare=False)
    """When the engine created it (UTC); not part of equality."""


@dataclass(frozen=True, slots=True)
class VolumeSummary:
    """One volume as listed by the engine."""

    name: str
    labels: Mapping[str, str]
    created: dt.datetime = field(default=_UNKNOWN_TIME, compare=False)
    """When the engine created it (UTC); not part of equality."""


class RemoveImageResult(StrEnum):
    """What a non-forced image removal did."""

    REMOVED = "removed"
    IN_USE = "in_use"
    NOT_FOUND = "not_found"
