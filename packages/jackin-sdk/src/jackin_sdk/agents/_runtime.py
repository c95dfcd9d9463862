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
    full_speed: tuple[str, ...] = ()
    """The launch command with the flags that skip every permission prompt (§4.5)."""
    model_flag: str | None = None
    """How a model is chosen on the command line (`--model`, `-m`), if at all."""

    def launch_argv(self, model: str | None = None) -> tuple[str, ...]:
        """The argv a session runs: full-speed mode, plus the model when one is set."""
        argv = self.full_speed or (self.binary,)
        if model and self.model_flag:
            argv = (*argv, self.model_flag, model)
        return argv

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
        full_speed=(
            "claude",
            "--settings",
            '{"skipDangerousModePermissionPrompt":true}',
            "--dangerously-skip-permissions",
            "--verbose",
        ),
        model_flag="--model",
    ),
    Agent.CODEX: AgentRuntime(
        Agent.CODEX,
        "codex",
        _home(".local/bin/codex"),
        "https://chatgpt.com/codex/install.sh",
        installer_env={"CODEX_NON_INTERACTIVE": "1"},
        home_dirs=(".codex",),
        snapshot_excludes=(".codex/tmp",),
        full_speed=("codex", "--enable", "goals", "--dangerously-bypass-approvals-and-sandbox"),
        model_flag="-m",
    ),
    Agent.AMP: AgentRuntime(
        Agent.AMP,
        "amp",
        _home(".amp/bin/amp"),
        "https://ampcode.com/install.sh",
        home_dirs=(".local/share/amp", ".config/amp"),
        full_speed=("amp", "--dangerously-allow-all"),
    ),
    Agent.KIMI: AgentRuntime(
        Agent.KIMI,
        "kimi",
        _home(".kimi-code/bin/kimi"),
        "https://code.kimi.com/kimi-code/install.sh",
        home_dirs=(".kimi-code",),
        full_speed=("kimi", "--yolo"),
        model_flag="--model",
    ),
    Agent.OPENCODE: AgentRuntime(
        Agent.OPENCODE,
        "opencode",
        _home(".opencode/bin/opencode"),
        "https://opencode.ai/install",
        home_dirs=(".local/share/opencode", ".config/opencode"),
        snapshot_excludes=(".config/opencode/opencode.json",),
        full_speed=("env", 'OPENCODE_CONFIG_CONTENT={"permission":"allow"}', "opencode"),
        model_flag="-m",
    ),
    Agent.GROK: AgentRuntime(
        Agent.GROK,
        "grok",
        _home(".grok/bin/grok"),
        "https://x.ai/cli/install.sh",
        home_dirs=(".grok",),
        aliases=("agent",),
        full_speed=("grok", "--always-approve"),
        model_flag="-m",
    ),
}


def runtime_for(agent: Agent) -> AgentRuntime:
    """The registry entry for `agent`."""
    return AGENT_RUNTIMES[agent]
