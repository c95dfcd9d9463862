"""`jackin load` attached in a real terminal (tmux), then back in with `jackin hardline`."""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.integration.launch_support import JACKIN, Home, docker, tmux_home

pytestmark = pytest.mark.docker


def _tmux(*args: str, check: bool = True) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=check, timeout=30)
    return done.stdout


def _settings(stty: str) -> list[str]:
    """`stty -a` without its line layout and the window size (tmux may resize)."""
    fields = [f.strip() for f in stty.replace("\n", ";").split(";")]
    kept = [f for f in fields if f and not f.startswith(("rows ", "columns ", "speed "))]
    return sorted(token for field in kept for token in field.split(" ") if token)


class Terminal:
    """A tmux session running one command, read back through capture-pane.

    The terminal's settings are saved with `stty -a` before the command and after it, so
    a test can check that jackin gave the terminal back exactly as it found it.
    """

    def __init__(self, home: Home, command: str) -> None:
        self.name = f"jackin-test-{uuid.uuid4().hex[:8]}"
        self.before = home.root / f"{self.name}.before"
        self.after = home.root / f"{self.name}.after"
        exports = " ".join(
            f"{k}={shlex.quote(v)}"
            for k, v in home.env.items()
            if k.startswith(("JACKIN_", "GIT_"))
        )
        script = (
            f"cd {shlex.quote(str(home.project))} && stty -a > {self.before} && "
            f'env {exports} {command}; echo "jackin exited $?"; stty -a > {self.after}; '
            "sleep 600"
        )
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
        _tmux("send-keys", "-t", self.name, "-l", line)
        _tmux("send-keys", "-t", self.name, "Enter")

    def keys(self, *keys: str) -> None:
        _tmux("send-keys", "-t", self.name, *keys)

    def restored(self) -> None:
        """jackin has exited and the terminal's settings equal those before it ran."""
        deadline = time.monotonic() + 30
        while not self.after.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.after.exists(), f"jackin did not exit; screen:\n{self.screen()}"
        assert _settings(self.after.read_text()) == _settings(self.before.read_text())
        screen = self.screen()
        assert "jackin❯" not in screen, "the alternate screen was left"

    def close(self) -> None:
        _tmux("kill-session", "-t", self.name, check=False)


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    yield from tmux_home(engine, tmp_path)


def test_attached_load_detach_reattach_and_every_way_out(home: Home) -> None:
    first = Terminal(home, f"{JACKIN} load stand-in")
    try:
        screen = first.wait_for("stand-in agent ready")
        assert "jackin❯" in screen, "the capsule's multiplexer draws the chrome"
        first.type("hello from tmux")
        first.wait_for("echo: hello from tmux")
        [row] = home.status()
        container = str(row["container_base"])
        first.keys("C-\\")  # the palette
        first.wait_for("Detach")
        first.type("detach")  # filter the palette, Enter picks it
        first.wait_for("keeps running; reattach with `jackin hardline")
        first.restored()
    finally:
        first.close()
    assert home.status()[0]["state"] == "running"

    # Back in: the same session, the same screen.
    second = Terminal(home, f"{JACKIN} hardline {container}")
    try:
        second.wait_for("echo: hello from tmux")
        second.type("back again")
        second.wait_for("echo: back again")
        # A second client takes over: the first is told and gives its terminal back.
        taker = Terminal(home, f"{JACKIN} hardline {container}")
        try:
            taker.wait_for("echo: back again")
            second.wait_for("keeps running; reattach with `jackin hardline")
            second.restored()
            # The taker's client is killed outright: jackin gives its terminal back.
            subprocess.run(["pkill", "-9", "-f", f"docker exec -i -t {container} "], check=True)
            taker.wait_for("keeps running; reattach with `jackin hardline")
            taker.restored()
        finally:
            taker.close()
    finally:
        second.close()
    time.sleep(1)
    assert home.status()[0]["state"] == "running"

    # The container stops under an attached client: it is told and gives the terminal back.
    third = Terminal(home, f"{JACKIN} hardline {container}")
    try:
        third.wait_for("echo: back again")
        docker("stop", "-t", "5", container, check=True)
        third.wait_for("was stopped from outside")
        third.restored()
    finally:
        third.close()

    # hardline restarts it; the agent's own exit ends the capsule and the session.
    fourth = Terminal(home, f"{JACKIN} hardline {container}")
    try:
        fourth.wait_for("stand-in agent ready")
        fourth.type("exit")
        fourth.wait_for("jackin exited")
        fourth.restored()
    finally:
        fourth.close()
    assert len(home.records(container)) == 2, "one agent run before the stop, one after"
    assert [r["status"] for r in home.status()] == ["clean_exited"]
    home.jackin("purge", container)
