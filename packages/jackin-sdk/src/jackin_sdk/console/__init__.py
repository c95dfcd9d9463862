"""When the console may open: the one rule every front end asks."""

from jackin_sdk.console._gate import (
    MIN_COLUMNS,
    MIN_ROWS,
    TerminalFacts,
    console_refusal,
)

__all__ = ["MIN_COLUMNS", "MIN_ROWS", "TerminalFacts", "console_refusal"]
