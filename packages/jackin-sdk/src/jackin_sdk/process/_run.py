"""The one helper through which jackin runs external commands (docker, git, op, gh …).

It traces each command and its output at debug level through the redaction filter,
bounds its time, maps failures into the jackin error tree, and refuses argv that contain
a registered secret: secrets travel through files or stdin, never through argv.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.debug import contains_secret, redact, tracer
from jackin_sdk.errors import JackinError

__all__ = ["CommandError", "CommandResult", "run_command"]

_log = tracer("process")
_MAX_TRACE_CHARS = 4000


class CommandError(JackinError):
    """An external command is missing, failed, timed out, or was given a secret in argv."""

    def __init__(self, message: str, *, result: CommandResult | None = None) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True, slots=True)
class CommandResult:
    """What a finished command returned; output is decoded text."""

    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether the command exited 0."""
        return self.returncode == 0


def _shown(argv: Sequence[str]) -> str:
    return redact(" ".join(argv))


def _trace_output(label: str, text: str) -> None:
    if not text:
        return
    if len(text) > _MAX_TRACE_CHARS:
        text = text[:_MAX_TRACE_CHARS] + f"… ({len(text)} chars)"
    _log.debug("  %s: %s", label, text.rstrip())


def run_command(
    argv: Sequence[str],
    *,
    timeout: float = 60.0,
    check: bool = True,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    input_text: str | None = None,
    describe: str | None = None,
) -> CommandResult:
    """Run `argv` (no shell) and return its result; raise `CommandError` on failure.

    `env` entries are added to the current environment. `input_text` goes to stdin, which
    is how a secret may reach a command. With `check=False` a non-zero exit is returned
    rather than raised; a missing program or a timeout always raises.
    """
    argv = tuple(argv)
    shown = _shown(argv)
    what = describe or argv[0]
    if any(contains_secret(arg) for arg in argv):
        raise CommandError(f"refusing to run {what}: its arguments contain a secret value")
    _log.debug("$ %s", shown)
    full_env = None if env is None else {**os.environ, **env}
    started = time.monotonic()
    try:
        completed = subprocess.run(
            argv,
            input=input_text,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            env=full_env,
            cwd=cwd,
            check=False,
        )
    except FileNotFoundError:
        raise CommandError(f"{what}: `{argv[0]}` is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise CommandError(f"{what}: `{shown}` did not finish within {timeout:g} s") from None
    result = CommandResult(
        argv=argv,
        returncode=completed.returncode,
        stdout=completed.stdout,
        stderr=completed.stderr,
        seconds=time.monotonic() - started,
    )
    _log.debug("  exit %d in %.0f ms", result.returncode, result.seconds * 1000)
    _trace_output("stdout", result.stdout)
    _trace_output("stderr", result.stderr)
    if check and not result.ok:
        tail = redact(result.stderr.strip().splitlines()[-1]) if result.stderr.strip() else ""
        message = f"{what}: `{shown}` exited with {result.returncode}"
        raise CommandError(f"{message}: {tail}" if tail else message, result=result)
    return result
