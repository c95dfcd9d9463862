"""Start a process on a new pseudo-terminal, as the leader of its own session.

`os.fork` rather than `subprocess`: the daemon reaps every child itself (spec A2), and
`subprocess.Popen` keeps a list of unfinished children that it reaps on its own, which
would steal a session's exit status.
"""

from __future__ import annotations

import fcntl
import os
import struct
import termios
from collections.abc import Mapping, Sequence

__all__ = ["set_window_size", "spawn_on_pty"]


def set_window_size(fd: int, rows: int, cols: int) -> None:
    """Tell the terminal on `fd` its size (the kernel sends SIGWINCH to its group)."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def spawn_on_pty(
    argv: Sequence[str], env: Mapping[str, str], cwd: str, rows: int, cols: int
) -> tuple[int, int]:
    """Run `argv` on a fresh PTY of `rows`×`cols`; returns (pid, non-blocking master fd).

    The child becomes a session leader with the PTY as its controlling terminal, so
    job control, `Ctrl+C` and SIGWINCH work as in any terminal. If `exec` fails the
    child prints why on the PTY and exits 127, which the pane shows.
    """
    master, slave = os.openpty()
    set_window_size(slave, rows, cols)
    program = argv[0]
    args = list(argv)
    environment = dict(env)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, reported through the PTY
        try:
            os.close(master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for target in (0, 1, 2):
                os.dup2(slave, target)
            if slave > 2:
                os.close(slave)
            os.chdir(cwd)
            os.execvpe(program, args, environment)  # noqa: S606 - argv from agent.toml
        except BaseException as exc:
            try:
                os.write(2, f"jackin-capsule: cannot start {program}: {exc}\r\n".encode())
            finally:
                os._exit(127)
    os.close(slave)
    os.set_blocking(master, False)
    return pid, master
