"""Test doubles shipped with the SDK, for jackin's tests and for script authors' tests."""

from jackin_sdk.testing._fake_docker import FakeDocker
from jackin_sdk.testing._fake_objects import (
    Clock,
    CommandHandler,
    ExecHandler,
    FakeContainer,
    FakeDockerHost,
    FakeExec,
    FakeImage,
    FakeNetwork,
    FakeProcess,
    FakeVolume,
    StartHandler,
)

__all__ = [
    "Clock",
    "CommandHandler",
    "ExecHandler",
    "FakeContainer",
    "FakeDocker",
    "FakeDockerHost",
    "FakeExec",
    "FakeImage",
    "FakeNetwork",
    "FakeProcess",
    "FakeVolume",
    "StartHandler",
]
