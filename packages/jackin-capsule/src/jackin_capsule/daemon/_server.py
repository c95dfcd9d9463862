"""The daemon: PID 1, the socket, the sessions and the frame loop (spec A2, A4–A8, A13).

Single-threaded around one `selectors` loop. Signals only write to a wake-up socket
(`signal.set_wakeup_fd`); children are reaped in the loop (`_reaper`); PTY output is
fed to each pane's terminal model as it arrives, and frames are composed for the one
attached client at most every 33 ms (immediately after an idle gap).
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from jackin_capsule._config import LaunchConfig
from jackin_capsule.contract import EXIT_MARKER, CapsuleExit
from jackin_capsule.daemon._codenames import Codenames
from jackin_capsule.daemon._conn import (
    MAX_CLIENT_BACKLOG,
    AttachConn,
    ControlConn,
    PendingConn,
)
from jackin_capsule.daemon._frame import Compositor
from jackin_capsule.daemon._mux import Multiplexer
from jackin_capsule.daemon._reaper import reap_children
from jackin_capsule.daemon._session import SOCKET_NAME, Session, SpawnSpec, start_session
from jackin_capsule.daemon._state import control_data
from jackin_capsule.input import InputConfig, OuterFocus
from jackin_capsule.protocol import (
    ControlFrameDecoder,
    Detach,
    FocusIn,
    FocusOut,
    Handshake,
    HandshakeAccepted,
    Input,
    Output,
    ProtocolError,
    Resize,
    Shutdown,
    SpawnAgent,
    SpawnShell,
    encode,
    farewell,
    respond,
)
from jackin_capsule.terminal import OscPolicy

RGB = tuple[int, int, int]

__all__ = ["CLIENT_MODES", "Daemon", "DaemonOptions", "run_daemon"]

MAX_CONNECTIONS = 16
# Echo of what the operator just typed is drawn at once; sustained output is paced.
TYPING_WINDOW = 0.1
ECHO_INTERVAL = 0.002
ECHO_MAX_BYTES = 16 * 1024
FRAME_INTERVAL = 1 / 30
CONTROL_TIMEOUT = 10.0
_EXIT_DRAIN = 0.2
_SHUTDOWN_FLUSH = 1.0
# What the attach client's terminal must be set to while attached (spec A7 step 2).
CLIENT_MODES = (
    b"\x1b[?7l\x1b[?9l\x1b[?1000l\x1b[?1002l\x1b[?1005l\x1b[?1015l\x1b[?1007l"
    b"\x1b[?1003h\x1b[?1006h\x1b[?1004h"
)


def _say(message: str) -> None:
    print(f"jackin-capsule: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True, slots=True)
class DaemonOptions:
    """How the daemon starts."""

    first_agent: str | None
    """The first tab's agent (None: a shell)."""
    spawn_now: bool = False
    """Start the first pane at once (`--detach`), not on the first attach."""
    rows: int = 24
    cols: int = 80
    instance_id: str = ""
    debug: bool = False


