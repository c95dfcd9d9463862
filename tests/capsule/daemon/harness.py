"""A protocol-level test client for the real daemon, run as a subprocess.

`Viewer` speaks the attach protocol with the package's own codec and feeds every
`Output` into a pyte screen of the client's size, so tests read what an operator's
terminal would show.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyte

from jackin_capsule.contract import LAUNCH_CONFIG, LaunchConfig
from jackin_capsule.protocol import (
    ClientFrame,
    ControlFrameDecoder,
    ControlMsg,
    FrameDecoder,
    Hello,
    Output,
    ServerFrame,
    Shutdown,
    SpawnRequest,
    StatusRequest,
    decode_reply,
    encode,
    encode_request,
)
from tests.capsule.support import CAPSULE, ENTRYPOINT

_KITTY_KEYBOARD = re.compile(rb"\x1b\[[<>=][0-9;]*u")
SUBREAPER_DAEMON = (
    sys.executable,
    "-c",
    "import ctypes, os, sys\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "assert libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'jackin_capsule', *sys.argv[1:]])\n",
)


def wait_until(predicate: Callable[[], object], *, timeout: float = 5.0, what: str = "") -> None:
    """Poll every 10 ms; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        time.sleep(0.01)


def connect(path: str, *, timeout: float = 5.0) -> socket.socket:
    """Connect to the daemon's socket, retrying while it is refused: the socket file
    exists from `bind()`, connections are accepted from `listen()` (the real attach
    client retries the same way)."""
    deadline = time.monotonic() + timeout
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
        except ConnectionRefusedError:
            sock.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)
            continue
        except BaseException:
            sock.close()
            raise
        return sock


class Home:
    """Short temporary dirs (a unix socket path must stay under 108 bytes)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="jc", dir="/tmp"))
        self.run = self.root / "run"
        self.work = self.root / "work"
        self.state = self.root / "state"
        for folder in (self.run, self.work, self.state):
            folder.mkdir()
        self.entrypoint = self.root / "entrypoint.sh"
        self.entrypoint.write_text(ENTRYPOINT)
        self.entrypoint.chmod(0o755)
        self.socket = str(self.run / "jackin.sock")
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("JACKIN_") and k not in ("TERM", "COLORTERM")
        }
        self.env.update(
            {
                "JACKIN_CAPSULE_RUN_DIR": str(self.run),
                "JACKIN_CAPSULE_STATE_DIR": str(self.state),
                "JACKIN_CAPSULE_ENTRYPOINT": str(self.entrypoint),
                "CAPSULE_TEST_DIR": str(self.root),
                "HOME": str(self.root),
                "JACKIN_INSTANCE_ID": "k3x9ab2c",
            }
        )
        self.processes: list[subprocess.Popen[bytes]] = []
        self.viewers: list[Viewer] = []

    def config(self, argv: Mapping[str, Sequence[str]]) -> None:
        """`agent.toml` with these agents (first is the default)."""
        config = LaunchConfig(
            role="stand-in",
            workdir=str(self.work),
            agents=tuple(argv),
            argv={name: tuple(args) for name, args in argv.items()},
        )
        (self.run / LAUNCH_CONFIG).write_text(config.to_toml())

    def script(self, name: str, body: str) -> list[str]:
        """An agent command running `body` with sh."""
        path = self.root / name
        path.write_text(body)
        return ["/bin/sh", str(path)]

    def daemon(self, *args: str, subreaper: bool = False) -> subprocess.Popen[bytes]:
        """Start `jackin-capsule daemon ARGS` and wait for its socket."""
        command = SUBREAPER_DAEMON if subreaper else CAPSULE
        process = subprocess.Popen(
            [*command, "daemon", *args],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.processes.append(process)
        wait_until(lambda: Path(self.socket).exists() or process.poll() is not None, what="socket")
        if process.poll() is not None:
            raise AssertionError(f"daemon exited: {process.communicate()}")
        return process

    def ask(self, msg: ControlMsg) -> Any:
        """One control request."""
        with connect(self.socket) as sock:
            sock.settimeout(5)
            sock.sendall(encode_request(msg))
            decoder = ControlFrameDecoder()
            while True:
                chunk = sock.recv(65536)
                assert chunk, "no reply"
                body = decoder.feed(chunk)
                if body is not None:
                    return decode_reply(body)

    def sessions(self) -> int:
        """How many sessions `status` lists."""
        return len(self.ask(StatusRequest()).sessions)

    def cleanup(self) -> None:
        """Kill what is left and remove the dirs."""
        for viewer in self.viewers:
            viewer.close()
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=5)
        subprocess.run(["rm", "-rf", str(self.root)], check=False)


class Viewer:
    """An attach client that renders what it receives into a pyte screen."""

    def __init__(
        self,
        home: Home,
        *,
        rows: int = 24,
        cols: int = 80,
        spawn: SpawnRequest | None = None,
        focus: int | None = None,
    ) -> None:
        self.sock = connect(home.socket)
        home.viewers.append(self)
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.decoder: FrameDecoder[ServerFrame] = FrameDecoder("server")
        self.frames: list[ServerFrame] = []
        self.raw = bytearray()
        self.closed = False
        self.send(Hello(rows=rows, cols=cols, spawn=spawn, focus_session=focus))

    def send(self, frame: ClientFrame) -> None:
        """Send one frame."""
        self.sock.sendall(encode(frame))

    def pump(self, timeout: float = 0.05) -> None:
        """Read what has arrived within `timeout`."""
        while not self.closed:
            ready, _, _ = select.select([self.sock], [], [], timeout)
            if not ready:
                return
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                self.closed = True
                return
            for frame in self.decoder.feed(chunk):
                self.frames.append(frame)
                if isinstance(frame, Output):
                    self.raw += frame.data
                    # pyte prints the kitty keyboard sequences it does not know
                    self.stream.feed(_KITTY_KEYBOARD.sub(b"", frame.data))

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 5.0) -> None:
        """Pump until `needle` is on screen."""
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            if time.monotonic() > deadline or self.closed:
                raise AssertionError(f"{needle!r} never showed; screen:\n{self.text()}")
            self.pump()

    def shutdown(self, timeout: float = 5.0) -> Shutdown:
        """Pump until a Shutdown frame arrives."""
        deadline = time.monotonic() + timeout
        while True:
            for frame in self.frames:
                if isinstance(frame, Shutdown):
                    return frame
            if time.monotonic() > deadline or self.closed:
                raise AssertionError(
                    f"no Shutdown; frames: {[type(f).__name__ for f in self.frames]}"
                )
            self.pump()

    def close(self) -> None:
        """Hang up."""
        self.sock.close()


@contextlib.contextmanager
def home_dirs() -> Iterator[Home]:
    """A `Home`, cleaned up afterwards."""
    home = Home()
    try:
        yield home
    finally:
        home.cleanup()
