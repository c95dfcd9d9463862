"""`run_attached`: the operator's terminal comes back even when the attach client is killed."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import termios
import time

from jackin_sdk.lifecycle import TERMINAL_RESET

# Runs run_attached on its own terminal (the PTY below); the "client" sets raw mode and
# the alternate screen, then dies by SIGKILL without cleaning up.
_HOST = """
import sys
from jackin_sdk.lifecycle import run_attached
client = (
    "import os, sys, tty; tty.setraw(0); os.write(1, b'\\\\x1b[?1049h\\\\x1b[?2004h');"
    "os.kill(os.getpid(), 9)"
)
code = run_attached([sys.executable, "-c", client])
print(f"code={code}", flush=True)
"""


def _run_on_pty(script: str) -> tuple[bytes, list[object], list[object]]:
    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdin=slave, stdout=slave, stderr=slave
    )
    output = b""
    deadline = time.monotonic() + 20
    while process.poll() is None or select.select([master], [], [], 0.05)[0]:
        assert time.monotonic() < deadline, output
        if select.select([master], [], [], 0.05)[0]:
            try:
                output += os.read(master, 65536)
            except OSError:
                break
    after = termios.tcgetattr(slave)
    os.close(master)
    os.close(slave)
    return output, before, after


def test_a_killed_client_leaves_the_terminal_as_it_found_it() -> None:
    output, before, after = _run_on_pty(_HOST)
    assert b"code=-9" in output
    assert TERMINAL_RESET in output, "modes off and the primary screen again"
    assert after == before, "termios settings restored"


def test_a_client_that_exits_normally_gets_no_extra_reset() -> None:
    script = _HOST.replace("os.kill(os.getpid(), 9)", "sys.exit(0)")
    output, before, after = _run_on_pty(script)
    assert b"code=0" in output
    assert TERMINAL_RESET not in output
    assert after == before
