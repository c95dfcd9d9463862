"""Where each agent's credentials live on the host and in the hand-off (upstream-config §7.3).

The layout is the capsule's (`jackin_capsule.contract`: `HandoffSlot`, `HandoffFile`), so
what the host leaves in a slot is what the capsule's runtime-setup picks up.
"""

from __future__ import annotations

from collections.abc import Mapping

from jackin_capsule.contract import AGENT_HOMES, HandoffFile, HandoffSlot
from jackin_sdk.auth import Agent

__all__ = ["HANDOFF_SLOTS", "HandoffFile", "HandoffSlot"]

HANDOFF_SLOTS: Mapping[Agent, HandoffSlot] = {
    agent: AGENT_HOMES[agent.value].slot for agent in Agent
}
"""Each agent's hand-off slot: `<state>/<slot.name>/` on the host, `slot.target` inside."""
