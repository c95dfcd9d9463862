"""jackin#17 item 2 on the real engine: a mount of the home (or of `/`) asks first.

The reproduction was `jackin load stand-in ~ --detach </dev/null`, which exited 0 with
the agent able to read `~/.ssh/id_*`, and `--mount /:/host`, which mounted the host root
read-write without a word. Without a terminal both must now fail closed (E020) before
anything is created; `--yes` is the operator's acknowledgement, and then the launch
goes ahead with the mount as asked.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.conftest import TEST_CONSTRUCT_IMAGE, require_image
from tests.integration.launch_support import JACKIN, Home, docker, make_home

pytestmark = pytest.mark.docker

KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key-h9\n-----END OPENSSH PRIVATE KEY-----\n"


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    made = make_home(tmp_path)
    ssh = made.root / "host-home" / ".ssh"  # the HOME every `jackin` here runs with
    ssh.mkdir()
    (ssh / "id_ed25519").write_text(KEY)
    try:
        yield made
    finally:
        made.cleanup()


def _jackin_without_terminal(home: Home, *args: str) -> subprocess.CompletedProcess[str]:
    """`jackin ARGS </dev/null`, as a script runs it."""
    return subprocess.run(
        [JACKIN, *args], cwd=home.project, env=home.env, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def _containers(home: Home) -> list[str]:
    names = docker(
        "ps", "-a", "--format", "{{.Names}}", "--filter", "label=jackin.managed=true"
    ).stdout.split()
    return [n for n in names if (home.data / n).exists() or (home.data / n[:-5]).exists()]


def _refused(done: subprocess.CompletedProcess[str], listed: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[E020] Sensitive host path mounted without confirmation" in done.stderr
    assert listed in done.stderr, done.stderr
    assert "--yes" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_loading_the_home_fails_closed_and_launches_when_acknowledged(home: Home) -> None:
    host_home = home.root / "host-home"

    refused = _jackin_without_terminal(home, "load", "stand-in", str(host_home), "--detach")
    _refused(refused, f"{host_home} — your home folder")
    assert _containers(home) == [], "nothing may be created before the operator agrees"

    launched = _jackin_without_terminal(
        home, "load", "stand-in", str(host_home), "--detach", "--yes"
    )
    assert launched.returncode == 0, launched.stderr
    container = launched.stdout.strip()
    try:
        assert f"{host_home} — your home folder" in launched.stderr  # still said, once
        mounts = json.loads(docker("inspect", "-f", "{{json .Mounts}}", container).stdout)
        [dst] = [m["Destination"] for m in mounts if m["Source"] == str(host_home)]
        read = docker("exec", container, "cat", f"{dst}/.ssh/id_ed25519")
        assert read.stdout == KEY, "the acknowledged mount is the one asked for"
    finally:
        home.jackin("eject", container, "--purge")
    assert _containers(home) == []


def test_mounting_the_host_root_fails_closed(home: Home) -> None:
    refused = _jackin_without_terminal(home, "load", "stand-in", "--mount", "/:/host", "--detach")
    _refused(refused, "/ — the host's whole filesystem")
    assert _containers(home) == []
