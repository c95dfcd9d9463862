"""Launch-time niceties: `git pull` on entry (spec runtime §9; keep-awake is `keepawake`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jackin_sdk.mounts import Mount
from jackin_sdk.process import GitFailed, run_git

__all__ = ["git_pull_mounts"]


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
