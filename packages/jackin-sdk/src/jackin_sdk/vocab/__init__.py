"""The shared vocabulary: agents, auth-forward modes, install sources, role selectors,
alternative providers.

Config, roles, auth, agents and the launch all speak these words; this package sits
below every one of them and imports only `errors`, so none of them has to import another
to name an agent or a role (no import cycles: tests/packaging/test_layout.py).
"""

from jackin_sdk.vocab._agents import (
    Agent,
    AgentSource,
    AuthForwardMode,
    GithubAuthMode,
    parse_agent,
    parse_auth_mode,
    supported_modes,
)
from jackin_sdk.vocab._providers import PROVIDERS, check_provider
from jackin_sdk.vocab._selector import RoleSelector
from jackin_sdk.vocab._sources import (
    BUILTIN_ROLES,
    DEFAULT_NAMESPACE,
    RoleSource,
    resolve_role_source,
    synthesized_git_url,
)

__all__ = [
    "BUILTIN_ROLES",
    "DEFAULT_NAMESPACE",
    "PROVIDERS",
    "Agent",
    "AgentSource",
    "AuthForwardMode",
    "GithubAuthMode",
    "RoleSelector",
    "RoleSource",
    "check_provider",
    "parse_agent",
    "parse_auth_mode",
    "resolve_role_source",
    "supported_modes",
    "synthesized_git_url",
]
