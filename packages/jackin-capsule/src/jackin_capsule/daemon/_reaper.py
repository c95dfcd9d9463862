"""Reaping children as PID 1 without stealing a session's exit status (spec A2).

The daemon is single-threaded: SIGCHLD only wakes its loop, and this function runs
there. It peeks at each exited child (`WNOWAIT`), reaps it, and hands the status of
every child to `on_exit`; the daemon keeps the ones that are sessions and ignores
orphans that were re-parented to PID 1. Because the peek and the reap happen in the
same thread that owns the sessions, no session status can be lost to a blind
`waitpid(-1)`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

__all__ = ["reap_children"]


def reap_children(on_exit: Callable[[int, int], None]) -> int:
    """Reap every exited child, calling `on_exit(pid, exit_code)`; returns how many."""
    reaped = 0
    while True:
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return reaped
        if info is None or info.si_pid == 0:
            return reaped
        try:
            _, status = os.waitpid(info.si_pid, 0)
        except ChildProcessError:
            continue
        reaped += 1
        on_exit(info.si_pid, os.waitstatus_to_exitcode(status))
