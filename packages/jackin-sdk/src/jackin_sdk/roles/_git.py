"""Non-interactive git for the role cache, run through gitpython's command objects.

gitpython is imported inside the functions that use it: it is heavy and must stay off
the CLI's start-up paths. No gitpython exception leaves this module; failures surface as
`GitFailed`, which the cache maps into `RoleCacheError` with the role it concerns.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.debug import LOGGER_NAME, MASK, redact

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

_log = logging.getLogger(f"{LOGGER_NAME}.roles")

CLONE_TIMEOUT = 300.0
FETCH_TIMEOUT = 120.0
LOCAL_TIMEOUT = 60.0

_NONINTERACTIVE = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GCM_INTERACTIVE": "never",
}
_USERINFO = re.compile(
    r"(?P<scheme>\b[a-z][a-z0-9+.-]*://)(?P<user>[^/@\s:]*)(?P<password>:[^/@\s]*)?@",
    re.IGNORECASE,
)


def _mask_userinfo(match: re.Match[str]) -> str:
    scheme, user = match["scheme"], match["user"]
    if match["password"] is not None:
        return f"{scheme}{user}:{MASK}@"
    if scheme.lower().startswith("http"):
        return f"{scheme}{MASK}@"  # a bare https user is usually a token
    return match[0]


def scrub(text: str) -> str:
    """`text` with credentials in URLs masked, then through `redact`."""
    return redact(_USERINFO.sub(_mask_userinfo, text))


class GitFailed(Exception):
    """A git command failed, timed out or could not start; `reason` is safe to show."""

    def __init__(self, command: str, reason: str) -> None:
        super().__init__(f"{command}: {reason}")
        self.command = command
        self.reason = reason


@dataclass(frozen=True, slots=True)
class GitOutput:
    """What a finished git command returned."""

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


def _batch_ssh_command(environ: Mapping[str, str], configured: str | None) -> str | None:
    # git's own order: GIT_SSH_COMMAND, core.sshCommand, GIT_SSH, then plain ssh.
    command = environ.get("GIT_SSH_COMMAND") or configured
    if command:
        return command if "batchmode" in command.lower() else f"{command} -o BatchMode=yes"
    if environ.get("GIT_SSH"):
        return None  # a program rather than a command line: nothing can be appended
    return "ssh -o BatchMode=yes"


def noninteractive_env(ssh_command: str | None = None) -> dict[str, str]:
    """Variables that keep git, credential helpers and ssh from prompting.

    `ssh_command` is the `core.sshCommand` setting, if any, so that adding BatchMode
    through `GIT_SSH_COMMAND` does not silently replace the operator's ssh command.
    """
    env = dict(_NONINTERACTIVE)
    ssh = _batch_ssh_command(os.environ, ssh_command)
    if ssh is not None:
        env["GIT_SSH_COMMAND"] = ssh
    return env


def run_git(
    args: Sequence[str],
    *,
    cwd: Path | None,
    env: Mapping[str, str],
    timeout: float = LOCAL_TIMEOUT,
    check: bool = True,
) -> GitOutput:
    """Run `git <args>` with stdin closed and a hard timeout; raise `GitFailed` on failure.

    `env` is added to the process environment. With `check=False` a non-zero exit is
    returned rather than raised.
    """
    shown = scrub(" ".join(["git", *args]))
    _log.debug("$ %s%s", shown, f"  (in {cwd})" if cwd is not None else "")
    if cwd is not None and not cwd.is_dir():  # gitpython would fall back to the process cwd
        raise GitFailed(shown, f"{cwd} is not a directory")
    try:
        from git import Git  # noqa: PLC0415 - gitpython is heavy; keep it off start-up
        from git.exc import GitError  # noqa: PLC0415

        status, stdout, stderr = Git(cwd).execute(
            ["git", *args],
            with_extended_output=True,
            with_exceptions=False,
            kill_after_timeout=timeout,
            env=dict(env),
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
        raise GitFailed(shown, result.reason)
    return result


def git_dir_of(checkout: Path) -> Path:
    """The `.git` directory of the checkout at `checkout`; `GitFailed` if it is none."""
    try:
        from git import Repo  # noqa: PLC0415 - gitpython is heavy; keep it off start-up
        from git.exc import InvalidGitRepositoryError, NoSuchPathError  # noqa: PLC0415
    except ImportError as exc:
        raise GitFailed("git", f"git is not installed or not on PATH ({exc})") from None
    try:
        with Repo(checkout) as repo:
            return Path(repo.git_dir)
    except (InvalidGitRepositoryError, NoSuchPathError):
        raise GitFailed(f"open {checkout}", "not a git checkout") from None
