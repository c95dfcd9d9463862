"""Non-interactive git for the role cache.

Commands run through the shared runner in `jackin_sdk.process._git`; failures surface
as `GitFailed`, which the cache maps into `RoleCacheError` with the role it concerns.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from jackin_sdk.process._git import GitFailed, GitOutput, scrub
from jackin_sdk.process._git import run_git as _run_git

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
    """Run `git <args>` for the role cache (see `jackin_sdk.process._git.run_git`)."""
    return _run_git(args, cwd=cwd, env=env, timeout=timeout, check=check, log="roles")


def git_dir_of(checkout: Path) -> Path:
    """The `.git` directory of the checkout at `checkout`; `GitFailed` if it is none.

    `checkout` must be the top of a working tree itself, not a folder inside another
    repository (asked of git, not gitpython: its import cost a launch 0.2 s).
    """
    refused = GitFailed(f"open {checkout}", "not a git checkout")
    if not checkout.is_dir():
        raise refused
    found = run_git(
        ["rev-parse", "--show-toplevel", "--absolute-git-dir"], cwd=checkout, env={}, check=False
    )
    lines = found.stdout.splitlines()
    if not found.ok or len(lines) < 2 or Path(lines[0]).resolve() != checkout.resolve():
        raise refused
    return Path(lines[1])
