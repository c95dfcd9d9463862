"""`jackin load` attached in a real terminal (tmux), then back in with `jackin hardline`."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.conftest import REQUIRE_DOCKER, TEST_CONSTRUCT_IMAGE, require_image
from tests.integration.launch_support import JACKIN, Home, make_home

pytestmark = pytest.mark.docker


def _tmux(*args: str, check: bool = True) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=check, timeout=30)
    return done.stdout


class Terminal:
    """A tmux session running one command, read back through capture-pane."""

    def __init__(self, home: Home, command: str) -> None:
        self.name = f"jackin-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(
            f"{k}={shlex.quote(v)}"
            for k, v in home.env.items()
            if k.startswith(("JACKIN_", "GIT_"))
        )
        script = f"cd {shlex.quote(str(home.project))} && env {exports} {command}; sleep 600"
        _tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "30", script)

    def screen(self) -> str:
        return _tmux("capture-pane", "-p", "-t", self.name, check=False)

    def wait_for(self, text: str, timeout: float = 180.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def type(self, line: str) -> None:
        _tmux("send-keys", "-t", self.name, line, "Enter")

    def close(self) -> None:
        _tmux("kill-session", "-t", self.name, check=False)


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    if shutil.which("tmux") is None:
        message = "tmux is not installed (.ci/run installs it)"
        if REQUIRE_DOCKER:
            pytest.fail(message)
        pytest.skip(message)
    made = make_home(tmp_path)
    try:
        yield made
    finally:
        made.cleanup()


def test_attached_load_then_hardline_back_in(home: Home) -> None:
    first = Terminal(home, f"{JACKIN} load stand-in")
    try:
        first.wait_for("stand-in agent ready")
        first.type("hello from tmux")
        first.wait_for("echo: hello from tmux")
        [row] = home.status()
        container = str(row["container_base"])
    finally:
        first.close()  # the operator's terminal goes away: the instance keeps running
    time.sleep(1)
    assert home.status()[0]["state"] == "running"

    second = Terminal(home, f"{JACKIN} hardline {container}")
    try:
        screen = second.wait_for("stand-in agent ready")
        assert "error" not in screen.lower()
        second.type("back again")
        second.wait_for("echo: back again")
        second.type("exit")
        second.wait_for("keeps running; reattach with `jackin hardline")
    finally:
        second.close()
    # Until the capsule multiplexer lands, the first terminal's session lives on unseen
    # (docker exec does not end a process when its client goes away), so the instance
    # is still running: hardline reports it and the operator ejects it.
    [row] = home.status()
    assert (row["status"], row["state"]) == ("running", "running"), row
    assert len(home.records(container)) == 2
    home.jackin("eject", container, "--purge")
