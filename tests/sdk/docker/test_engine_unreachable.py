"""EngineDocker without an engine: every call is E001 naming the endpoint (no daemon needed)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jackin_sdk.docker import ContainerSpec, EngineDocker, InspectUnavailable
from jackin_sdk.errors import DockerUnavailable

ENDPOINT = "unix:///nonexistent/jackin-test.sock"


@pytest.mark.parametrize(
    "call",
    [
        lambda d: d.create_container(ContainerSpec(image="x")),
        lambda d: d.start_container("c"),
        lambda d: d.stop_container("c"),
        lambda d: d.remove_container("c"),
        lambda d: d.inspect_container("c"),
        lambda d: d.container_logs("c"),
        lambda d: d.exec_capture("c", ["true"]),
        lambda d: d.create_network("n", labels={}),
        lambda d: d.remove_network("n"),
        lambda d: d.list_networks(),
        lambda d: d.network_exists("n"),
        lambda d: d.create_volume("v", labels={}),
        lambda d: d.remove_volume("v"),
        lambda d: d.list_volumes(),
        lambda d: d.image_labels("i"),
        lambda d: d.tag_image("i", "j"),
        lambda d: d.remove_image("i"),
    ],
)
def test_every_call_is_e001_naming_the_endpoint(call: Callable[[EngineDocker], object]) -> None:
    with (
        EngineDocker(env={"DOCKER_HOST": ENDPOINT}) as docker,
        pytest.raises(DockerUnavailable) as caught,
    ):
        call(docker)
    assert caught.value.endpoint == ENDPOINT
    assert ENDPOINT in str(caught.value)


def test_inspecting_state_reports_the_engine_unavailable() -> None:
    with EngineDocker(env={"DOCKER_HOST": ENDPOINT}) as docker:
        state = docker.inspect_container_state("c")
    assert isinstance(state, InspectUnavailable)
    assert ENDPOINT in state.reason
    assert state.label == "unavailable"
