"""How `EngineDocker` maps the engine's error answers, against a stand-in engine.

The stand-in is a small HTTP server on a unix socket that answers `/version` (so docker-py
can agree an API version) and every other request with one scripted status and message.
The real engine's 404, 409 and 403 answers are in the contract suite; the stand-in adds
what a healthy engine will not produce on demand: 500s and an engine that stops answering.
"""

from __future__ import annotations

import json
import socketserver
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from jackin_sdk.docker import (
    BuildSpec,
    ContainerSpec,
    ContainerStartError,
    DockerConflict,
    DockerError,
    DockerInUse,
    DockerNotFound,
    EngineDocker,
    InspectUnavailable,
    NotFound,
    RemoveImageResult,
    RunSpec,
)
from jackin_sdk.errors import DockerUnavailable


@dataclass
class Script:
    """What the stand-in answers to everything but `/version`."""

    status: int = 500
    message: str = "boom"
    hang: bool = False


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    script: Script
    release: threading.Event


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.path.endswith("/version"):
            self._send(200, {"ApiVersion": "1.41", "Version": "stand-in"})
            return
        script = self.server.script
        if script.hang:
            self.server.release.wait(30)
            return
        self._send(script.status, {"message": script.message})

    def _send(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_DELETE(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        del format, args

    def address_string(self) -> str:
        return "stand-in"


@pytest.fixture
def stand_in() -> Iterator[tuple[str, Script]]:
    """A stand-in engine's `DOCKER_HOST` and the script it follows."""
    path = Path("/tmp") / f"jackin-stand-in-{uuid.uuid4().hex[:8]}.sock"
    server = _Server(str(path), _Handler)
    server.script = Script()
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"unix://{path}", server.script
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join()
        path.unlink(missing_ok=True)


def _engine(endpoint: str, timeout: float = 60.0) -> EngineDocker:
    return EngineDocker(env={"DOCKER_HOST": endpoint}, timeout=timeout)


CALLS: list[tuple[str, Callable[[EngineDocker], object]]] = [
    ("list containers", lambda d: d.list_containers()),
    ("create container c", lambda d: d.create_container(ContainerSpec(image="i", name="c"))),
    ("stop c", lambda d: d.stop_container("c")),
    ("remove container c", lambda d: d.remove_container("c")),
    ("inspect container c", lambda d: d.inspect_container("c")),
    ("logs of c", lambda d: d.container_logs("c")),
    ("exec true in c", lambda d: d.exec_capture("c", ["true"])),
    ("create network n", lambda d: d.create_network("n", labels={})),
    ("remove network n", lambda d: d.remove_network("n")),
    ("list networks", lambda d: d.list_networks()),
    ("inspect network n", lambda d: d.network_exists("n")),
    ("create volume v", lambda d: d.create_volume("v", labels={})),
    ("remove volume v", lambda d: d.remove_volume("v")),
    ("list volumes", lambda d: d.list_volumes()),
    ("inspect image i", lambda d: d.inspect_image("i")),
    ("list images", lambda d: d.image_tags()),
    ("tag i as j", lambda d: d.tag_image("i", "j")),
    ("remove image i", lambda d: d.remove_image("i")),
    ("run i", lambda d: d.run_once(RunSpec(image="i"))),
    ("info", lambda d: d.engine_id()),
]


@pytest.mark.parametrize(("what", "call"), CALLS, ids=[what for what, _ in CALLS])
def test_a_server_error_is_a_docker_error_naming_the_call(
    stand_in: tuple[str, Script], what: str, call: Callable[[EngineDocker], object]
) -> None:
    endpoint, _ = stand_in
    with _engine(endpoint) as docker, pytest.raises(DockerError) as caught:
        call(docker)
    assert type(caught.value) is DockerError
    assert str(caught.value) == f"{what}: boom"


def test_a_refused_start_is_a_start_error(stand_in: tuple[str, Script]) -> None:
    endpoint, _ = stand_in
    with _engine(endpoint) as docker, pytest.raises(ContainerStartError, match="start c: boom"):
        docker.start_container("c")


def test_a_failed_build_request_is_a_docker_error(
    stand_in: tuple[str, Script], tmp_path: Path
) -> None:
    endpoint, _ = stand_in
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    spec = BuildSpec(tmp_path, tmp_path / "Dockerfile", "jackin-test/x:1")
    with _engine(endpoint) as docker, pytest.raises(DockerError, match="build jackin-test/x:1"):
        docker.build_image(spec)


@pytest.mark.parametrize(
    ("status", "message", "error", "text"),
    [
        (404, "No such container: c", DockerNotFound, "inspect container c: not found"),
        (404, "No such image: i:1", DockerNotFound, "inspect container c: image not found"),
        (409, "Container c is restarting", DockerConflict, "Container c is restarting"),
        (409, "volume is in use - [abc]", DockerInUse, "volume is in use"),
        (403, "network n has active endpoints", DockerInUse, "has active endpoints"),
        (400, "invalid reference format", DockerError, "invalid reference format"),
        (503, "the engine is shutting down", DockerError, "shutting down"),
    ],
)
def test_statuses_map_into_the_error_tree(
    stand_in: tuple[str, Script], status: int, message: str, error: type[DockerError], text: str
) -> None:
    endpoint, script = stand_in
    script.status, script.message = status, message
    with _engine(endpoint) as docker, pytest.raises(DockerError) as caught:
        docker.inspect_container("c")
    assert type(caught.value) is error
    assert text in str(caught.value)


def test_absent_objects_are_answers_not_errors(stand_in: tuple[str, Script]) -> None:
    endpoint, script = stand_in
    script.status, script.message = 404, "No such object"
    with _engine(endpoint) as docker:
        assert docker.remove_container("c") is False
        assert docker.remove_network("n") is False
        assert docker.remove_volume("v") is False
        assert docker.network_exists("n") is False
        assert docker.inspect_image("i") is None
        assert docker.remove_image("i") is RemoveImageResult.NOT_FOUND
        assert docker.inspect_container_state("c") == NotFound()
    script.status, script.message = 409, "image is being used by running container abc"
    with _engine(endpoint) as docker:
        assert docker.remove_image("i") is RemoveImageResult.IN_USE


def test_state_of_a_failing_engine_is_unavailable(stand_in: tuple[str, Script]) -> None:
    endpoint, _ = stand_in
    with _engine(endpoint) as docker:
        assert docker.inspect_container_state("c") == InspectUnavailable(
            "inspect container c: boom"
        )


def test_an_engine_that_stops_answering_is_e001(stand_in: tuple[str, Script]) -> None:
    endpoint, script = stand_in
    script.hang = True
    with _engine(endpoint, timeout=1) as docker, pytest.raises(DockerUnavailable) as caught:
        docker.list_containers()
    assert caught.value.endpoint == endpoint
    assert caught.value.reason == "timed out waiting for an answer"
