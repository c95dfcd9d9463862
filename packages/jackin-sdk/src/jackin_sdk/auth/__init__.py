"""Which auth mode applies per (workspace × role × agent), and the env key it needs.

The words themselves (agents, auth-forward modes) live in `jackin_sdk.vocab`, below the
config models; they are re-exported here for callers that already import them from auth.
"""

from jackin_sdk.auth._layering import (
    CREDENTIAL_ENV_KEYS,
    AgentAuth,
    GithubAuth,
    credential_env_key,
    resolve_agent_auth,
    resolve_github_auth,
)
from jackin_sdk.vocab import (
    Agent,
    AuthForwardMode,
    GithubAuthMode,
    parse_agent,
    parse_auth_mode,
    supported_modes,
)

__all__ = [
    "CREDENTIAL_ENV_KEYS",
    "Agent",
    "AgentAuth",
    "AuthForwardMode",
    "GithubAuth",
    "GithubAuthMode",
    "credential_env_key",
    "parse_agent",
    "parse_auth_mode",
    "resolve_agent_auth",
    "resolve_github_auth",
    "supported_modes",
]
