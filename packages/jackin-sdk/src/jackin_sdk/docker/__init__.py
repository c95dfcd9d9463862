"""The typed Docker engine API (`DockerApi`) and its implementation on a real engine.

Exports load on first use; docker-py itself is imported only when `EngineDocker` first
talks to the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from jackin_sdk.docker._api import (
        DockerApi,
    )
    from jackin_sdk.docker._build import (
        BuildOutput,
        BuildSpec,
        ImageBuildError,
        parse_step,
    )
    from jackin_sdk.docker._engine import (
        EngineDocker,
        connect_engine,
        resolve_endpoint,
    )
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
        EXEC_OUTPUT_LIMIT,
        LOG_OUTPUT_LIMIT,
        Bind,
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
        logs_cut_note,
    )

_EXPORTS: dict[str, str] = {
    "EXEC_OUTPUT_LIMIT": "jackin_sdk.docker._types",
    "LOG_OUTPUT_LIMIT": "jackin_sdk.docker._types",
    "Bind": "jackin_sdk.docker._types",
    "BuildOutput": "jackin_sdk.docker._build",
    "BuildSpec": "jackin_sdk.docker._build",
    "ContainerInfo": "jackin_sdk.docker._types",
    "ContainerSpec": "jackin_sdk.docker._types",
    "ContainerStartError": "jackin_sdk.docker._errors",
    "ContainerState": "jackin_sdk.docker._state",
    "ContainerSummary": "jackin_sdk.docker._types",
    "Created": "jackin_sdk.docker._state",
    "Dead": "jackin_sdk.docker._state",
    "DockerApi": "jackin_sdk.docker._api",
    "DockerConflict": "jackin_sdk.docker._errors",
    "DockerError": "jackin_sdk.docker._errors",
    "DockerInUse": "jackin_sdk.docker._errors",
    "DockerNotFound": "jackin_sdk.docker._errors",
    "EngineDocker": "jackin_sdk.docker._engine",
    "connect_engine": "jackin_sdk.docker._engine",
    "ExecResult": "jackin_sdk.docker._types",
    "ImageBuildError": "jackin_sdk.docker._build",
    "ImageInfo": "jackin_sdk.docker._types",
    "InspectUnavailable": "jackin_sdk.docker._state",
    "NetworkSummary": "jackin_sdk.docker._types",
    "NotFound": "jackin_sdk.docker._state",
    "Paused": "jackin_sdk.docker._state",
    "RemoveImageResult": "jackin_sdk.docker._types",
    "Removing": "jackin_sdk.docker._state",
    "Restarting": "jackin_sdk.docker._state",
    "RunOutcome": "jackin_sdk.docker._types",
    "RunSpec": "jackin_sdk.docker._types",
    "Running": "jackin_sdk.docker._state",
    "Stopped": "jackin_sdk.docker._state",
    "VolumeSummary": "jackin_sdk.docker._types",
    "logs_cut_note": "jackin_sdk.docker._types",
    "parse_step": "jackin_sdk.docker._build",
    "resolve_endpoint": "jackin_sdk.docker._engine",
    "state_from_inspect": "jackin_sdk.docker._state",
}

__all__ = [
    "EXEC_OUTPUT_LIMIT",
    "LOG_OUTPUT_LIMIT",
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
    "ImageInfo",
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
    "connect_engine",
    "logs_cut_note",
    "parse_step",
    "resolve_endpoint",
    "state_from_inspect",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
