"""Debug mode reaches the console the CLI execs: `jackin --debug console` and
`JACKIN_DEBUG=1 jackin` open it with the invocation id the CLI printed in its status-row
chip (B2). The real entry point on a tmux terminal, with a temp jackin home."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

_PRINTED = re.compile(r"\[jackin\] debug mode — invocation id: ([0-9a-f]{12})")
_CHIP = re.compile(r"^\s*([0-9a-f]{12})\s+debug mode", re.MULTILINE)


def _tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=False, timeout=30)
    return done.stdout


def _wait_for(session: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The pattern on the pane once it shows there (a minute at most: the first
    Textual import of a cold machine)."""
    deadline = time.monotonic() + 60
    while True:
        found = pattern.search(_tmux("capture-pane", "-p", "-t", session))
        if found is not None or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--debug", "console"], {}), (["console"], {"JACKIN_DEBUG": "1"}),
     ([], {"JACKIN_DEBUG": "1"})],
    ids=["--debug console", "JACKIN_DEBUG console", "JACKIN_DEBUG bare"],
)  # fmt: skip
def test_the_console_shows_the_invocation_id_the_cli_printed(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not on PATH")
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "JACKIN_HOME_DIR": str(tmp_path / "jackin"),
        "JACKIN_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
        **env,
    }
    assigned = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
    command = shlex.join([sys.executable, "-m", "jackin_cli", *args])
    session = f"jk-debug-{uuid.uuid4().hex[:6]}"
    _tmux(
        "new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(tmp_path),
        f"env -i {assigned} {command}; sleep 30",
    )  # fmt: skip
    try:
        chip = _wait_for(session, _CHIP)
        assert chip is not None, _tmux("capture-pane", "-p", "-t", session)
        _tmux("send-keys", "-t", session, "C-c")  # the console's hard quit
        printed = _wait_for(session, _PRINTED)  # back on the CLI's screen
        assert printed is not None, _tmux("capture-pane", "-p", "-t", session)
        assert chip.group(1) == printed.group(1)
    finally:
        _tmux("kill-session", "-t", session)
