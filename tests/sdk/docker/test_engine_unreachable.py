"""EngineDocker without an engine: every call is E001 naming the endpoint (no daemon needed)."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import ContainerSpec, EngineDocker, InspectUnavailable
from jackin_sdk.errors import DockerUnavailable

ENDPOINT = "unix:///nonexistent/jackin-test.sock"
REFUSED_TCP = "tcp://127.0.0.1:1"


@pytest.fixture(params=["missing socket", "nobody listening", "refused port"])
def endpoint(request: pytest.FixtureRequest) -> Iterator[str]:
    """An engine endpoint where no engine answers, in each way that happens."""
    if request.param == "missing socket":
        yield ENDPOINT
    elif request.param == "refused port":
        yield REFUSED_TCP
    else:  # a socket file left behind by an engine that died: connecting is refused
        path = Path("/tmp") / f"jackin-stale-{uuid.uuid4().hex[:8]}.sock"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stale:
            stale.bind(str(path))
        try:
            yield f"unix://{path}"
        finally:
            path.unlink(missing_ok=True)


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
        lambda d: d.inspect_image("i"),
        lambda d: d.image_tags(),
        lambda d: d.list_containers(),
        lambda d: d.ping(),
        lambda d: d.server_version(),
        lambda d: d.engine_id(),
        lambda d: d.tag_image("i", "j"),
        lambda d: d.remove_image("i"),
    ],
)
def test_every_call_is_e001_naming_the_endpoint(
    endpoint: str, call: Callable[[EngineDocker], object]
) -> None:
    # Also checks no socket is leaked on the way: a ResourceWarning fails the test.
    with (
        EngineDocker(env={"DOCKER_HOST": endpoint}) as docker,
        pytest.raises(DockerUnavailable) as caught,
    ):
        call(docker)
    assert caught.value.endpoint == endpoint
    assert endpoint in str(caught.value)
    if endpoint != ENDPOINT:
        assert caught.value.reason == "Connection refused"


def test_inspecting_state_reports_the_engine_unavailable() -> None:
    with EngineDocker(env={"DOCKER_HOST": ENDPOINT}) as docker:
        state = docker.inspect_container_state("c")
    assert isinstance(state, InspectUnavailable)
    assert ENDPOINT in state.reason
    assert state.label == "unavailable"
