"""Agents, the auth-forwarding modes each supports (upstream-config.md §7.1), and where an
agent's binary comes from."""

from __future__ import annotations

from enum import StrEnum

from jackin_sdk.errors import UsageError

__all__ = [
    "Agent",
    "AgentSource",
    "AuthForwardMode",
    "GithubAuthMode",
    "parse_agent",
    "parse_auth_mode",
    "supported_modes",
]


class Agent(StrEnum):
    """An agent runtime, in the reference's enum order."""

    CLAUDE = "claude"
    CODEX = "codex"
    AMP = "amp"
    KIMI = "kimi"
    OPENCODE = "opencode"
    GROK = "grok"


class AgentSource(StrEnum):
    """How an agent binary gets into the image (`[install] source`)."""

    INSTALLER = "installer"
    """The vendor's install script, run inside the image build (needs its network)."""
    REGISTRY = "registry"
    """The agent's registry package, fetched once on the host and copied in."""


class AuthForwardMode(StrEnum):
    """How an agent's credentials reach the container."""

    SYNC = "sync"
    API_KEY = "api_key"
    OAUTH_TOKEN = "oauth_token"  # noqa: S105 - a mode name, not a secret
    IGNORE = "ignore"


class GithubAuthMode(StrEnum):
    """How the GitHub CLI is authenticated inside the container."""

    SYNC = "sync"
    TOKEN = "token"  # noqa: S105 - a mode name, not a secret
    IGNORE = "ignore"


def supported_modes(agent: Agent) -> tuple[AuthForwardMode, ...]:
    """The modes `agent` accepts: only Claude has `oauth_token`."""
    if agent is Agent.CLAUDE:
        return tuple(AuthForwardMode)
    return (AuthForwardMode.SYNC, AuthForwardMode.API_KEY, AuthForwardMode.IGNORE)


def parse_agent(text: str) -> Agent:
    """Parse an agent name exactly (lowercase), with the reference's error message."""
    try:
        return Agent(text)
    except ValueError:
        names = ", ".join(a.value for a in Agent)
        raise UsageError(f'unknown agent: "{text}"; supported: {names}') from None


def parse_auth_mode(text: str) -> AuthForwardMode:
    """Parse an auth-forward mode, with the reference's error message."""
    try:
        return AuthForwardMode(text)
    except ValueError:
        modes = ", ".join(m.value for m in AuthForwardMode)
        raise UsageError(f'invalid auth_forward mode "{text}"; expected one of: {modes}') from None
