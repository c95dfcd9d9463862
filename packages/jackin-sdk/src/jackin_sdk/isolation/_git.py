"""Local, non-interactive git for isolated mounts, through the shared runner.

`jackin_sdk.process` runs (and hardens) every git command; failures surface as
`GitFailed`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jackin_sdk.process import GitFailed, GitOutput, scrub
from jackin_sdk.process import run_git as _run_git

__all__ = [
    "LISTING_LIMIT",
    "LOCAL_TIMEOUT",
    "SLOW_TIMEOUT",
    "GitFailed",
    "GitOutput",
    "run_git",
    "scrub",
]

LOCAL_TIMEOUT = 60.0
SLOW_TIMEOUT = 900.0
"""For commands that copy a whole tree (`clone --local`, `worktree add`)."""
LISTING_LIMIT = 1024 * 1024
"""The most stdout kept from a listing the agent can grow: `status` in a checkout it
writes, `for-each-ref` over branches it made. Past it the listing is `truncated`."""

_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": "", "GIT_OPTIONAL_LOCKS": "0"}


def run_git(
    args: Sequence[str],
    *,
    cwd: Path,
    timeout: float = LOCAL_TIMEOUT,
    check: bool = True,
    max_output: int | None = None,
) -> GitOutput:
    """Run `git <args>` in `cwd`, never prompting (see `jackin_sdk.process.run_git`);
    `max_output` bounds the stdout kept (the result says `truncated`)."""
    return _run_git(
        args,
        cwd=cwd,
        env=_ENV,
        timeout=timeout,
        check=check,
        log="isolation",
        max_output=max_output,
    )
