"""The typed Docker engine API (`DockerApi`) and its implementation on a real engine."""

from jackin_sdk.docker._api import DockerApi
from jackin_sdk.docker._build import BuildOutput, BuildSpec, ImageBuildError, parse_step
from jackin_sdk.docker._engine import EngineDocker, resolve_endpoint
from jackin_sdk.docker._errors import (
    ContainerStartError,
    DockerConflict,
    DockerError,
    DockerInUse,
    DockerNotFound,
)
from jackin_sdk.docker._state import (
    ContainerState,
    Created,
    Dead,
    InspectUnavailable,
    NotFound,
    Paused,
    Removing,
    Restarting,
    Running,
    Stopped,
    state_from_inspect,
)
from jackin_sdk.docker._types import (
    Bind,
    ContainerInfo,
    ContainerSpec,
    ContainerSummary,
    ExecResult,
    NetworkSummary,
    RemoveImageResult,
    RunOutcome,
    RunSpec,
    VolumeSummary,
)

__all__ = [
    "Bind",
    "BuildOutput",
    "BuildSpec",
    "ContainerInfo",
    "ContainerSpec",
    "ContainerStartError",
    "ContainerState",
    "ContainerSummary",
    "Created",
    "Dead",
    "DockerApi",
    "DockerConflict",
    "DockerError",
    "DockerInUse",
    "DockerNotFound",
    "EngineDocker",
    "ExecResult",
    "ImageBuildError",
    "InspectUnavailable",
    "NetworkSummary",
    "NotFound",
    "Paused",
    "RemoveImageResult",
    "Removing",
    "Restarting",
    "RunOutcome",
    "RunSpec",
    "Running",
    "Stopped",
    "VolumeSummary",
    "parse_step",
    "resolve_endpoint",
    "state_from_inspect",
]
