"""Non-interactive git for the role cache.

Commands run through the shared runner in `jackin_sdk.process` (which keeps the
operator's own ssh command and adds `BatchMode`); failures surface as `GitFailed`,
which the cache maps into `RoleCacheError` with the role it concerns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from jackin_sdk.process import GitFailed, GitOutput, scrub
from jackin_sdk.process import run_git as _run_git

__all__ = [
    "CLONE_TIMEOUT",
    "FETCH_TIMEOUT",
    "LOCAL_TIMEOUT",
    "GitFailed",
    "GitOutput",
    "git_dir_of",
    "noninteractive_env",
    "run_git",
    "scrub",
]

CLONE_TIMEOUT = 300.0
FETCH_TIMEOUT = 120.0
LOCAL_TIMEOUT = 60.0

_NONINTERACTIVE = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GCM_INTERACTIVE": "never",
}


def noninteractive_env() -> dict[str, str]:
    """Variables that keep git and credential helpers from prompting."""
    return dict(_NONINTERACTIVE)


def run_git(
    args: Sequence[str],
    *,
    cwd: Path | None,
    env: Mapping[str, str] | None = None,
    timeout: float = LOCAL_TIMEOUT,
    check: bool = True,
) -> GitOutput:
    """Run `git <args>` for the role cache, never prompting (ssh in batch mode)."""
    return _run_git(
        args,
        cwd=cwd,
        env=noninteractive_env() if env is None else env,
        timeout=timeout,
        check=check,
        log="roles",
        ssh_batch=True,
    )


def git_dir_of(checkout: Path) -> Path:
    """The `.git` directory of the checkout at `checkout`; `GitFailed` if it is none.

    `checkout` must be the top of a working tree itself, not a folder inside another
    repository.
    """
    refused = GitFailed(f"open {checkout}", "not a git checkout")
    if not checkout.is_dir():
        raise refused
    found = run_git(
        ["rev-parse", "--show-toplevel", "--absolute-git-dir"], cwd=checkout, check=False
    )
    lines = found.stdout.splitlines()
    if not found.ok or len(lines) < 2 or Path(lines[0]).resolve() != checkout.resolve():
        raise refused
    return Path(lines[1])
