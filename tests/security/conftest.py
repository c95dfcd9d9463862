"""A repository an agent has written, a payload it planted, and the proof that it ran.

Every vector plants `payload` (a script that creates `proof` and fails) where git would
run it, as an agent with write access to the repository would, and then runs the git
command jackin runs there. The operator's own git config is a file of the test's.
"""

from __future__ import annotations

import http.server
import os
import stat
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

_IDENTITY = ("-c", "user.name=Test", "-c", "user.email=test@example.invalid")
_INHERITED = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_ASKPASS",
    "SSH_ASKPASS",
    "GIT_EDITOR",
    "GIT_SEQUENCE_EDITOR",
    "GIT_PAGER",
    "GIT_PROXY_COMMAND",
    "GIT_EXTERNAL_DIFF",
)


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Plain git, as the agent (or the test's setup) runs it: no hardening."""
    done = subprocess.run(
        ["git", *_IDENTITY, *args], cwd=cwd, capture_output=True, text=True, check=False,
        timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout.strip()


@dataclass
class Planted:
    """A repository with one commit, the payload script and where its proof would appear."""

    repo: Path
    payload: Path
    proof: Path
    operator_config: Path

    def config(self, key: str, value: str) -> None:
        """Write `key` into the repository's own config, as an agent would."""
        git(self.repo, "config", key, value)

    def fired(self) -> bool:
        """Whether the payload ran; resets the proof for the next check."""
        found = self.proof.exists()
        self.proof.unlink(missing_ok=True)
        return found


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Planted:
    for name in _INHERITED:
        monkeypatch.delenv(name, raising=False)
    operator_config = tmp_path / "operator.gitconfig"
    operator_config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(operator_config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    proof = tmp_path / "proof"
    payload = tmp_path / "payload"
    payload.write_text(f"#!/bin/sh\ntouch '{proof}'\nexit 1\n")
    payload.chmod(payload.stat().st_mode | stat.S_IXUSR)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "file.txt").write_text("one\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    return Planted(repo, payload, proof, operator_config)


class _Unauthorized(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="jackin-test"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def asks_for_credentials() -> Iterator[str]:
    """The URL of a local HTTP repository that answers 401, so git asks for credentials."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/repo.git"
    finally:
        server.shutdown()
        server.server_close()


def executable(path: Path, text: str) -> Path:
    """Write an executable script at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def touch_later(path: Path) -> None:
    """Give `path` a new mtime with the same content, so git must read it again."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
