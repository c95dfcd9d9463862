"""What jackin needs to know about each agent runtime (spec runtime §3.3, §4.5).

This is the registry the image and launch code read; adding an agent is one entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jackin_sdk.auth import Agent

__all__ = ["AGENT_RUNTIMES", "AgentRuntime", "runtime_for"]

AGENT_HOME = "/home/agent"


@dataclass(frozen=True, slots=True)
class AgentRuntime:
    """One agent: its binary, how it is installed, and which home paths it owns."""

    agent: Agent
    binary: str
    """The command name, as found on `PATH`."""
    binary_path: str
    """Where the official installer puts it (absolute, in the image)."""
    installer_url: str
    installer_env: Mapping[str, str] = field(default_factory=dict)
    home_dirs: tuple[str, ...] = ()
    """Durable home directories, relative to `/home/agent`."""
    home_files: tuple[str, ...] = ()
    """Durable single files, relative to `/home/agent`."""
    snapshot_excludes: tuple[str, ...] = ()
    """Scratch paths dropped from the default-home snapshot, relative to `/home/agent`."""
    aliases: tuple[str, ...] = ()
    """Extra names the binary is also installed under, next to `binary_path`."""

    @property
    def bin_dir(self) -> str:
        """The directory of `binary_path`, which goes on `PATH`."""
        return self.binary_path.rsplit("/", 1)[0]


def _home(relative: str) -> str:
    return f"{AGENT_HOME}/{relative}"


AGENT_RUNTIMES: Mapping[Agent, AgentRuntime] = {
    Agent.CLAUDE: AgentRuntime(
        Agent.CLAUDE,
        "claude",
        _home(".local/bin/claude"),
        "https://claude.ai/install.sh",
        home_dirs=(".claude",),
        home_files=(".claude.json",),
        snapshot_excludes=(".claude/backups",),
    ),
    Agent.CODEX: AgentRuntime(
        Agent.CODEX,
        "codex",
        _home(".local/bin/codex"),
        "https://chatgpt.com/codex/install.sh",
        installer_env={"CODEX_NON_INTERACTIVE": "1"},
        home_dirs=(".codex",),
        snapshot_excludes=(".codex/tmp",),
    ),
    Agent.AMP: AgentRuntime(
        Agent.AMP,
        "amp",
        _home(".amp/bin/amp"),
        "https://ampcode.com/install.sh",
        home_dirs=(".local/share/amp", ".config/amp"),
    ),
    Agent.KIMI: AgentRuntime(
        Agent.KIMI,
        "kimi",
        _home(".kimi-code/bin/kimi"),
        "https://code.kimi.com/kimi-code/install.sh",
        home_dirs=(".kimi-code",),
    ),
    Agent.OPENCODE: AgentRuntime(
        Agent.OPENCODE,
        "opencode",
        _home(".opencode/bin/opencode"),
        "https://opencode.ai/install",
        home_dirs=(".local/share/opencode", ".config/opencode"),
        snapshot_excludes=(".config/opencode/opencode.json",),
    ),
    Agent.GROK: AgentRuntime(
        Agent.GROK,
        "grok",
        _home(".grok/bin/grok"),
        "https://x.ai/cli/install.sh",
        home_dirs=(".grok",),
        aliases=("agent",),
    ),
}


def runtime_for(agent: Agent) -> AgentRuntime:
    """The registry entry for `agent`."""
    return AGENT_RUNTIMES[agent]
