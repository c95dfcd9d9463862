"""`jackin-capsule init`: the interim PID 1.

It reaps every child, optionally runs one headless agent session in a PTY (output
drained into `<state>/sessions/headless.log`), watches the session registrations and
exits 0 once it has seen a session and none is left. SIGTERM/SIGINT end every session
(SIGTERM to its process group, SIGKILL after the grace period) and exit 0.

Single-threaded: one `select` loop woken by the PTY, by signals (through
`signal.set_wakeup_fd`) and at most every 0.2 s to poll the registrations.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from jackin_capsule._config import LaunchConfig, load_config, run_dir, state_dir
from jackin_capsule._interim._procs import namespace_started, signal_session
from jackin_capsule._interim._registry import Registry
from jackin_capsule._launch import session_command

__all__ = ["DEFAULT_STOP_GRACE", "HEADLESS_LOG_CAP", "CappedLog", "run_init"]

DEFAULT_STOP_GRACE = 10.0
HEADLESS_LOG_CAP = 1024 * 1024
_POLL_INTERVAL = 0.2
_KILL_WAIT = 2.0
_PTY_SIZE = (24, 80)
_READ_SIZE = 65536
# Registrations started this long before the container's PID 1 are from an earlier run.
_PREVIOUS_RUN_MARGIN = 1.0


def _say(message: str) -> None:
    print(f"jackin-capsule init: {message}", file=sys.stderr, flush=True)


class CappedLog:
    """An append-only file kept under `cap` bytes by dropping its oldest half."""

    def __init__(self, path: Path, cap: int = HEADLESS_LOG_CAP) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        self._cap = cap
        self._size = os.fstat(self._fd).st_size

    def write(self, data: bytes) -> None:
        """Append `data`; past the cap keep only the newest `cap // 2` bytes."""
        if self._size + len(data) > self._cap:
            keep = self._cap // 2
            if len(data) < keep:
                want = min(keep - len(data), self._size)
                data = os.pread(self._fd, want, self._size - want) + data
            data = data[-keep:]
            os.ftruncate(self._fd, 0)
            self._size = 0
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
            self._size += written

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)


def _take_terminal() -> None:
    """In the child, after `setsid`: make the PTY (its stdin) the controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@dataclass(slots=True)
class _Headless:
    """The headless session's PTY master and log."""

    master: int | None
    log: CappedLog | None

    def pump(self) -> None:
        """Copy what the PTY has into the log; close the master at end of output."""
        while self.master is not None:
            try:
                chunk = os.read(self.master, _READ_SIZE)
            except BlockingIOError:
                return
            except OSError:  # EIO: every holder of the PTY slave has closed it
                chunk = b""
            if not chunk:
                os.close(self.master)
                self.master = None
                return
            if self.log is not None:
                try:
                    self.log.write(chunk)
                except OSError as exc:
                    _say(f"cannot write the headless log ({exc}); dropping its output")
                    self.log.close()
                    self.log = None

    def close(self) -> None:
        """Drain what is left and close the PTY and the log."""
        self.pump()
        if self.master is not None:
            os.close(self.master)
            self.master = None
        if self.log is not None:
            self.log.close()
            self.log = None


@dataclass(slots=True)
class _Signals:
    """SIGTERM/SIGINT set `stop`; those and SIGCHLD wake the loop through a pipe."""

    wakeup: int
    stop: bool = False

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        """The handler of SIGTERM, SIGINT and SIGCHLD."""
        if signum != signal.SIGCHLD:
            self.stop = True

    def drain(self) -> None:
        """Empty the wakeup pipe."""
        with contextlib.suppress(BlockingIOError):
            while os.read(self.wakeup, 512):
                pass


@contextlib.contextmanager
def _signals() -> Iterator[_Signals]:
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    os.set_blocking(write_end, False)
    state = _Signals(wakeup=read_end)
    handled = (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD)
    previous_fd = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    previous = {signum: signal.signal(signum, state.handle) for signum in handled}
    try:
        yield state
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(previous_fd)
        os.close(read_end)
        os.close(write_end)


