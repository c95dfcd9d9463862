"""One pane's process: its PTY, its terminal model and its exit (spec A3, A8)."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from jackin_capsule._config import SOCKET_NAME, LaunchConfig
from jackin_capsule._launch import session_command
from jackin_capsule.contract import (
    AGENT_CODENAME_ENV,
    AGENT_RUNTIME_ENV,
    PROVIDER_ENV,
    SESSION_ID_ENV,
    STATUS_SOCKET_ENV,
    STATUS_SOURCE_ENV,
)
from jackin_capsule.daemon._activity import PaneActivity
from jackin_capsule.daemon._pty import set_window_size, spawn_on_pty
from jackin_capsule.terminal import OscPolicy, PaneTerminal

__all__ = ["SOCKET_NAME", "Session", "SpawnSpec", "start_session"]

_READ_SIZE = 65536
# How much one pane may read per loop turn before others get their go.
_READ_BUDGET = 1 << 20
_TAIL_LINES = 12


@dataclass(frozen=True, slots=True)
class SpawnSpec:
    """What to run in a new pane: an agent (with an optional provider) or a shell."""

    agent: str | None
    provider: str | None = None
    env: tuple[tuple[str, str], ...] = ()
    """Allowlisted overrides from the attaching client's Hello."""

    @property
    def label(self) -> str:
        """The tab's automatic label: `Claude`, `Claude (Zai)`, `Shell`."""
        if self.agent is None:
            return "Shell"
        base = self.agent.capitalize()
        return f"{base} ({self.provider.capitalize()})" if self.provider else base


@dataclass(slots=True)
class Session:
    """A live (or just ended) pane process."""

    id: int
    codename: str
    spec: SpawnSpec
    pid: int
    master: int | None
    terminal: PaneTerminal
    started_at: float = field(default_factory=time.time)
    exit_code: int | None = None
    exited_at: float | None = None
    pending_input: bytearray = field(default_factory=bytearray)
    hung_up: bool = False
    activity: PaneActivity = field(default_factory=PaneActivity)
    """jackin ended it (close, exit): its exit status is not a failure to report."""

    @property
    def agent(self) -> str | None:
        """The agent slug, None for a shell."""
        return self.spec.agent

    @property
    def finished(self) -> bool:
        """The process was reaped and its PTY drained: the pane can go."""
        return self.exit_code is not None and self.master is None

    def read(self) -> int:
        """Feed what the PTY has into the terminal model; how many bytes arrived."""
        got = 0
        budget = _READ_BUDGET
        chunks: list[bytes] = []
        while self.master is not None and budget > 0:
            try:
                chunk = os.read(self.master, _READ_SIZE)
            except BlockingIOError:
                break
            except OSError as exc:  # EIO: the last holder of the PTY slave closed it
                if exc.errno not in (errno.EIO, errno.EBADF):
                    raise
                chunk = b""
            if not chunk:
                self.close_pty()
                break
            chunks.append(chunk)
            budget -= len(chunk)
        if chunks:
            data = b"".join(chunks)
            self.terminal.feed(data)
            got = len(data)
        replies = self.terminal.take_replies()
        if replies:
            self.write(replies)
        return got

    def write(self, data: bytes) -> None:
        """Queue `data` for the PTY and write as much as it takes now."""
        if self.master is None:
            return
        self.pending_input += data
        self.flush()

    def flush(self) -> None:
        """Write queued input; a full PTY keeps the rest for the next turn."""
        while self.pending_input and self.master is not None:
            try:
                written = os.write(self.master, self.pending_input)
            except BlockingIOError:
                return
            except OSError:
                self.pending_input.clear()
                return
            del self.pending_input[:written]

    def resize(self, rows: int, cols: int) -> None:
        """Resize the model and the PTY (the program gets SIGWINCH)."""
        rows, cols = max(1, rows), max(1, cols)
        if (rows, cols) == (self.terminal.rows, self.terminal.cols):
            return
        self.terminal.resize(rows, cols)
        if self.master is not None:
            with contextlib.suppress(OSError):
                set_window_size(self.master, rows, cols)

    def close_pty(self) -> None:
        """Close the PTY master (end of output)."""
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def tail(self) -> list[str]:
        """The last non-blank lines of the pane, for an abnormal-exit message."""
        rows = [
            "".join(cell.data for cell in self.terminal.visible_row(r)).rstrip()
            for r in range(self.terminal.rows)
        ]
        while rows and not rows[-1]:
            rows.pop()
        return rows[-_TAIL_LINES:]


def session_env(
    config: LaunchConfig,
    *,
    spec: SpawnSpec,
    session_id: int,
    codename: str,
    base_env: Mapping[str, str],
    socket_path: str,
) -> tuple[tuple[str, ...], dict[str, str], str]:
    """argv, environment and cwd of a pane (the env table of spec A3)."""
    command = session_command(config, spec.agent, session_id, base_env)
    env = command.env
    env["TERM"] = "xterm-256color"  # never the host's: the pane talks to our emulator
    env["COLORTERM"] = "truecolor"
    env[AGENT_CODENAME_ENV] = codename
    env[STATUS_SOCKET_ENV] = socket_path
    if spec.agent is None:
        for key in (AGENT_RUNTIME_ENV, STATUS_SOURCE_ENV, SESSION_ID_ENV):
            env.pop(key, None)
    else:
        env[AGENT_RUNTIME_ENV] = spec.agent
        env[STATUS_SOURCE_ENV] = f"hook-{spec.agent}-{session_id}"
    if spec.provider is not None:
        env[PROVIDER_ENV] = spec.provider
    env.update(dict(spec.env))
    return command.argv, env, command.cwd


def start_session(
    config: LaunchConfig,
    spec: SpawnSpec,
    *,
    session_id: int,
    codename: str,
    rows: int,
    cols: int,
    base_env: Mapping[str, str],
    socket_path: str,
    policy: OscPolicy,
) -> Session:
    """Spawn a pane process on a PTY of `rows`×`cols`."""
    argv, env, cwd = session_env(
        config,
        spec=spec,
        session_id=session_id,
        codename=codename,
        base_env=base_env,
        socket_path=socket_path,
    )
    pid, master = spawn_on_pty(argv, env, cwd, rows, cols)
    terminal = PaneTerminal(rows, cols, policy=policy)
    return Session(session_id, codename, spec, pid, master, terminal)
