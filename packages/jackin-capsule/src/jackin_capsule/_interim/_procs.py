"""Process probes and signals for session pids (Linux `/proc` when there is one)."""

from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["namespace_started", "pid_alive", "signal_session"]


def _stat_fields(pid: int) -> list[bytes] | None:
    """The fields of `/proc/<pid>/stat` after the command name (state first), or None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    return raw[raw.rindex(b")") + 2 :].split()


def pid_alive(pid: int) -> bool:
    """Whether `pid` is a running process (a zombie counts as ended)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    fields = _stat_fields(pid)
    return fields is None or fields[0] not in {b"Z", b"X"}


def namespace_started() -> float | None:
    """Wall-clock start (epoch seconds) of this pid namespace's PID 1, or None.

    Measured now, as an age against the boot clock, so later wall-clock jumps do not
    matter. In the container PID 1 is the capsule itself: nothing registered before
    this moment can belong to a process of this container run.
    """
    fields = _stat_fields(1)
    if fields is None or not hasattr(time, "CLOCK_BOOTTIME"):
        return None
    age = time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    return time.time() - age


def signal_session(pid: int, signum: int) -> None:
    """Send `signum` to a session: its whole process group when it leads one.

    A process that shares its group with others (for example with whoever started it
    outside a container) only gets the signal itself; our own group is never signalled.
    """
    try:
        if os.getpgid(pid) == pid and pid != os.getpgrp():
            os.killpg(pid, signum)
        else:
            os.kill(pid, signum)
    except (ProcessLookupError, PermissionError):
        pass
