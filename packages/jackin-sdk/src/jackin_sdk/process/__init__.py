"""Running external commands with tracing, time bounds and redaction."""

from jackin_sdk.process._run import CommandError, CommandResult, run_command

__all__ = ["CommandError", "CommandResult", "run_command"]
