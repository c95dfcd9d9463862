"""Test doubles shipped with the SDK, for jackin's tests and for script authors' tests.

`FakeDocker` stands in for the engine; `ModelStandIn` for the model APIs real agents
call (Anthropic Messages, OpenAI Responses), on loopback, scripted per test.
"""

from jackin_sdk.testing._fake_docker import FakeDocker
from jackin_sdk.testing._fake_objects import (
    Clock,
    CommandHandler,
    ExecHandler,
    ExecNeverEnds,
    FakeContainer,
    FakeDockerHost,
    FakeExec,
    FakeImage,
    FakeNetwork,
    FakeProcess,
    FakeVolume,
    StartHandler,
)
from jackin_sdk.testing._model_api import (
    ModelExchange,
    ModelStandIn,
    RecordedRequest,
    credential_sha256,
    read_records,
)

__all__ = [
    "Clock",
    "CommandHandler",
    "ExecHandler",
    "ExecNeverEnds",
    "FakeContainer",
    "FakeDocker",
    "FakeDockerHost",
    "FakeExec",
    "FakeImage",
    "FakeNetwork",
    "FakeProcess",
    "FakeVolume",
    "ModelExchange",
    "ModelStandIn",
    "RecordedRequest",
    "StartHandler",
    "credential_sha256",
    "read_records",
]
