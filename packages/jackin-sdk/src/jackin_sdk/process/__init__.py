"""Running external commands with tracing, time bounds and redaction; git through the one
hardened runner (gitpython, imported on the first git command only)."""

from jackin_sdk.process._git import GitFailed, GitOutput, run_git, scrub
from jackin_sdk.process._run import CommandError, CommandResult, run_command

__all__ = [
    "CommandError",
    "CommandResult",
    "GitFailed",
    "GitOutput",
    "run_command",
    "run_git",
    "scrub",
]
