"""A tiny standard-library HTTP client for the engine's unix socket.

`jackin status` lists containers on every call; going through docker-py would cost its
import (~0.4 s) and one inspect per container (its `containers.list` is not sparse).
This client answers read-only list calls with one request and no third-party import.
"""

from __future__ import annotations

import http.client
import json
import socket
from typing import Any
from urllib.parse import quote

__all__ = ["UnixHttpError", "get_json"]


class UnixHttpError(Exception):
    """The engine answered with an HTTP error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, socket_path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._socket_path = socket_path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self._socket_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def get_json(socket_path: str, path: str, query: dict[str, str], *, timeout: float) -> Any:
    """GET `path?query` on the engine at `socket_path` and decode the JSON answer.

    `OSError` when the socket cannot be reached; `UnixHttpError` for an error status.
    """
    url = path + ("?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in query.items()))
    connection = _UnixConnection(socket_path, timeout)
    try:
        connection.request("GET", url, headers={"Host": "docker"})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status >= 400:
        try:
            message = str(json.loads(body).get("message", ""))
        except ValueError:
            message = body.decode("utf-8", "replace")
        raise UnixHttpError(response.status, message)
    return json.loads(body)
