"""Whether this terminal can host the console (upstream-capsule-tui.md B1).

The console needs an interactive terminal on both ends, a terminal that draws
(`TERM=dumb` does not), no CI, and at least 80×24. Bare `jackin` falls back to its help
when any of these is missing; `jackin console` says which one and exits 1.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass

from jackin_sdk._env import env_flag

__all__ = ["MIN_COLUMNS", "MIN_ROWS", "TerminalFacts", "console_refusal"]

MIN_COLUMNS = 80
MIN_ROWS = 24


@dataclass(frozen=True, slots=True)
class TerminalFacts:
    """What the gate looks at; `here()` reads them from this process."""

    stdin_tty: bool
    stdout_tty: bool
    columns: int
    rows: int
    env: Mapping[str, str]

    @classmethod
    def here(cls) -> TerminalFacts:
        """This process's standard streams, terminal size and environment."""
        size = shutil.get_terminal_size(fallback=(0, 0))
        return cls(
            stdin_tty=os.isatty(0),
            stdout_tty=os.isatty(1),
            columns=size.columns,
            rows=size.lines,
            env=os.environ,
        )


def console_refusal(facts: TerminalFacts | None = None) -> str | None:
    """Why the console cannot open on this terminal, or None when it can."""
    facts = TerminalFacts.here() if facts is None else facts
    if not (facts.stdin_tty and facts.stdout_tty):
        return "stdin and stdout must be a terminal"
    if facts.env.get("TERM", "") in {"", "dumb"}:
        return "the terminal cannot draw (TERM is dumb or unset)"
    if env_flag(facts.env.get("CI")):
        return "CI is set"
    if facts.columns < MIN_COLUMNS or facts.rows < MIN_ROWS:
        return (
            f"the terminal is {facts.columns}x{facts.rows}; "
            f"the console needs at least {MIN_COLUMNS}x{MIN_ROWS}"
        )
    return None