class Daemon:
    """Owns every PTY and the socket until the last session ends."""

    def __init__(
        self,
        config: LaunchConfig,
        run: Path,
        options: DaemonOptions,
        env: Mapping[str, str],
    ) -> None:
        self.config = config
        self.run = run
        self.options = options
        self.env = dict(env)
        self.socket_path = str(run / SOCKET_NAME)
        self.input_config = InputConfig.from_env(env)
        self.policy = OscPolicy.from_env(env)
        self.codenames = Codenames()
        self.history: list[Session] = []
        self._next_id = 1
        self.mux = Multiplexer(
            spawner=self._spawn,
            agents=config.agents,
            rows=options.rows,
            cols=options.cols,
        )
        self.compositor = Compositor(instance_id=options.instance_id, debug=options.debug)
        self.selector = selectors.DefaultSelector()
        self.listener: socket.socket | None = None
        self.pending: dict[int, PendingConn] = {}
        self.controls: dict[int, ControlConn] = {}
        self.attaching: dict[int, AttachConn] = {}
        self.client: AttachConn | None = None
        self.first_spawn_pending = True
        self.stop_reason: str | None = None
        self.stopping = False
        self.exit_code = 0
        self._wake_r, self._wake_w = socket.socketpair()
        self._last_frame = 0.0
        self._typed_at = -1.0
        self._bytes_since_frame = 0
        self._drawn_generation = -1
        self._session_env: tuple[tuple[str, str], ...] = ()
        self._colors: tuple[RGB | None, RGB | None] = (None, None)
        self._pty_events: dict[int, int] = {}

    # ------------------------------------------------------------------ setup

    def _listen(self) -> None:
        self.run.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            (self.run / EXIT_MARKER).unlink()
        with contextlib.suppress(OSError):
            self.run.chmod(0o700)
        with contextlib.suppress(FileNotFoundError):
            Path(self.socket_path).unlink()
        listener = bind_private(self.socket_path)
        # Kept for a file system that ignores the umask; connections are accepted only
        # from listen(), after it.
        Path(self.socket_path).chmod(0o600)
        listener.listen(MAX_CONNECTIONS)
        listener.setblocking(False)
        self.listener = listener
        self.selector.register(listener, selectors.EVENT_READ, "listen")

    def _install_signals(self) -> None:
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        signal.set_wakeup_fd(self._wake_w.fileno(), warn_on_full_buffer=False)
        for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, lambda *_: None)
        self.selector.register(self._wake_r, selectors.EVENT_READ, "signal")

    # ------------------------------------------------------------------ sessions

    def _spawn(self, spec: SpawnSpec, rows: int, cols: int) -> Session:
        session_id = self._next_id
        self._next_id += 1
        if spec.env == () and self._session_env:
            spec = SpawnSpec(spec.agent, spec.provider, self._session_env)
        session = start_session(
            self.config,
            spec,
            session_id=session_id,
            codename=self.codenames.next(),
            rows=rows,
            cols=cols,
            base_env=self.env,
            socket_path=self.socket_path,
            policy=self.policy,
        )
        session.terminal.set_default_colors(*self._colors)
        assert session.master is not None
        self.selector.register(session.master, selectors.EVENT_READ, ("pty", session.id))
        self.history.append(session)
        return session

    def _spawn_first(self) -> None:
        self.first_spawn_pending = False
        session = self.mux.open_tab(SpawnSpec(self.options.first_agent))
        if session is None:
            self.stop_reason = "could not start the first session"
            self.exit_code = 1

    def _read(self, session: Session) -> int:
        """Read a pane's PTY; a PTY that reached its end leaves the selector at once
        (before its descriptor number can be reused)."""
        master = session.master
        got = session.read()
        if master is not None and session.master is None:
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(master)
            self._pty_events.pop(session.id, None)
        return got

    def _on_child_exit(self, pid: int, code: int) -> None:
        for session in self.mux.sessions.values():
            if session.pid == pid and session.exit_code is None:
                session.exit_code = code
                session.exited_at = time.time()
                self._read(session)  # drain what is left, then EOF closes the master
                return

    def _tidy_sessions(self) -> None:
        for session in list(self.mux.sessions.values()):
            if session.exit_code is not None and session.master is not None:
                self._drain(session)
            if session.finished:
                if self.client is not None and self.mux.generation != self._drawn_generation:
                    self._frame(full=False)  # the pane's last words are seen before it goes
                self.mux.remove_session(session.id)

    def _drain(self, session: Session) -> None:
        """The process is gone; whatever the PTY still holds is its last output."""
        self._read(session)
        master = session.master
        if master is not None:
            # Grandchildren may still hold the PTY; the pane ends with its process.
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(master)
            session.close_pty()

    # ------------------------------------------------------------------ loop

    def serve(self) -> int:
        """Run until the last session ends or a signal stops the daemon."""
        if os.getpid() != 1:
            _become_subreaper()
        self._listen()
        self._install_signals()
        if self.options.spawn_now:
            self._spawn_first()
        try:
            while not self._should_stop():
                self._turn()
        finally:
            self._shutdown()
        return self.exit_code

    def _should_stop(self) -> bool:
        if self.stopping or self.stop_reason is not None:
            return True
        return not self.first_spawn_pending and not self.mux.sessions

    def _timeout(self) -> float:
        now = time.monotonic()
        deadlines: list[float] = [now + 1.0]
        if self.client is not None:
            if self.mux.generation != self._drawn_generation:
                deadlines.append(self._last_frame + self._frame_interval())
            parser_deadline = self.client.parser.deadline()
            if parser_deadline is not None:
                deadlines.append(parser_deadline)
        deadlines += [c.deadline for c in self.pending.values()]
        deadlines += [c.deadline for c in self.controls.values()]
        deadlines += [c.deadline for c in self.attaching.values() if c.deadline is not None]
        return max(0.0, min(deadlines) - now)

    def _turn(self) -> None:
        for key, mask in self.selector.select(self._timeout()):
            self._guarded(self._dispatch, key, mask)
        self._guarded(self._expire)
        self._guarded(self._tidy_sessions)
        self._guarded(self._watch_ptys)
        self._guarded(self._maybe_frame)

    def _dispatch(self, key: selectors.SelectorKey, mask: int) -> None:
        tag = key.data
        if tag == "listen":
            self._accept()
        elif tag == "signal":
            self._signals()
        elif isinstance(tag, tuple) and tag[0] == "pty":
            self._pty_ready(tag[1], mask)
        elif isinstance(tag, tuple) and tag[0] == "conn":
            self._conn_ready(key.fileobj, mask)  # type: ignore[arg-type]

    def _guarded(self, step: Callable[..., None], *args: object) -> None:
        """Run one step of the loop; a bug in it is logged, never fatal.

        The daemon is PID 1: if it died, every agent in the container would die with
        it. A failing step is reported on stderr (`docker logs`), the client (if any)
        gets a full repaint, and the loop carries on.
        """
        try:
            step(*args)
        except Exception:  # a bug must not end PID 1: see the docstring
            traceback.print_exc(file=sys.stderr)
            self.compositor.reset()
            self.mux.layout_changed = True
            self.mux.touch()

    def _signals(self) -> None:
        try:
            data = self._wake_r.recv(256)
        except BlockingIOError:
            data = b""
        for signum in data:
            if signum in (signal.SIGTERM, signal.SIGINT):
                self.stopping = True
        reap_children(self._on_child_exit)

    def _watch_ptys(self) -> None:
        """Wait for a PTY to take more input only while some is queued for it (a paste
        larger than the kernel's buffer, a pane that stopped reading)."""
        for session in self.mux.sessions.values():
            if session.master is None:
                continue
            want = selectors.EVENT_READ | (selectors.EVENT_WRITE if session.pending_input else 0)
            if self._pty_events.get(session.id) != want:
                with contextlib.suppress(KeyError, ValueError):
                    self.selector.modify(session.master, want, ("pty", session.id))
                self._pty_events[session.id] = want

    def _pty_ready(self, session_id: int, mask: int = selectors.EVENT_READ) -> None:
        session = self.mux.sessions.get(session_id)
        if session is None:
            return
        if mask & selectors.EVENT_WRITE:
            session.flush()
        if not mask & selectors.EVENT_READ:
            return
        master = session.master
        got = self._read(session)
        if got:
            self._bytes_since_frame += got
            watched = self.client is not None and session is self.mux.focused()
            session.activity.printed(time.monotonic(), watched=watched)
            self.mux.touch()
        if session.master is None and master is not None:
            reap_children(self._on_child_exit)

    # ------------------------------------------------------------------ sockets

    def _accept(self) -> None:
        assert self.listener is not None
        while True:
            try:
                sock, _ = self.listener.accept()
            except BlockingIOError:
                return
            except OSError as exc:
                _say(f"accept failed: {exc}")
                return
            live = len(self.pending) + len(self.controls) + len(self.attaching)
            live += 1 if self.client is not None else 0
            if live >= MAX_CONNECTIONS:
                sock.close()
                continue
            sock.setblocking(False)
            self.pending[sock.fileno()] = PendingConn(sock)
            self.selector.register(sock, selectors.EVENT_READ, ("conn", sock.fileno()))

    def _conn_ready(self, sock: socket.socket, mask: int) -> None:
        fd = sock.fileno()
        if fd in self.pending:
            self._classify(self.pending[fd])
        elif fd in self.controls:
            self._control_ready(self.controls[fd], mask)
        elif fd in self.attaching:
            self._attach_ready(self.attaching[fd], mask)
        elif self.client is not None and self.client.sock is sock:
            self._client_ready(mask)

    def _close(self, sock: socket.socket) -> None:
        fd = sock.fileno()
        self.pending.pop(fd, None)
        self.controls.pop(fd, None)
        self.attaching.pop(fd, None)
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(sock)
        sock.close()

    def _classify(self, conn: PendingConn) -> None:
        try:
            first = conn.sock.recv(1)
        except BlockingIOError:
            return
        except OSError:
            first = b""
        if not first:
            self._close(conn.sock)
            return
        fd = conn.sock.fileno()
        del self.pending[fd]
        if first == b"\x00":
            decoder = ControlFrameDecoder()
            decoder.feed(first)
            self.controls[fd] = ControlConn(conn.sock, decoder, time.monotonic() + CONTROL_TIMEOUT)
            return
        if first != b"\x01":
            self._close(conn.sock)
            return
        handshake = Handshake(agents=self.config.agents, default_size=(24, 80))
        attach = AttachConn.start(conn.sock, first, handshake, self.input_config)
        self.attaching[fd] = attach
        self._attach_feed(attach, b"")

    def _control_ready(self, conn: ControlConn, mask: int) -> None:
        if conn.reply:
            if mask & selectors.EVENT_WRITE:
                try:
                    sent = conn.sock.send(conn.reply)
                except OSError:
                    self._close(conn.sock)
                    return
                del conn.reply[:sent]
                if not conn.reply:
                    self._close(conn.sock)
            return
        try:
            data = conn.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._close(conn.sock)
            return
        try:
            body = conn.decoder.feed(data)
            if body is None:
                return
            reply = respond(body, control_data(self.mux, self.history))
        except ProtocolError:
            self._close(conn.sock)  # malformed: dropped without a reply (spec A5)
            return
        conn.reply += reply
        conn.deadline = time.monotonic() + 2.0
        self.selector.modify(conn.sock, selectors.EVENT_WRITE, ("conn", conn.sock.fileno()))

    def _attach_ready(self, conn: AttachConn, mask: int) -> None:
        del mask
        try:
            data = conn.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._close(conn.sock)
            return
        self._attach_feed(conn, data)

    def _attach_feed(self, conn: AttachConn, data: bytes) -> None:
        payload = conn.pending_first + data
        conn.pending_first = b""
        try:
            frames = conn.decoder.feed(payload)
            for frame in frames:
                result = conn.handshake.receive(frame)
                if isinstance(result, HandshakeAccepted):
                    self._take_over(conn, result)
                    # Frames after the Hello in the same read belong to the client now.
                    continue
                if self.client is conn:
                    self._client_frame(result)
        except ProtocolError as exc:
            with contextlib.suppress(OSError):
                conn.sock.send(encode(farewell(exc)))
            if self.client is conn:
                self._drop_client()
            else:
                self._close(conn.sock)

    # ------------------------------------------------------------------ the client

    def _take_over(self, conn: AttachConn, accepted: HandshakeAccepted) -> None:
        """Spec A6 handshake, steps 1–6."""
        fd = conn.sock.fileno()
        self.attaching.pop(fd, None)
        hello = accepted.hello
        self._session_env = accepted.session_env
        terminal = hello.terminal
        self.mux.rows, self.mux.cols = accepted.rows, accepted.cols
        self._colors = (terminal.default_fg, terminal.default_bg)
        for session in self.mux.sessions.values():
            session.terminal.set_default_colors(*self._colors)
        if self.first_spawn_pending:
            self._spawn_first()
        self.mux.relayout()
        if hello.focus_session is not None:
            self.mux.focus_session(hello.focus_session)
        if accepted.spawn_error is not None:
            self.mux.dialogs = []
            self.mux.spawn_failed(accepted.spawn_error)
        elif isinstance(hello.spawn, SpawnAgent):
            self.mux.open_tab(
                SpawnSpec(hello.spawn.slug, hello.spawn.provider, accepted.session_env)
            )
        elif isinstance(hello.spawn, SpawnShell):
            self.mux.open_tab(SpawnSpec(None, None, accepted.session_env))
        if self.client is not None:
            old = self.client
            old.send(Shutdown(None))
            old.flush()
            time.sleep(0.05)
            self._drop_client()
        conn.deadline = None
        conn.attached = True
        self.client = conn
        conn.send(accepted.welcome(len(self.mux.sessions)))
        conn.send(Output(CLIENT_MODES))
        self.compositor.reset()
        self._frame(full=True)

    def _client_frame(self, frame: object) -> None:
        client = self.client
        assert client is not None
        now = time.monotonic()
        if isinstance(frame, Input):
            self._typed_at = now
            for event in client.parser.feed(frame.data, now):
                self.mux.handle(event)
        elif isinstance(frame, Resize):
            self.mux.resize(frame.rows or 24, frame.cols or 80)
        elif isinstance(frame, Detach):
            self._detach()
        elif isinstance(frame, FocusIn | FocusOut):
            self.mux.handle(OuterFocus(isinstance(frame, FocusIn)))
        if self.mux.detach_requested:
            self.mux.detach_requested = False
            self._detach()

    def _client_ready(self, mask: int) -> None:
        client = self.client
        assert client is not None
        if mask & selectors.EVENT_WRITE and not client.flush():
            self._drop_client()
            return
        if mask & selectors.EVENT_READ:
            try:
                data = client.sock.recv(65536)
            except BlockingIOError:
                data = None
            except OSError:
                data = b""
            if data == b"":
                self._drop_client()  # client gone: everything keeps running
                return
            if data:
                self._attach_feed(client, data)
        self._watch_client()

    def _watch_client(self) -> None:
        client = self.client
        if client is None:
            return
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if client.out else 0)
        with contextlib.suppress(KeyError, ValueError):
            self.selector.modify(client.sock, events, ("conn", client.sock.fileno()))

    def _detach(self) -> None:
        client = self.client
        if client is None:
            return
        client.send(Shutdown(None))
        client.flush()
        self._drop_client()

    def _drop_client(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(client.sock)
            client.sock.close()

    # ------------------------------------------------------------------ frames

    def _expire(self) -> None:
        now = time.monotonic()
        for conn in list(self.pending.values()) + list(self.controls.values()):
            if now >= conn.deadline:
                self._close(conn.sock)
        for attach in list(self.attaching.values()):
            if attach.deadline is not None and now >= attach.deadline:
                self._close(attach.sock)
        client = self.client
        if client is not None:
            deadline = client.parser.deadline()
            if deadline is not None and now >= deadline:
                for event in client.parser.expire(now):
                    self.mux.handle(event)

    def _maybe_frame(self) -> None:
        if self.client is not None:
            focused = self.mux.focused()
            if focused is not None:
                focused.activity.seen()
            if self.compositor.states_changed(self.mux, time.monotonic()):
                self.mux.touch()  # a tab's glyph changes as panes go quiet
        if self.client is None or self.mux.generation == self._drawn_generation:
            return
        if len(self.client.out) > MAX_CLIENT_BACKLOG:
            self._drop_client()
            return
        if self.client.out:
            return  # the client has not taken the last frame yet: skip, state is full
        if time.monotonic() - self._last_frame < self._frame_interval():
            return
        self._frame(full=self.mux.layout_changed)

    def _frame_interval(self) -> float:
        """33 ms between frames, except for the echo of what was just typed."""
        typing = time.monotonic() - self._typed_at < TYPING_WINDOW
        if typing and self._bytes_since_frame <= ECHO_MAX_BYTES:
            return ECHO_INTERVAL
        return FRAME_INTERVAL

    def _frame(self, *, full: bool) -> None:
        client = self.client
        if client is None:
            return
        self._drawn_generation = self.mux.generation
        self.mux.layout_changed = False
        self._last_frame = time.monotonic()
        self._bytes_since_frame = 0
        data = self.compositor.frame(self.mux, full=full)
        if data:
            client.send(Output(data))
        if not client.flush():
            self._drop_client()
            return
        self._watch_client()

    # ------------------------------------------------------------------ exit

    def _shutdown(self) -> None:
        reason = self.stop_reason or ""
        if not reason and self.mux.notices and not self.stopping:
            reason = self.mux.notices[-1]
        self.mux.terminate_all()
        with contextlib.suppress(OSError):
            CapsuleExit(reason, self.stopping).write(self.run)
        client = self.client
        if client is not None:
            if self.mux.generation != self._drawn_generation:
                self._frame(full=False)
            client.send(Shutdown(reason or None))
            deadline = time.monotonic() + _SHUTDOWN_FLUSH
            client.sock.setblocking(True)
            client.sock.settimeout(max(0.01, deadline - time.monotonic()))
            with contextlib.suppress(OSError):
                client.sock.sendall(client.out)
            client.out.clear()
            self._drop_client()
        time.sleep(_EXIT_DRAIN)
        reap_children(self._on_child_exit)
        with contextlib.suppress(OSError):
            Path(self.socket_path).unlink()
        signal.set_wakeup_fd(-1)


def bind_private(path: str) -> socket.socket:
    """A unix socket bound at `path` whose file is 0600 from the moment it exists.

    `bind()` creates the file with 0777 minus the umask; under the usual 022 that is 0755
    (no one else may connect), under 0 it is 0777 until a later chmod. Binding under
    umask 177 leaves no such moment. The umask is process-wide: the daemon calls this
    before it starts any session or thread, and restores it at once. The socket does not
    listen yet: until `listen()` every connect is refused.
    """
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    previous = os.umask(0o177)
    try:
        listener.bind(path)
    except BaseException:
        listener.close()
        raise
    finally:
        os.umask(previous)
    return listener


def _become_subreaper() -> None:
    """Outside a container, adopt orphaned descendants as PID 1 would (Linux only)."""
    try:
        import ctypes  # noqa: PLC0415

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def run_daemon(config: LaunchConfig, run: Path, options: DaemonOptions) -> int:
    """Serve until the last session ends; the exit code for the container."""
    return Daemon(config, run, options, os.environ).serve()
