"""The ContainerState mapping from inspect documents and errors, and the short labels."""

from __future__ import annotations

from typing import Any

import pytest

from jackin_sdk.docker import (
    ContainerState,
    Created,
    Dead,
    DockerConflict,
    DockerError,
    DockerNotFound,
    InspectUnavailable,
    NotFound,
    Paused,
    Removing,
    Restarting,
    Running,
    Stopped,
    state_from_inspect,
)
from jackin_sdk.errors import DockerUnavailable


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"Status": "running", "ExitCode": 0}, Running()),
        ({"Status": "paused"}, Paused()),
        ({"Status": "restarting"}, Restarting()),
        ({"Status": "removing"}, Removing()),
        ({"Status": "created", "ExitCode": 128}, Created()),
        ({"Status": "dead"}, Dead()),
        ({"Status": "exited", "ExitCode": 3, "OOMKilled": False}, Stopped(3, False)),
        ({"Status": "exited", "ExitCode": 137, "OOMKilled": True}, Stopped(137, True)),
        ({"Status": "exited"}, Stopped(0, False)),
        ({"Status": "exited", "ExitCode": None}, Stopped(0, False)),
        ({"ExitCode": 2}, Stopped(2, False)),
        ({}, Stopped(0, False)),
    ],
)
def test_inspect_status_maps_to_a_state(state: dict[str, Any], expected: ContainerState) -> None:
    assert state_from_inspect({"Id": "abc", "State": state}) == expected


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ({"Id": "abc"}, "inspect returned no State"),
        ({"State": None}, "inspect returned no State"),
        ({"State": {"Status": ""}}, "container status ''"),
        ({"State": {"Status": "stopping"}}, "container status 'stopping'"),
        ({"State": {"Status": "hibernating"}}, "container status 'hibernating'"),
    ],
)
def test_unreadable_documents_are_unavailable(document: dict[str, Any], reason: str) -> None:
    assert state_from_inspect(document) == InspectUnavailable(reason)


def test_not_found_error_is_not_found() -> None:
    assert state_from_inspect(DockerNotFound("inspect x: not found")) == NotFound()


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (DockerError("inspect x: server error"), "inspect x: server error"),
        (DockerConflict("inspect x: busy"), "inspect x: busy"),
        (
            DockerUnavailable("unix:///run/docker.sock", "refused"),
            "unix:///run/docker.sock: refused",
        ),
        (TimeoutError(), "TimeoutError"),
    ],
)
def test_other_errors_are_unavailable(error: BaseException, reason: str) -> None:
    assert state_from_inspect(error) == InspectUnavailable(reason)


@pytest.mark.parametrize(
    ("state", "label"),
    [
        (Running(), "running"),
        (Paused(), "paused"),
        (Restarting(), "restarting"),
        (Removing(), "removing"),
        (Created(), "created"),
        (Dead(), "dead"),
        (Stopped(exit_code=0), "stopped exit:0"),
        (Stopped(exit_code=137), "stopped exit:137"),
        (Stopped(exit_code=137, oom_killed=True), "stopped oom_killed"),
        (NotFound(), "missing"),
        (InspectUnavailable("socket closed"), "unavailable"),
    ],
)
def test_short_labels(state: ContainerState, label: str) -> None:
    assert state.label == label


def test_states_are_values() -> None:
    assert Running() == Running()
    assert Stopped(1) != Stopped(2)
    assert isinstance(Stopped(), ContainerState)
    assert {Running(), Running(), NotFound()} == {Running(), NotFound()}
