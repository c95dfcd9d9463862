"""Run the capsule's attach client and give the operator's terminal back, whatever happens.

The client restores the terminal itself on every way out it can see (detach, shutdown,
errors). If it is killed outright (the `docker exec` process gets SIGKILL, or Docker
fails before the client starts), nothing inside the container can: the host restores the
saved terminal settings and, after an abnormal end, writes the same reset the client
would have written (modes off, cursor shown, primary screen).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Sequence

from jackin_capsule.client import RESET

__all__ = ["TERMINAL_RESET", "run_attached"]

# The attach client's own reset plus leaving the alternate screen. This module is
# imported only to attach (`jackin_sdk.flows` imports it late), so the client's
# stdlib imports (socket, termios, select) are not on any command's start-up path.
TERMINAL_RESET = RESET + b"\x1b[?1049l"
# docker exec's own failures (125-127) and signal deaths (128+N) mean the client never
# ran its clean-up.
_ABNORMAL_FROM = 125


def run_attached(argv: Sequence[str], *, stdin_fd: int = 0, stdout_fd: int = 1) -> int:
    """Run `argv` (a `docker exec` of the attach client) on this terminal; its exit code."""
    if not os.isatty(stdin_fd):
        return subprocess.call(list(argv))
    import termios  # noqa: PLC0415 - POSIX only, and only with a terminal

    saved = termios.tcgetattr(stdin_fd)
    code = 1
    try:
        code = subprocess.call(list(argv))
    except KeyboardInterrupt:
        code = 130
    finally:
        if (code < 0 or code >= _ABNORMAL_FROM) and os.isatty(stdout_fd):
            with contextlib.suppress(OSError):
                os.write(stdout_fd, TERMINAL_RESET)
        with contextlib.suppress(termios.error):
            termios.tcsetattr(stdin_fd, termios.TCSADRAIN, saved)
    return code
