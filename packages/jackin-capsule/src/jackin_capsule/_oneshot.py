"""`jackin-capsule session [AGENT | --shell]`: one session outside the multiplexer.

For scripts and CI (`docker exec <c> jackin-capsule session <agent>` with or without a
terminal): it runs the entrypoint as a child with the inherited stdio, waits and exits
with the child's code (128 + N when signal N ended the child). `JACKIN_SESSION_ID` is
this process's pid, which cannot collide with the daemon's small session numbers.
SIGHUP and SIGTERM are forwarded to the child; if it is still running `_SIGNAL_GRACE`
seconds later it is killed. SIGINT and SIGQUIT (the terminal's Ctrl-C, Ctrl-\\) are
the child's business: this process ignores them while the child runs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from types import FrameType

from jackin_capsule._config import load_config, run_dir
from jackin_capsule._launch import session_command

__all__ = ["run_session"]

_SIGNAL_GRACE = 5.0
_FORWARDED = (signal.SIGHUP, signal.SIGTERM)
_CHILDS_OWN = (signal.SIGINT, signal.SIGQUIT)
_Handler = Callable[[int, FrameType | None], None]


class _Forwarder:
    """Signal handlers that pass SIGHUP/SIGTERM on to the child, then kill it if needed."""

    def __init__(self) -> None:
        self.child: subprocess.Popen[bytes] | None = None
        self.pending: list[int] = []
        self._armed = False

    def forward(self, signum: int, _frame: FrameType | None = None) -> None:
        """Pass `signum` on (or keep it until the child exists); arm the kill timer."""
        if self.child is None:
            self.pending.append(signum)
            return
        self.child.send_signal(signum)
        if not self._armed:
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, _SIGNAL_GRACE)

    def kill(self, _signum: int, _frame: FrameType | None) -> None:
        """SIGALRM: the grace after a forwarded signal is over."""
        if self.child is not None:
            self.child.kill()

    @staticmethod
    def ignore(_signum: int, _frame: FrameType | None) -> None:
        """A Python-level no-op, so the child (after exec) gets the default action back."""

    def started(self, child: subprocess.Popen[bytes]) -> None:
        """The child runs: deliver what arrived before it existed."""
        self.child = child
        for signum in self.pending:
            self.forward(signum)
        self.pending.clear()


@contextlib.contextmanager
def _forwarding() -> Iterator[_Forwarder]:
    forwarder = _Forwarder()
    handlers: dict[int, _Handler] = dict.fromkeys(_FORWARDED, forwarder.forward)
    handlers.update(dict.fromkeys(_CHILDS_OWN, forwarder.ignore))
    handlers[signal.SIGALRM] = forwarder.kill
    previous = {signum: signal.signal(signum, handler) for signum, handler in handlers.items()}
    try:
        yield forwarder
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_code(returncode: int) -> int:
    return returncode if returncode >= 0 else 128 - returncode


def run_session(agent: str | None, *, shell: bool) -> int:
    """Run one agent (default: the first allowed) or shell session; its exit code."""
    config = load_config(run_dir())
    slug = None if shell else config.resolve_agent(agent)
    if slug is not None:
        config.agent_argv(slug)
    with _forwarding() as forwarder:
        if forwarder.pending:  # told to end before anything ran
            return 128 + forwarder.pending[0]
        command = session_command(config, slug, os.getpid(), os.environ)
        try:
            child = subprocess.Popen(command.argv, cwd=command.cwd, env=command.env)
        except OSError as exc:
            print(f"jackin-capsule: cannot run {command.argv[0]}: {exc}", file=sys.stderr)
            return 127 if isinstance(exc, FileNotFoundError) else 126
        forwarder.started(child)
        return _exit_code(child.wait())
