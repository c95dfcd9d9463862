"""The typed protocol through which jackin talks to a Docker engine.

`EngineDocker` implements it on the docker SDK; `jackin_sdk.testing.FakeDocker` implements
it in memory. Everything in the SDK takes a `DockerApi`, never a docker-py client.

Every method raises `DockerUnavailable` (E001, naming the endpoint) when the engine
cannot be reached, except `inspect_container_state`, which reports it as a state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from jackin_sdk.docker._build import BuildOutput, BuildSpec
from jackin_sdk.docker._state import ContainerState
from jackin_sdk.docker._types import (
    EXEC_OUTPUT_LIMIT,
    LOG_OUTPUT_LIMIT,
    ContainerInfo,
    ContainerSpec,
    ContainerSummary,
    ExecResult,
    ImageInfo,
    NetworkSummary,
    RemoveImageResult,
    RunOutcome,
    RunSpec,
    VolumeSummary,
)

__all__ = ["DockerApi"]


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

    def engine_id(self) -> str:
        """The engine's `docker info` ID: stable while its data root lives, unique per engine."""
        ...

    # Images

    def inspect_image(self, reference: str) -> ImageInfo | None:
        """Id and labels of a local image in one request; None when it is missing."""
        ...

    def image_exists(self, reference: str) -> bool:
        """Whether `reference` (name:tag or id) is present locally."""
        ...

    def image_tags(self) -> list[str]:
        """Every `name:tag` present locally."""
        ...

    def image_labels(self, reference: str) -> dict[str, str]:
        """The image's labels with empty values dropped; `{}` when the image is missing."""
        ...

    def tag_image(self, source: str, target: str) -> None:
        """Point `target` (`name[:tag]`) at the image `source`; `DockerNotFound` if missing."""
        ...

    def build_image(self, spec: BuildSpec, output: BuildOutput | None = None) -> str:
        """Build `spec` with the classic builder and return the image id.

        Each line of builder output goes to `output` as it arrives. A failed step raises
        `ImageBuildError` (naming the step); a missing base image fails the build too,
        since nothing is pulled.
        """
        ...

    def image_id(self, reference: str) -> str | None:
        """The id (`sha256:…`) of a local image, or None when it is missing."""
        ...

    def remove_image(self, reference: str) -> RemoveImageResult:
        """Remove a tag or image without forcing; a container using it makes it `IN_USE`.

        Removing one of several tags of an image only untags it, as `docker rmi` does.
        """
        ...

    # Containers

    def run_once(
        self, spec: RunSpec, *, timeout: float = 60.0, max_output: int = LOG_OUTPUT_LIMIT
    ) -> RunOutcome:
        """Create, start and wait for a container, then remove it whatever happened.

        At most `max_output` bytes of its output are read (`truncated` says more was there).
        """
        ...

    def list_containers(self, labels: Mapping[str, str] | None = None) -> list[ContainerSummary]:
        """All containers (running or not) carrying every label in `labels`."""
        ...

    def create_container(self, spec: ContainerSpec) -> str:
        """Create a container and return its id.

        `DockerConflict` when the name is taken, `DockerNotFound` when the image is missing.
        Named volumes in `spec.binds` are created on the way, without labels.
        """
        ...

    def start_container(self, container: str) -> None:
        """Start a container (no-op if running); `ContainerStartError` if the engine refuses.

        `DockerNotFound` when the container, or the network it joins, does not exist.
        """
        ...

    def stop_container(self, container: str, timeout: int = 10) -> None:
        """Stop a container: SIGTERM, then SIGKILL after `timeout` seconds (exit 137)."""
        ...

    def remove_container(self, container: str, *, force: bool = True) -> bool:
        """Remove a container and its anonymous volumes; `False` if it did not exist."""
        ...

    def inspect_container(self, container: str) -> ContainerInfo:
        """Id, name, image, labels and state of a container; `DockerNotFound` if missing."""
        ...

    def inspect_container_state(self, container: str) -> ContainerState:
        """The container's state; never raises (errors become `NotFound`/`InspectUnavailable`)."""
        ...

    def container_logs(
        self, container: str, tail: int | None = None, *, max_output: int = LOG_OUTPUT_LIMIT
    ) -> str:
        """The container's stdout and stderr so far, or only its last `tail` lines.

        At most `max_output` bytes are read; when there were more, the text read is
        followed by a line `[jackin: logs cut at <max_output> bytes]`.
        """
        ...

    def exec_capture(
        self,
        container: str,
        argv: Sequence[str],
        *,
        user: str | None = None,
        max_output: int = EXEC_OUTPUT_LIMIT,
        timeout: float | None = None,
    ) -> ExecResult:
        """Run `argv` in a running container and capture its output (not trimmed).

        A non-zero exit is returned, not raised; a container that is not running is a
        `DockerError` (`DockerConflict`), a missing one `DockerNotFound`.

        The container's command is not trusted to be short, nor to end: at most
        `max_output` bytes of output are read, and with a `timeout` it may run that many
        seconds (None: as long as it runs). A command that writes more is abandoned there
        (its stream closed, the command not waited for) and returned `truncated`, with the
        first `max_output` bytes and exit code -1; one still running after `timeout` is
        abandoned the same way and returned `timed_out`, with what it wrote by then.
        """
        ...

    # Networks

    def create_network(
        self, name: str, *, labels: Mapping[str, str], internal: bool = False
    ) -> str:
        """Create a bridge network and return its id; `DockerConflict` if the name exists."""
        ...

    def remove_network(self, name: str) -> bool:
        """Remove a network; `False` if missing, `DockerInUse` while a running container uses it."""
        ...

    def list_networks(self, labels: Mapping[str, str] | None = None) -> list[NetworkSummary]:
        """Networks carrying every label in `labels`."""
        ...

    def network_exists(self, name: str) -> bool:
        """Whether a network by that name exists."""
        ...

    # Volumes

    def create_volume(self, name: str, *, labels: Mapping[str, str]) -> None:
        """Create a named volume; an existing one is kept as it is (the engine's behaviour)."""
        ...

    def remove_volume(self, name: str) -> bool:
        """Remove a volume; `False` if missing, `DockerInUse` while any container uses it."""
        ...

    def list_volumes(self, labels: Mapping[str, str] | None = None) -> list[VolumeSummary]:
        """Volumes carrying every label in `labels`."""
        ...