class _Init:
    """The supervisor loop."""

    def __init__(self, registry: Registry, signals: _Signals, stop_grace: float) -> None:
        self.registry = registry
        self.signals = signals
        self.stop_grace = stop_grace
        self.headless: _Headless | None = None
        self.children: dict[int, subprocess.Popen[bytes]] = {}

    def start_headless(self, config: LaunchConfig, agent: str, session_id: int) -> None:
        """Start `agent` in a new PTY and session, logging its output; register it."""
        command = session_command(config, agent, session_id, os.environ)
        logs = state_dir() / "sessions"
        logs.mkdir(mode=0o700, parents=True, exist_ok=True)
        master, slave = pty.openpty()
        try:
            termios.tcsetwinsize(master, _PTY_SIZE)
            os.set_blocking(master, False)
            process = subprocess.Popen(
                command.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                cwd=command.cwd,
                env=command.env,
                start_new_session=True,
                preexec_fn=_take_terminal,  # noqa: PLW1509 - init is single-threaded
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self.children[process.pid] = process
        try:
            self.headless = _Headless(master, CappedLog(logs / "headless.log"))
            self.registry.register(
                pid=process.pid, agent=agent, headless=True, session_id=session_id
            )
        except BaseException:
            if self.headless is None:
                os.close(master)
            signal_session(process.pid, signal.SIGKILL)
            raise
        _say(f"headless session {session_id} ({agent}) started, pid {process.pid}")

    def _wait(self, timeout: float) -> None:
        """Sleep until output, a signal or `timeout`; then copy output and reap."""
        watched = [self.signals.wakeup]
        if self.headless is not None and self.headless.master is not None:
            watched.append(self.headless.master)
        ready, _, _ = select.select(watched, [], [], max(timeout, 0.0))
        if self.signals.wakeup in ready:
            self.signals.drain()
        if self.headless is not None:
            self.headless.pump()
        self._reap()

    def _reap(self) -> None:
        """Collect every exited child; our own sessions keep their exit status."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            process = self.children.pop(pid, None)
            if process is not None:
                process.returncode = os.waitstatus_to_exitcode(status)
                self.registry.deregister(pid)
                _say(f"headless session ended (exit {process.returncode})")

    def _stopping(self) -> bool:
        return self.signals.stop

    def run(self, baseline: int) -> int:
        """Poll until the last session ends (exit 0) or a stop signal arrives."""
        seen = False
        while not self._stopping():
            self._wait(_POLL_INTERVAL)
            if self._stopping():
                break
            seen = seen or self.registry.last_id() > baseline
            if self.registry.sessions():
                seen = True
            elif seen:
                return 0
        return self._stop()

    def _stop(self) -> int:
        """SIGTERM every session's process group, SIGKILL after the grace; exit 0."""
        sessions = self.registry.sessions()
        if sessions:
            _say(f"stopping {len(sessions)} session(s)")
        for session in sessions:
            signal_session(session.pid, signal.SIGTERM)
        if not self._settle(self.stop_grace):
            for session in self.registry.sessions():
                _say(f"session {session.id} (pid {session.pid}) ignored SIGTERM; killing it")
                signal_session(session.pid, signal.SIGKILL)
            self._settle(_KILL_WAIT)
        return 0

    def _settle(self, timeout: float) -> bool:
        """Wait up to `timeout` for every session to end; whether they all did."""
        deadline = time.monotonic() + timeout
        while self.registry.sessions():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._wait(min(_POLL_INTERVAL, remaining))
        return True

    def close(self) -> None:
        """Collect exited children, drain and close the headless PTY and log."""
        self._reap()
        if self.headless is not None:
            self.headless.close()


def run_init(headless: str | None, *, stop_grace: float | None = None) -> int:
    """`jackin-capsule init [--headless AGENT]`; returns the exit code.

    `stop_grace` (default `DEFAULT_STOP_GRACE`) is how long sessions get after SIGTERM.
    """
    config = load_config(run_dir())  # fail fast (exit 2) on a bad launch config
    agent = config.resolve_agent(headless) if headless is not None else None
    if agent is not None:
        config.agent_argv(agent)
    registry = Registry(run_dir())
    container_started = namespace_started()
    if container_started is not None:
        registry.forget_started_before(container_started - _PREVIOUS_RUN_MARGIN)
    baseline = registry.last_id()
    with _signals() as signals:
        init = _Init(registry, signals, DEFAULT_STOP_GRACE if stop_grace is None else stop_grace)
        try:
            if agent is not None:
                try:
                    init.start_headless(config, agent, registry.allocate_id())
                except OSError as exc:
                    _say(f"cannot start the headless {agent} session: {exc}")
                    return 1
            return init.run(baseline)
        finally:
            init.close()
