"""The one git runner: the `git` binary, stdin closed, bounded, scrubbed.

The role cache and per-mount isolation both run git through `run_git`. It runs the
binary as gitpython's command object did (C locale, trailing newline stripped) but
through `subprocess`: importing gitpython cost 0.23 s of every `jackin load`, for an
object that only wrapped `Popen`. Failures surface as `GitFailed`.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.debug import MASK, redact, tracer

__all__ = ["GitFailed", "GitOutput", "run_git", "scrub"]

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

    def __init__(self, command: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{command}: {reason}")
        self.command = command
        self.reason = reason
        self.status = status


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


def run_git(
    args: Sequence[str],
    *,
    cwd: Path | None,
    env: Mapping[str, str],
    timeout: float,
    check: bool = True,
    log: str = "git",
) -> GitOutput:
    """Run `git <args>` with stdin closed and a hard timeout; raise `GitFailed` on failure.

    `env` is added to the process environment; `log` names the child logger of the
    trace. With `check=False` a non-zero exit is returned rather than raised.
    """
    logger = tracer(log)
    shown = scrub(" ".join(["git", *args]))
    logger.debug("$ %s%s", shown, f"  (in {cwd})" if cwd is not None else "")
    if cwd is not None and not cwd.is_dir():
        raise GitFailed(shown, f"{cwd} is not a directory")
    environment = {**os.environ, "LANGUAGE": "C", "LC_ALL": "C", **env}
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise GitFailed(shown, "git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise GitFailed(shown, f"timed out after {timeout:g} s") from None
    except OSError as exc:
        raise GitFailed(shown, scrub(str(exc))) from None
    status = done.returncode
    stdout, stderr = done.stdout.removesuffix("\n"), done.stderr.removesuffix("\n")
    result = GitOutput(status=status, stdout=stdout, stderr=stderr)
    logger.debug("  exit %d", status)
    if stderr.strip():
        logger.debug("  stderr: %s", scrub(stderr.strip()))
    if check and not result.ok:
        raise GitFailed(shown, result.reason, status=status)
    return result
