"""The typed Docker engine API (`DockerApi`) and its implementation on a real engine."""

from jackin_sdk.docker._api import (
    ContainerStartError,
    ContainerSummary,
    DockerApi,
    DockerConflict,
    DockerError,
    DockerNotFound,
    RunOutcome,
    RunSpec,
)
from jackin_sdk.docker._engine import EngineDocker, resolve_endpoint

__all__ = [
    "ContainerStartError",
    "ContainerSummary",
    "DockerApi",
    "DockerConflict",
    "DockerError",
    "DockerNotFound",
    "EngineDocker",
    "RunOutcome",
    "RunSpec",
    "resolve_endpoint",
]
