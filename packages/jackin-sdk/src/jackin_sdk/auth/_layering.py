"""Which auth mode applies for (workspace × role × agent), and which env key it needs.

First layer that has the agent's table wins: `workspace.roles[role].<agent>` →
`workspace.<agent>` → global `<agent>` → `sync` (upstream-config.md §7.1). `sync_source_dir`
resolves through the same layers independently. GitHub follows the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jackin_sdk.vocab import Agent, AuthForwardMode, GithubAuthMode

if TYPE_CHECKING:
    from jackin_sdk.config import AppConfig, WorkspaceConfig

__all__ = [
    "CREDENTIAL_ENV_KEYS",
    "AgentAuth",
    "GithubAuth",
    "credential_env_key",
    "resolve_agent_auth",
    "resolve_github_auth",
]

#: The operator env key each (agent, mode) needs; absent pairs need none.
CREDENTIAL_ENV_KEYS: dict[tuple[Agent, AuthForwardMode], str] = {
    (Agent.CLAUDE, AuthForwardMode.API_KEY): "ANTHROPIC_API_KEY",
    (Agent.CLAUDE, AuthForwardMode.OAUTH_TOKEN): "CLAUDE_CODE_OAUTH_TOKEN",
    (Agent.CODEX, AuthForwardMode.API_KEY): "OPENAI_API_KEY",
    (Agent.AMP, AuthForwardMode.API_KEY): "AMP_API_KEY",
    (Agent.KIMI, AuthForwardMode.API_KEY): "KIMI_API_KEY",
    (Agent.OPENCODE, AuthForwardMode.API_KEY): "OPENCODE_API_KEY",
    (Agent.GROK, AuthForwardMode.API_KEY): "XAI_API_KEY",
}


def credential_env_key(agent: Agent, mode: AuthForwardMode) -> str | None:
    """The env key `agent` reads its credential from in `mode`, if any."""
    return CREDENTIAL_ENV_KEYS.get((agent, mode))


@dataclass(frozen=True, slots=True)
class AgentAuth:
    """The resolved auth of one agent, with the per-layer trace for error messages."""

    agent: Agent
    mode: AuthForwardMode
    sync_source_dir: str | None
    trace: tuple[tuple[str, AuthForwardMode | None], ...]

    @property
    def env_key(self) -> str | None:
        """The operator env key this mode needs (`ANTHROPIC_API_KEY`, …), if any."""
        return credential_env_key(self.agent, self.mode)


@dataclass(frozen=True, slots=True)
class GithubAuth:
    """The resolved GitHub CLI auth mode with its trace."""

    mode: GithubAuthMode
    trace: tuple[tuple[str, GithubAuthMode | None], ...]


def resolve_agent_auth(
    app: AppConfig,
    workspace: WorkspaceConfig | None,
    role_key: str | None,
    agent: Agent,
    *,
    workspace_name: str = "workspace",
) -> AgentAuth:
    """The auth mode, sync source and env key for `agent` in this workspace and role."""
    layers: list[tuple[str, object]] = []
    if workspace is not None:
        override = workspace.roles.get(role_key) if role_key else None
        if role_key:
            label = f"{workspace_name} × {role_key} × {agent}"
            layers.append((label, override.agent_auth(agent) if override else None))
        layers.append((f"{workspace_name} × {agent}", workspace.agent_auth(agent)))
    layers.append((f"global × {agent}", app.agent_auth(agent)))

    mode: AuthForwardMode | None = None
    source_dir: str | None = None
    trace: list[tuple[str, AuthForwardMode | None]] = []
    for label, table in layers:
        table_mode = getattr(table, "auth_forward", None)
        trace.append((label, table_mode))
        if mode is None and table_mode is not None:
            mode = table_mode
        if source_dir is None:
            source_dir = getattr(table, "sync_source_dir", None)
    return AgentAuth(agent, mode or AuthForwardMode.SYNC, source_dir, tuple(trace))


def resolve_github_auth(
    app: AppConfig,
    workspace: WorkspaceConfig | None,
    role_key: str | None,
    *,
    workspace_name: str = "workspace",
) -> GithubAuth:
    """The GitHub CLI mode for this workspace and role."""
    layers: list[tuple[str, object]] = []
    if workspace is not None:
        if role_key:
            override = workspace.roles.get(role_key)
            layers.append((f"{workspace_name} × {role_key} × github", override and override.github))
        layers.append((f"{workspace_name} × github", workspace.github))
    layers.append(("global × github", app.github))
    trace = [(label, getattr(table, "auth_forward", None)) for label, table in layers]
    mode = next((m for _, m in trace if m is not None), GithubAuthMode.SYNC)
    return GithubAuth(mode, tuple(trace))
