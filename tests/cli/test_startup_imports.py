"""Start-up stays lean: which modules each kind of command imports (not how long).

`--version` imports nothing heavy; every other line is parsed by typer, and imports
only what its command uses."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

HEAVY = ("typer", "docker", "pydantic", "git", "textual", "rich", "requests", "logging")

_PROBE = """
import json, sys
from jackin_cli.__main__ import run
code = run(sys.argv[1:])
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))
raise SystemExit(code)
"""


def _top_level_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def _home_env(tmp_path: Path) -> dict[str, str]:
    """A minimal environment with jackin's home and config under `tmp_path`."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "JACKIN_HOME_DIR": str(tmp_path / "jackin"),
        "JACKIN_CONFIG_DIR": str(tmp_path / "config"),
    }


def test_version_imports_nothing_heavy() -> None:
    assert _top_level_modules("--version").isdisjoint(HEAVY)


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["help", "doctor"], ["workspace", "--help"],
     ["config", "env", "set", "--help"], ["role", "validate", "--help"]],
)  # fmt: skip
def test_help_needs_typer_but_not_docker_or_pydantic(args: list[str]) -> None:
    loaded = _top_level_modules(*args)
    assert "typer" in loaded
    assert loaded.isdisjoint({*HEAVY} - {"typer"})


@pytest.fixture
def fake_engine(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A unix socket answering every GET with JSON, recording the request lines."""
    path = str(tmp_path / "engine.sock")
    seen: list[str] = []
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
                    chunk = conn.recv(4096)
                    if not chunk:  # a connection that only checks the socket listens
                        break
                    data += chunk
                if not data:
                    continue
                line = data.split(b"\r\n", 1)[0].decode()
                seen.append(line)
                body = b'{"ApiVersion": "1.41"}' if "/version" in line else b"[]"
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield path, seen
    server.close()
    thread.join(timeout=2)


@pytest.mark.parametrize("command", ["status", "ps"])
def test_status_asks_the_engine_once_and_loads_only_its_client(
    tmp_path: Path, fake_engine: tuple[str, list[str]], command: str
) -> None:
    path, seen = fake_engine
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, command, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env={**_home_env(tmp_path), "DOCKER_HOST": f"unix://{path}"},
    )
    *output, modules = result.stdout.strip().splitlines()
    assert json.loads("\n".join(output)) == {"schema_version": "v1", "workspaces": []}
    # docker-py (with requests and logging) is the engine client (DECISIONS #12).
    assert set(json.loads(modules)).isdisjoint(
        {*HEAVY} - {"typer", "docker", "requests", "logging"}
    )
    assert [line for line in seen if "/containers/json" in line] == [seen[-1]]
    assert len(seen) == 2  # the API version docker-py agrees on, and one list


def test_status_with_a_flag_it_does_not_know_is_typers_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jackin_cli", "status", "--bogus"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "100"},
    )
    assert result.returncode == 2
    assert "No such option: --bogus" in result.stderr


def test_load_dry_run_imports_no_engine_client(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, "load", "agent-smith", "--dry-run", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=project,
        env=_home_env(tmp_path),
    )
    *output, modules = result.stdout.strip().splitlines()
    assert json.loads("\n".join(output))["data"]["role"] == "agent-smith"
    # A launch reads config.toml and the role manifest: pydantic models (DECISIONS #12),
    # whose first validator looks for pydantic plugins with importlib.metadata (zipfile).
    loaded = set(json.loads(modules))
    assert "pydantic" in loaded
    assert loaded.isdisjoint({*HEAVY} - {"typer", "logging", "pydantic"})
