"""A pane's state from its output activity (spec A5 roll-up, D1: "simple heuristics").

Until agent hooks report real states, the capsule judges by output: a pane that printed
in the last two seconds is `working`; one that went quiet after output nobody has looked
at is `done`; a quiet pane the operator has seen is `idle`; a pane that never printed is
`unknown`. `blocked` needs the agent's own report and is never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from jackin_capsule.protocol import AgentState

__all__ = ["QUIET_AFTER", "PaneActivity", "roll_up"]

QUIET_AFTER = 2.0
_PRECEDENCE: tuple[AgentState, ...] = ("blocked", "done", "working", "idle", "unknown")


class PaneActivity:
    """When a pane last printed, and whether the operator has seen it since."""

    __slots__ = ("last_output", "unseen")

    def __init__(self) -> None:
        self.last_output: float | None = None
        self.unseen = False

    def printed(self, now: float, *, watched: bool) -> None:
        """Output arrived; `watched` when it is the focused pane of an attached client."""
        self.last_output = now
        if not watched:
            self.unseen = True

    def seen(self) -> None:
        """The operator looks at the pane (focused with a client attached)."""
        self.unseen = False

    def state(self, now: float) -> AgentState:
        """`working`, `done`, `idle` or `unknown`."""
        if self.last_output is None:
            return "unknown"
        if now - self.last_output < QUIET_AFTER:
            return "working"
        return "done" if self.unseen else "idle"


def roll_up(states: Iterable[AgentState]) -> AgentState:
    """A tab's state from its panes': blocked > done > working > idle > unknown."""
    found = set(states)
    return next((state for state in _PRECEDENCE if state in found), "unknown")
