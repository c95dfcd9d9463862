"""The attach client: `docker exec -it … jackin-capsule [new …|--focus N]` (spec A7).

It puts the operator's terminal in raw mode on the alternate screen, connects to
the daemon's socket, sends a Hello and then only bridges bytes: keys go up as
`Input`, `Output` is written as it comes, SIGWINCH becomes `Resize`, `Shutdown`
ends it. The terminal is restored on every way out (normal, detach, error, signal).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import sys
import termios
import time
import tty
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from jackin_capsule.client._probe import ColourProbe
from jackin_capsule.contract import HOST_ALT_SCREEN_ENV
from jackin_capsule.protocol import (
    HELLO_ENV_ALLOWLIST,
    Bell,
    CapabilityOverrides,
    ClientTerminal,
    FrameDecoder,
    Hello,
    Input,
    Output,
    ProtocolError,
    Resize,
    ServerFrame,
    Shutdown,
    SpawnRequest,
    encode,
)

__all__ = ["ENTER", "RESET", "AttachOutcome", "attach"]

ALT_SCREEN_ENV = HOST_ALT_SCREEN_ENV
ENTER = (
    b"\x1b[0m\x1b[2J\x1b[H\x1b[?7l\x1b[?9l\x1b[?1000l\x1b[?1002l\x1b[?1005l\x1b[?1015l"
    b"\x1b[?1007l\x1b[?1003h\x1b[?1006h\x1b[?1004h"
)
RESET = (
    b"\x1b[0m\x1b]22;default\x1b\\\x1b[?7h\x1b[?9l\x1b[?1000l\x1b[?1002l\x1b[?1003l"
    b"\x1b[?1005l\x1b[?1006l\x1b[?1007l\x1b[?1004l\x1b[?2004l\x1b[?1l\x1b[<u\x1b[?25h"
)
_READ = 4096
_OVERRIDES = {
    "pointer_shapes": "JACKIN_ATTACH_POINTER_SHAPES",
    "truecolor": "JACKIN_ATTACH_TRUECOLOR",
    "sync_output": "JACKIN_ATTACH_SYNC",
    "osc8": "JACKIN_ATTACH_OSC8",
    "underline_style": "JACKIN_ATTACH_UNDERLINE_STYLE",
}


@dataclass(frozen=True, slots=True)
class AttachOutcome:
    """How the attachment ended: exit code and a message for stderr (if any)."""

    code: int
    message: str | None = None


def _tristate(value: str | None) -> bool | None:
    if value is None or value == "":
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


def overrides_from_env(env: Mapping[str, str]) -> CapabilityOverrides:
    """`JACKIN_ATTACH_*` capability overrides."""
    image = env.get("JACKIN_ATTACH_IMAGE_PROTOCOL", "").strip().lower()
    return CapabilityOverrides(
        **{name: _tristate(env.get(var)) for name, var in _OVERRIDES.items()},
        image_protocol="kitty" if image == "kitty" else "none" if image == "none" else None,
    )


@contextlib.contextmanager
def _raw_terminal(fd: int, out: int, *, alt_screen: bool) -> Iterator[None]:
    saved = termios.tcgetattr(fd)
    tty.setraw(fd, termios.TCSANOW)
    try:
        os.write(out, (b"\x1b[?1049h" if alt_screen else b"") + ENTER)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.write(out, RESET + (b"\x1b[?1049l" if alt_screen else b""))
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSAFLUSH, saved)


def _size(fd: int) -> tuple[int, int]:
    try:
        size = os.get_terminal_size(fd)
    except OSError:
        return 24, 80
    return size.lines or 24, size.columns or 80


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            select.select([], [fd], [])
            continue
        view = view[written:]


def attach(
    socket_path: str,
    *,
    spawn: SpawnRequest | None = None,
    focus: int | None = None,
    env: Mapping[str, str] | None = None,
    in_fd: int = 0,
    out_fd: int = 1,
) -> AttachOutcome:
    """Attach this terminal to the daemon at `socket_path` until detach or shutdown.

    On a terminal: raw mode, the alternate screen (unless `JACKIN_HOST_ALT_SCREEN`), the
    client-owned modes, and everything restored on the way out. Without one (scripts,
    `docker exec -i`), the frames are printed as they come at `LINES`×`COLUMNS`.
    """
    env = os.environ if env is None else env
    sock = _connect(socket_path, _wait_seconds(env))
    if isinstance(sock, OSError):
        return AttachOutcome(1, f"cannot reach the capsule at {socket_path}: {sock.strerror}")
    interactive = os.isatty(in_fd) and os.isatty(out_fd)
    alt_screen = not env.get(ALT_SCREEN_ENV)
    terminal = (
        _raw_terminal(in_fd, out_fd, alt_screen=alt_screen)
        if interactive
        else contextlib.nullcontext()
    )
    with sock, terminal:
        fg, bg, typed = ColourProbe(in_fd, out_fd).run() if interactive else (None, None, b"")
        rows, cols = _size(out_fd) if interactive else _env_size(env)
        hello = Hello(
            rows=rows,
            cols=cols,
            spawn=spawn,
            env=tuple((k, v) for k, v in env.items() if k in HELLO_ENV_ALLOWLIST)
            if spawn is not None
            else (),
            focus_session=focus,
            terminal=ClientTerminal(
                term=env.get("TERM"),
                term_program=env.get("TERM_PROGRAM"),
                colorterm=env.get("COLORTERM"),
                default_fg=fg,
                default_bg=bg,
                overrides=overrides_from_env(env),
            ),
        )
        sock.sendall(encode(hello) + (encode(Input(typed)) if typed else b""))
        return _bridge(sock, in_fd, out_fd, interactive=interactive)


CONNECT_WAIT_ENV = "JACKIN_ATTACH_WAIT"
_DEFAULT_CONNECT_WAIT = 15.0


def _wait_seconds(env: Mapping[str, str]) -> float:
    """How long to wait for a daemon that is still starting (`JACKIN_ATTACH_WAIT`, s)."""
    try:
        return max(0.0, min(120.0, float(env.get(CONNECT_WAIT_ENV, _DEFAULT_CONNECT_WAIT))))
    except ValueError:
        return _DEFAULT_CONNECT_WAIT


def _connect(path: str, wait: float) -> socket.socket | OSError:
    """Connect, retrying while the socket is missing or refused (the daemon is starting:
    a fresh container's PID 1 binds it a moment after `docker run` returns)."""
    deadline = time.monotonic() + wait
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            sock.close()
            if time.monotonic() >= deadline:
                return exc
            time.sleep(0.05)
            continue
        except OSError as exc:
            sock.close()
            return exc
        return sock


def _env_size(env: Mapping[str, str]) -> tuple[int, int]:
    """`LINES`×`COLUMNS` for a client without a terminal (24×80 by default)."""

    def number(name: str, default: int) -> int:
        value = env.get(name, "")
        return int(value) if value.isdigit() and 0 < int(value) <= 10_000 else default

    return number("LINES", 24), number("COLUMNS", 80)


def _bridge(sock: socket.socket, in_fd: int, out_fd: int, *, interactive: bool) -> AttachOutcome:
    """Bridge until Shutdown. Without a terminal, end of input does not detach: the
    client keeps printing frames until the capsule ends it (scripts pipe keys in)."""
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    previous = signal.signal(signal.SIGWINCH, lambda *_: os.write(wake_w, b"w"))
    decoder = FrameDecoder("server")
    sock_fd = sock.fileno()
    reading = [in_fd, sock_fd, wake_r]
    try:
        while True:
            ready, _, _ = select.select(reading, [], [])
            if wake_r in ready:
                os.read(wake_r, 64)
                sock.sendall(encode(Resize(*_size(out_fd))))
            if in_fd in ready:
                data = os.read(in_fd, _READ)
                if not data and interactive:
                    return AttachOutcome(0)
                if not data:
                    reading.remove(in_fd)
                else:
                    sock.sendall(encode(Input(data)))
            if sock_fd in ready:
                chunk = sock.recv(1 << 16)
                if not chunk:
                    return AttachOutcome(1, "the capsule closed the connection")
                outcome = _deliver(decoder.feed(chunk), out_fd)
                if outcome is not None:
                    return outcome
    except ProtocolError as exc:
        return AttachOutcome(1, f"attach protocol error: {exc}")
    except OSError as exc:
        return AttachOutcome(1, f"connection to the capsule lost: {exc.strerror or exc}")
    finally:
        signal.signal(signal.SIGWINCH, previous)
        os.close(wake_r)
        os.close(wake_w)


def _deliver(frames: list[ServerFrame], out_fd: int) -> AttachOutcome | None:
    """Write `Output`/`Bell` frames; the outcome once a `Shutdown` arrives."""
    for frame in frames:
        if isinstance(frame, Output):
            _write_all(out_fd, frame.data)
        elif isinstance(frame, Bell):
            _write_all(out_fd, b"\x07")
        elif isinstance(frame, Shutdown):
            return AttachOutcome(1 if frame.reason else 0, frame.reason)
    return None  # other frames (host affordances) are ignored by this client


def report(outcome: AttachOutcome) -> int:
    """Print the outcome's message (after the terminal is restored); the exit code."""
    if outcome.message:
        print(f"jackin-capsule: {outcome.message}", file=sys.stderr)
    return outcome.code
