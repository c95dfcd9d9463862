"""A loopback HTTP server standing in for raw.githubusercontent.com.

Every test here is fenced to 127.0.0.1: connections anywhere else fail the test, and
proxy variables are cleared so urllib talks to the loopback server directly.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_SLOW_SECONDS = 2.0  # how long a "slow" path stalls at most; released at teardown


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse any connection that is not to the loopback server."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        if address[0] not in _LOOPBACK:
            pytest.fail(f"test tried to reach {address[0]}:{address[1]}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


@dataclass
class RawServer:
    """What the server answers: `(status, body)` per path, and paths that stall."""

    base: str = ""
    routes: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    slow: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    @staticmethod
    def path(slug: str) -> str:
        return f"/{slug}/HEAD/.claude-plugin/marketplace.json"

    def url(self, slug: str) -> str:
        return self.base + self.path(slug)

    def serve(self, slug: str, body: object, *, status: int = 200) -> None:
        """Answer for `slug`'s marketplace.json; dicts are JSON-encoded, bytes sent as is."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.routes[self.path(slug)] = (status, raw)

    def catalogue(self, slug: str, name: str, *plugins: str) -> None:
        """Serve a well-formed marketplace.json named `name` offering `plugins`."""
        self.serve(
            slug,
            {
                "name": name,
                "owner": {"name": "test"},
                "plugins": [{"name": p, "source": f"./plugins/{p}"} for p in plugins],
            },
        )


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that time out hang up mid-answer; that is expected here."""


@pytest.fixture
def raw_server() -> Iterator[RawServer]:
    """A ThreadingHTTPServer on 127.0.0.1 (port 0), shut down after the test."""
    state = RawServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            if self.path in state.slow:
                state.release.wait(_SLOW_SECONDS)
            status, body = state.routes.get(self.path, (404, b"404: Not Found"))
            try:
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = _QuietServer(("127.0.0.1", 0), Handler)
    host, port = server.server_address[:2]
    state.base = f"http://{host!s}:{port}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
