"""A tiny standard-library HTTP client for the engine's unix socket.

`jackin status` lists containers on every call; going through docker-py would cost its
import (~0.4 s) and one inspect per container (its `containers.list` is not sparse).
This client answers read-only list calls with one request and no third-party import.
"""

from __future__ import annotations

import json
import socket
from typing import Any
from urllib.parse import quote

__all__ = ["UnixHttpError", "get_json", "request_json"]

_MAX_HEADER = 64 * 1024


class UnixHttpError(Exception):
    """The engine answered with an HTTP error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


def get_json(socket_path: str, path: str, query: dict[str, str], *, timeout: float) -> Any:
    """GET `path?query` on the engine at `socket_path` and decode the JSON answer.

    `OSError` when the socket cannot be reached or answers garbage; `UnixHttpError` for
    an error status.
    """
    return request_json(socket_path, "GET", path, query, timeout=timeout)


def request_json(
    socket_path: str,
    method: str,
    path: str,
    query: dict[str, str] | None = None,
    body: Any = None,
    *,
    timeout: float,
) -> Any:
    """One request with an optional JSON body; the decoded answer (None when empty)."""
    url = path + (
        "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in query.items()) if query else ""
    )
    payload = b"" if body is None else json.dumps(body).encode()
    head = f"{method} {url} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
    if body is not None or method != "GET":
        head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
    status, answer = _exchange(socket_path, (head + "\r\n").encode("ascii") + payload, timeout)
    if status >= 400:
        try:
            message = str(json.loads(answer).get("message", ""))
        except (ValueError, AttributeError):
            message = answer.decode("utf-8", "replace")
        raise UnixHttpError(status, message)
    return json.loads(answer) if answer.strip() else None


def _exchange(socket_path: str, request: bytes, timeout: float) -> tuple[int, bytes]:
    """Send one request on a fresh connection and read the whole answer.

    Raw sockets instead of `http.client`: its import (email parsing, ssl) costs more
    than the request itself on the `status` path.
    """
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(socket_path)
        sock.sendall(request)
        chunks: list[bytes] = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return parse_response(b"".join(chunks))


def parse_response(raw: bytes) -> tuple[int, bytes]:
    """Status code and body of a complete HTTP/1.1 response (identity or chunked)."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep or len(head) > _MAX_HEADER:
        raise OSError("the Docker engine sent an incomplete HTTP answer")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise OSError(f"the Docker engine sent an unexpected status line: {lines[0][:80]!r}")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _dechunk(body)
    elif headers.get("content-length", "").isdigit():
        body = body[: int(headers["content-length"])]
    return int(parts[1]), body


def _dechunk(data: bytes) -> bytes:
    out: list[bytes] = []
    position = 0
    while True:
        line_end = data.find(b"\r\n", position)
        if line_end < 0:
            raise OSError("the Docker engine sent a truncated chunked answer")
        try:
            size = int(data[position:line_end].split(b";", 1)[0], 16)
        except ValueError:
            raise OSError("the Docker engine sent a malformed chunked answer") from None
        if size == 0:
            return b"".join(out)
        start = line_end + 2
        if start + size > len(data):
            raise OSError("the Docker engine sent a truncated chunked answer")
        out.append(data[start : start + size])
        position = start + size + 2
