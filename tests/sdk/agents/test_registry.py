"""The SDK's agent registry composes the capsule's: one record of each agent's home."""

from __future__ import annotations

from jackin_capsule.contract import AGENT_HOMES
from jackin_sdk.agents import AGENT_RUNTIMES
from jackin_sdk.auth import Agent
from jackin_sdk.credentials import HANDOFF_SLOTS


def test_every_agent_has_one_home_record_both_sides_read() -> None:
    assert set(AGENT_HOMES) == {agent.value for agent in Agent}
    assert set(AGENT_RUNTIMES) == set(Agent)
    for agent, runtime in AGENT_RUNTIMES.items():
        home = AGENT_HOMES[agent.value]
        assert runtime.home is home
        assert (runtime.home_dirs, runtime.home_files) == (home.home_dirs, home.home_files)
        assert HANDOFF_SLOTS[agent] is home.slot
