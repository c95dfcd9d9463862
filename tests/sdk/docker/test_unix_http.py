"""The standard-library HTTP client `status` uses on the engine's unix socket."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker._unix_http import UnixHttpError, get_json, parse_response


def test_identity_body_is_cut_at_content_length() -> None:
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]trailing"
    assert parse_response(raw) == (200, b"[]")


def test_chunked_body_is_reassembled() -> None:
    raw = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"3\r\n[{}\r\n4;ext=1\r\n,{}]\r\n0\r\n\r\n"
    )
    assert parse_response(raw) == (200, b"[{},{}]")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n",  # headers never end
        b"SSH-2.0-OpenSSH\r\n\r\n",  # not HTTP
        b"HTTP/1.1 abc OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]",  # no last chunk
    ],
)
def test_malformed_answers_are_os_errors(raw: bytes) -> None:
    with pytest.raises(OSError, match="Docker engine"):
        parse_response(raw)


@pytest.fixture
def engine_socket(tmp_path: Path) -> Iterator[tuple[str, list[bytes], list[bytes]]]:
    """A one-answer-per-connection server: queue answers, read back the requests."""
    path = str(tmp_path / "docker.sock")
    answers: list[bytes] = []
    requests: list[bytes] = []
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(4096)
                requests.append(data)
                conn.sendall(answers.pop(0))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield path, answers, requests
    server.close()
    thread.join(timeout=2)


def test_get_json_sends_one_closing_request(
    engine_socket: tuple[str, list[bytes], list[bytes]],
) -> None:
    path, answers, requests = engine_socket
    answers.append(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[{"Id": "a"}]')
    result = get_json(path, "/v1.41/containers/json", {"filters": '{"label":["a=b"]}'}, timeout=2)
    assert result == [{"Id": "a"}]
    first_line, *headers = requests[0].decode().split("\r\n")
    assert first_line == (
        "GET /v1.41/containers/json?filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D HTTP/1.1"
    )
    assert "Connection: close" in headers


def test_error_status_carries_the_engine_message(
    engine_socket: tuple[str, list[bytes], list[bytes]],
) -> None:
    path, answers, _ = engine_socket
    answers.append(b'HTTP/1.1 404 Not Found\r\nContent-Length: 24\r\n\r\n{"message": "no such x"}')
    with pytest.raises(UnixHttpError) as caught:
        get_json(path, "/x", {}, timeout=2)
    assert (caught.value.status, caught.value.message) == (404, "no such x")


def test_missing_socket_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        get_json(str(tmp_path / "absent.sock"), "/x", {}, timeout=1)
