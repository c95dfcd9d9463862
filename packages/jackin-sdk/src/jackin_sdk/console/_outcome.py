"""What the console hands back to its binary when the operator picks an action that
leaves the console (upstream-capsule-tui.md B1).

The console runs once per process: it either quits (None) or returns one of these; the
binary then performs it with the same SDK flows the CLI uses, and the process ends.
Stop and purge are not outcomes: they run in place while the console stays up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jackin_sdk.vocab import Agent

__all__ = ["InstanceAction", "InstanceVerb", "Launch", "Outcome", "Prewarm"]


@dataclass(frozen=True, slots=True)
class Launch:
    """Launch `role` in a workspace, as `jackin load` would, then attach.

    `workspace` is a saved workspace's name, or None for the current directory (mounted
    at the same path). `agent` None lets the launch choose (the workspace's default, the
    last one launched here, the role's first); `provider` None is the agent's default.
    """

    role: str
    workspace: str | None = None
    agent: Agent | None = None
    provider: str | None = None


class InstanceVerb(StrEnum):
    """What to do with an existing instance (B4, B6)."""

    RECONNECT = "reconnect"  # attach (restore or restart first when it is not live)
    NEW_SESSION = "new_session"  # a new agent tab in the running capsule
    SHELL = "shell"  # a new shell tab in the running capsule


@dataclass(frozen=True, slots=True)
class InstanceAction:
    """Act on the instance whose role container is `container`.

    `focus` is a capsule session id to attach to (reconnect from the session pane);
    `agent`/`provider` apply to NEW_SESSION.
    """

    container: str
    verb: InstanceVerb
    agent: Agent | None = None
    provider: str | None = None
    focus: str | None = None


@dataclass(frozen=True, slots=True)
class Prewarm:
    """Build (or refresh) the derived image of a saved workspace's default role."""

    workspace: str


Outcome = Launch | InstanceAction | Prewarm
