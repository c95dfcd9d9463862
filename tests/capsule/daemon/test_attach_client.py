"""The real attach client on a pseudo-terminal: raw mode, the alternate screen, the colour
probe, bridging, and the terminal given back as it was (spec A7)."""

from __future__ import annotations

import os
import re
import select
import subprocess
import termios
import time

import pyte

from jackin_capsule.client import ENTER, RESET
from tests.capsule.daemon.harness import Home
from tests.capsule.support import CAPSULE

ECHO_AGENT = """printf 'agent ready\\n'
while IFS= read -r line; do printf 'got %s\\n' "$line"; done
"""
_PROBE_REPLY = b"\x1b]11;rgb:1010/2020/3030\x1b\\\x1b[?62;c"
_KITTY = re.compile(rb"\x1b\[[<>=][0-9;]*u")


class PtyClient:
    """`jackin-capsule` attached on a PTY we hold the master of."""

    def __init__(self, home: Home, *args: str) -> None:
        self.master, self.slave = os.openpty()
        termios.tcsetattr(self.slave, termios.TCSANOW, termios.tcgetattr(self.slave))
        self.saved = termios.tcgetattr(self.slave)
        os.set_blocking(self.master, False)
        self.process = subprocess.Popen(
            [*CAPSULE, *args],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env={**home.env, "TERM": "xterm-256color", "LINES": "", "COLUMNS": ""},
        )
        self.output = bytearray()
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.answered = False

    def pump(self, timeout: float = 0.05) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return
        self.output += chunk
        self.stream.feed(_KITTY.sub(b"", chunk))
        if not self.answered and b"\x1b[c" in self.output:
            self.answered = True
            os.write(self.master, _PROBE_REPLY)

    def wait_for(self, needle: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while needle not in "\n".join(self.screen.display):
            assert time.monotonic() < deadline, "\n".join(self.screen.display)
            self.pump()

    def keys(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            assert time.monotonic() < deadline, "the client did not exit"
            self.pump()
        self.pump(0.1)
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
        os.close(self.slave)


def test_attach_bridges_keys_and_restores_the_terminal_on_detach(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    client = PtyClient(home)
    try:
        client.wait_for("agent ready")
        assert client.output.startswith(b"\x1b[?1049h" + ENTER), "alt screen, then our modes"
        assert not termios.tcgetattr(client.slave)[3] & termios.ECHO, "raw mode while attached"
        client.keys(b"ping\r")
        client.wait_for("got ping")
        client.keys(b"\x1c")  # Ctrl+\ opens the palette
        client.wait_for("Detach")
        client.keys(b"detach\r")
        assert client.finish() == 0
        assert client.output.endswith(RESET + b"\x1b[?1049l")
        assert termios.tcgetattr(client.slave) == client.saved
        assert home.sessions() == 1, "detaching keeps the session"
    finally:
        client.close()


def test_colours_from_the_probe_answer_the_panes_osc_11_query(home: Home) -> None:
    agent = (
        "stty -icanon -echo min 1 time 10\n"
        "printf '\\033]11;?\\007'\n"
        'dd bs=1 count=24 of="$CAPSULE_TEST_DIR/osc11" 2>/dev/null\n'
        "printf 'agent ready\\n'\n"
        "sleep 30\n"
    )
    home.config({"claude": home.script("a.sh", agent)})
    home.daemon("claude")
    client = PtyClient(home)
    try:
        client.wait_for("agent ready")
        reply = (home.root / "osc11").read_bytes()
        assert reply == b"\x1b]11;rgb:1010/2020/3030\x07", "our outer terminal's colour, BEL kept"
    finally:
        client.close()


def test_ctrl_q_asks_before_ending_everything(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    daemon = home.daemon("claude")
    client = PtyClient(home, "new", "claude")
    try:
        client.wait_for("agent ready")
        client.keys(b"\x11")  # Ctrl+Q
        client.wait_for("Exit jackin")
        client.keys(b"n")  # the default is No
        client.keys(b"still\r")
        client.wait_for("got still")
        client.keys(b"\x11")
        client.wait_for("Exit jackin")
        client.keys(b"y")
        assert client.finish() == 0, client.output[-300:]
        assert termios.tcgetattr(client.slave) == client.saved
        assert daemon.wait(timeout=5) == 0
    finally:
        client.close()
