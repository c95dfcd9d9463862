"""Agent runtimes: binaries, installers and durable home paths of each agent."""

from jackin_sdk.agents._runtime import AGENT_RUNTIMES, AgentRuntime, runtime_for

__all__ = ["AGENT_RUNTIMES", "AgentRuntime", "runtime_for"]
