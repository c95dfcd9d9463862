"""Launch-time niceties: `git pull` on entry and keeping the host awake (spec runtime §9)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from jackin_sdk.mounts import Mount
from jackin_sdk.process._git import GitFailed, run_git

__all__ = ["git_pull_mounts", "release_keep_awake", "start_keep_awake"]


def git_pull_mounts(mounts: Sequence[Mount]) -> list[str]:
    """`git pull --ff-only` in every mounted repository; failures are returned as warnings.

    A mounted repository may have been written by an agent, so the pull goes through
    the hardened git runner, and `--work-tree` keeps a `core.worktree` the repository
    sets from sending the checkout elsewhere on the host.
    """
    warnings: list[str] = []
    seen: set[str] = set()
    for mount in mounts:
        src = Path(mount.src)
        if mount.src in seen or not (src / ".git").exists():
            continue
        seen.add(mount.src)
        try:
            result = run_git(
                [f"--work-tree={src}", "pull", "--ff-only", "--no-rebase"],
                cwd=src, timeout=120, check=False, log="launch",
            )  # fmt: skip
        except GitFailed as exc:
            warnings.append(f"git pull in {mount.src} failed: {exc.reason}")
            continue
        if not result.ok:
            warnings.append(f"git pull in {mount.src} failed: {result.reason}")
    return warnings


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
