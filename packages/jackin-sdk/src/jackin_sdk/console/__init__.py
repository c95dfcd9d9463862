"""The console's SDK side: when it may open, and what it hands back to its binary."""

from jackin_sdk.console._gate import (
    MIN_COLUMNS,
    MIN_ROWS,
    TerminalFacts,
    console_refusal,
)
from jackin_sdk.console._outcome import (
    InstanceAction,
    InstanceVerb,
    Launch,
    Outcome,
    Prewarm,
)

__all__ = [
    "MIN_COLUMNS",
    "MIN_ROWS",
    "InstanceAction",
    "InstanceVerb",
    "Launch",
    "Outcome",
    "Prewarm",
    "TerminalFacts",
    "console_refusal",
]
