"""The console as an operator uses it: bare `jackin` in a real terminal (tmux), real engine.

The console runs in a 120x40 tmux pane with a temporary jackin home holding the stand-in
fixture role (trusted, DinD off; tests/integration/launch_support.py). Every wait has a
timeout and fails with the pane's contents; every container and network the test made
is removed at the end, whatever happened.
"""

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

COLUMNS = 120
ROWS = 40


def _tmux(server: str, *args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["tmux", "-L", server, "-f", "/dev/null", *args],
        capture_output=True, text=True, check=check, timeout=30,
    )  # fmt: skip
    return done.stdout


class Console:
    """A tmux server of its own (no shared options, no config file) running one command
    in the home's project folder.

    After the command ends the pane prints `jackin exited <code>` and stays open, so a
    test can read what was left on it.
    """

    def __init__(self, home: Home, command: str = JACKIN, cwd: Path | None = None) -> None:
        self.name = f"jackin-console-{uuid.uuid4().hex[:8]}"
        exports = " ".join(
            f"{k}={shlex.quote(v)}"
            for k, v in home.env.items()
            if k.startswith(("JACKIN_", "GIT_"))
        )
        home_dir = shlex.quote(home.env["HOME"])
        script = (
            f"cd {shlex.quote(str(cwd or home.project))} && "
            # CI=1 would make bare `jackin` print its help instead of opening the console;
            # the shell's COLUMNS/LINES (80x24 under pytest) would override the pane's size.
            f"env -u CI -u COLUMNS -u LINES HOME={home_dir} {exports} {command}; "
            'echo "jackin exited $?"; sleep 600'
        )
        self.tmux("new-session", "-d", "-s", "console", "-x", str(COLUMNS), "-y", str(ROWS), script)

    def tmux(self, *args: str, check: bool = True) -> str:
        return _tmux(self.name, *args, check=check)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "console", check=False)

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        """The pane once it shows every one of `texts`; fails with the pane after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never appeared within {timeout} s; pane:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 30.0) -> str:
        """The pane once `text` is no longer on it; fails with the pane after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} stayed on the pane for {timeout} s:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """tmux key names: `Enter`, `Down`, `Escape`, `C-q`, or a plain letter."""
        self.tmux("send-keys", "-t", "console", *keys)

    def type(self, text: str) -> None:
        """`text` as typed characters (no Enter)."""
        self.tmux("send-keys", "-t", "console", "-l", text)

    def close(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    yield from tmux_home(engine, tmp_path)


GLOBAL_MOUNT = """
# the shared cache: keep this note
[docker.mounts.cache]
src = "{src}"  # on the host
dst = "/cache"
"""


def _running(container: str) -> bool:
    done = docker("inspect", "-f", "{{.State.Running}}", container)
    return done.returncode == 0 and done.stdout.strip() == "true"


def test_create_launch_stop_purge_and_settings_from_the_console(home: Home) -> None:
    cache = home.root / "cache"
    cache.mkdir()
    config = home.root / "config" / "config.toml"
    config.write_text(config.read_text() + GLOBAL_MOUNT.format(src=cache))
    workspace = home.root / "config" / "workspaces" / "demo.toml"

    # Create a workspace: `n` offers the current directory (mounted at the same path);
    # rename it to demo and save.
    console = Console(home)
    try:
        console.wait_for(" jackin❯ ", "· workspaces", "Current directory", "+ New workspace")
        console.keys("n")
        console.wait_for("· new workspace", "Name         project", str(home.project))
        console.keys("Tab", "Enter")
        console.wait_for("Workspace name")
        console.keys("C-u")  # the box holds the suggested name
        console.type("demo")
        console.keys("Enter")
        console.wait_for("Name         demo")
        console.keys("s")
        console.wait_for("edit workspace · demo")
        saved = workspace.read_text()
        assert f'workdir = "{home.project}"' in saved, saved
        assert f'src = "{home.project}"' in saved, saved
        assert f'dst = "{home.project}"' in saved, saved

        # Launch the stand-in role in it through the pickers; the console ends attached.
        console.keys("Escape")
        console.wait_for("· workspaces", "Current directory", "demo")
        console.keys("Down", "Enter")
        console.wait_for("Select Role", "stand-in")
        console.type("stand")
        console.keys("Enter")
        console.wait_for("Select Agent")
        console.keys("Enter")  # automatic: the role's own agent
        console.wait_for("stand-in agent ready", timeout=600)
        console.type("hello from the console")
        console.keys("Enter")
        console.wait_for("echo: hello from the console")
        console.keys("C-\\")  # the capsule's palette
        console.wait_for("Detach")
        console.type("detach")
        console.keys("Enter")
        console.wait_for("keeps running; reattach", "jackin exited 0")
    finally:
        console.close()
    [row] = home.status()
    container = str(row["container_base"])
    assert (row["workspace"], row["state"]) == ("demo", "running")
    instance = container.split("-")[1]

    # Back in the console: the instance row under demo, its live session tree; stop, purge.
    console = Console(home)
    try:
        console.wait_for("Current directory", "demo")
        console.keys("Down", "Right")
        console.wait_for(f"{instance} stand-in")
        console.keys("Down")
        console.wait_for(f"Instance: {instance}", "Live tab/pane tree", "Claude (claude)")
        console.keys("t")
        console.wait_for(f"{instance} stand-in  [restore-available]", timeout=120)
        assert not _running(container)
        assert [r["status"] for r in home.status()] == ["restore_available"]
        console.keys("p")
        console.wait_for("Purge instance?", "This removes the container and its state.")
        console.keys("y")
        console.wait_gone(f"{instance} stand-in", timeout=120)
        assert home.status() == []
        assert docker("inspect", container).returncode != 0
        assert docker("network", "inspect", f"{container}-net").returncode != 0
        assert not (home.data / container).exists()

        # Settings: make the global mount read-only, save; config.toml keeps its notes.
        before = config.read_text()
        console.keys("s")
        console.wait_for("· settings", "General · Mounts · Environments · Auth · Trust")
        console.keys("Right")
        console.wait_for("cache  [global]  /cache  rw")
        console.keys("Tab", "r")
        console.wait_for("cache  [global]  /cache  ro", "1 unsaved change")
        console.keys("s")
        console.wait_gone("unsaved change")
        after = config.read_text()
        assert "# the shared cache: keep this note\n[docker.mounts.cache]" in after, after
        cache_table = after.split("[docker.mounts.cache]")[1]
        assert "readonly = true" in cache_table, after
        assert f'src = "{cache}"  # on the host\n' in cache_table, after
        untouched = before.split("# the shared cache")[0].replace("v1alpha10", "v1alpha11")
        assert after.startswith(untouched), f"the rest of the file changed:\n{after}"
        console.keys("Escape")
        console.wait_for("· workspaces", "Current directory")
        console.keys("C-q")
        console.wait_for("Exit jackin❯?")
        console.keys("Enter")  # the quit confirm defaults to Yes
        console.wait_for("jackin exited 0")
    finally:
        console.close()
