"""Progress of a launch: named stages, their events, and the error that names a stage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from jackin_sdk.errors import JackinError

__all__ = ["LaunchError", "LaunchProgress", "Stage", "StageEvent", "StageStatus"]


class Stage(StrEnum):
    """The stages of a launch, in order, under the names the operator reads everywhere —
    progress lines, the console, `launch failed at stage …` (spec runtime §2.1 and
    upstream-capsule-tui.md B5.4). `CAPSULE` creates and starts the role container, whose
    PID 1 is the capsule; the agent binaries are layers of the derived image (`IMAGE`)."""

    IDENTITY = "identity"
    ROLE = "role"
    CREDENTIALS = "credentials"
    CONSTRUCT = "construct"
    IMAGE = "derived image"
    WORKSPACE = "workspace"
    NETWORK = "network"
    SIDECAR = "sidecar"
    CAPSULE = "capsule"
    ATTACH = "hardline"


class StageStatus(StrEnum):
    """Where a stage is."""

    STARTED = "started"
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class StageEvent:
    """One step of progress: a stage started, finished, was skipped, failed, or a note."""

    stage: Stage
    status: StageStatus
    message: str = ""


LaunchProgress = Callable[[StageEvent], None]


class LaunchError(JackinError):
    """A launch failed at `stage`; the message names the stage and the cause."""

    def __init__(self, stage: Stage, cause: JackinError | str, *, container: str | None) -> None:
        text = cause.__str__() if isinstance(cause, JackinError) else cause
        super().__init__(f"launch failed at stage `{stage.value}`: {text}")
        self.stage = stage
        self.cause = cause
        self.container = container
