"""Keeping the host awake while an instance runs (spec runtime §9).

The launch starts the inhibitor; the session's end, eject and purge release it. Both
sides name the same pid file through `keep_awake_pid_file`, so this module sits below
`launch` and `lifecycle` and neither imports the other for it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
from pathlib import Path

__all__ = ["keep_awake_pid_file", "release_keep_awake", "start_keep_awake"]


def keep_awake_pid_file(state_dir: Path) -> Path:
    """Where an instance's inhibitor pid is kept: `<state>/.jackin/keep-awake.pid`."""
    return state_dir / ".jackin" / "keep-awake.pid"


def _inhibitor() -> list[str] | None:
    if sys.platform == "darwin" and shutil.which("caffeinate"):
        return ["caffeinate", "-i"]
    if shutil.which("systemd-inhibit"):
        return ["systemd-inhibit", "--what=idle:sleep", "--who=jackin", "--mode=block",
                "--why=a jackin agent is running", "sleep", "infinity"]  # fmt: skip
    return None


def start_keep_awake(pid_file: Path) -> str:
    """Keep the host awake while the instance runs; returns what was done, for the operator."""
    argv = _inhibitor()
    if argv is None:
        return "keep-awake: this host has neither caffeinate nor systemd-inhibit; nothing done"
    # Spawned, not Popen'd: the inhibitor outlives this process on purpose.
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, fd) for fd in (0, 1, 2)]
        pid = os.posix_spawnp(argv[0], argv, dict(os.environ), file_actions=actions, setsid=True)
    finally:
        os.close(devnull)
    time.sleep(0.1)
    done, _ = os.waitpid(pid, os.WNOHANG)
    if done:  # it could not take the inhibitor lock (no logind, no session bus, …)
        return f"keep-awake: {argv[0]} refused to run here; nothing done"
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    pid_file.write_text(f"{pid}\n")
    return f"keep-awake: {argv[0]} holds the host awake (pid {pid})"


def release_keep_awake(pid_file: Path) -> None:
    """Stop the inhibitor `start_keep_awake` left, if any."""
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)
    pid_file.unlink(missing_ok=True)
