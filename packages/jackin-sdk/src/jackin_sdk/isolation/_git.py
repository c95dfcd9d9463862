"""Local, non-interactive git for isolated mounts, run through gitpython's command object.

gitpython is imported inside `run_git`: it is heavy and must stay off start-up paths.
No gitpython exception leaves this module; failures surface as `GitFailed`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.debug import LOGGER_NAME, MASK, redact

__all__ = ["LOCAL_TIMEOUT", "SLOW_TIMEOUT", "GitFailed", "GitOutput", "run_git", "scrub"]

_log = logging.getLogger(f"{LOGGER_NAME}.isolation")

LOCAL_TIMEOUT = 60.0
SLOW_TIMEOUT = 900.0
"""For commands that copy a whole tree (`clone --local`, `worktree add`)."""

_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": "", "GIT_OPTIONAL_LOCKS": "0"}
_USERINFO = re.compile(r"(?P<scheme>\b[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)


def scrub(text: str) -> str:
    """`text` with URL credentials masked, then through `redact`."""
    return redact(_USERINFO.sub(lambda m: f"{m['scheme']}{MASK}@", text))


class GitFailed(Exception):
    """A git command failed, timed out or could not start; `reason` is safe to show."""

    def __init__(self, command: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{command}: {reason}")
        self.command = command
        self.reason = reason
        self.status = status


@dataclass(frozen=True, slots=True)
class GitOutput:
    """What a finished git command returned (stdout without its trailing newline)."""

    status: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        """Whether git exited 0."""
        return self.status == 0

    @property
    def reason(self) -> str:
        """The last line of stderr (scrubbed), or the exit status when stderr is empty."""
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        return scrub(lines[-1]) if lines else f"git exited with status {self.status}"


def run_git(
    args: Sequence[str], *, cwd: Path, timeout: float = LOCAL_TIMEOUT, check: bool = True
) -> GitOutput:
    """Run `git <args>` in `cwd` with stdin closed; raise `GitFailed` on failure.

    With `check=False` a non-zero exit is returned rather than raised. Output is in the
    C locale, so callers may match git's English messages.
    """
    shown = scrub(" ".join(["git", *args]))
    _log.debug("$ %s  (in %s)", shown, cwd)
    if not cwd.is_dir():  # gitpython would silently fall back to the process cwd
        raise GitFailed(shown, f"{cwd} is not a directory")
    try:
        from git import Git  # noqa: PLC0415 - gitpython is heavy; keep it off start-up
        from git.exc import GitError  # noqa: PLC0415

        status, stdout, stderr = Git(cwd).execute(
            ["git", *args],
            with_extended_output=True,
            with_exceptions=False,
            kill_after_timeout=timeout,
            env=dict(_ENV),
        )
    except ImportError as exc:  # gitpython refuses to import when git is missing
        raise GitFailed(shown, f"git is not installed or not on PATH ({exc})") from None
    except GitError as exc:
        lines = str(exc).strip().splitlines()
        raise GitFailed(shown, scrub(lines[-1].strip() if lines else type(exc).__name__)) from None
    result = GitOutput(status=status, stdout=stdout, stderr=stderr)
    _log.debug("  exit %d", status)
    if stderr.strip():
        _log.debug("  stderr: %s", scrub(stderr.strip()))
    if check and not result.ok:
        raise GitFailed(shown, result.reason, status=status)
    return result
