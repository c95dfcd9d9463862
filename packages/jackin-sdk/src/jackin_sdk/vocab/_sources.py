"""Where a role comes from and whether it is trusted (upstream-config.md §2.3, §4.6, §8).

`resolve_role_source` reads the `[roles.<key>]` tables of config.toml through a protocol,
so the config models (which use this vocabulary) stay above it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from jackin_sdk.vocab._selector import RoleSelector

__all__ = [
    "BUILTIN_ROLES",
    "DEFAULT_NAMESPACE",
    "RoleSource",
    "resolve_role_source",
    "synthesized_git_url",
]

#: The built-in roles: always present and always trusted (upstream-config.md §2.3).
BUILTIN_ROLES: dict[str, str] = {
    "agent-smith": "https://github.com/jackin-project/jackin-agent-smith.git",
    "the-architect": "https://github.com/jackin-project/jackin-the-architect.git",
}

#: Bare names that are not configured resolve here, as the reference's docs describe
#: (its code errors instead; see docs/decisions.md).
DEFAULT_NAMESPACE = "jackin-project"


def synthesized_git_url(selector: RoleSelector) -> str:
    """`https://github.com/<ns>/jackin-<name>.git` (name kept if it starts `jackin-`)."""
    namespace = selector.namespace or DEFAULT_NAMESPACE
    repo = selector.name if selector.name.startswith("jackin-") else f"jackin-{selector.name}"
    return f"https://github.com/{namespace}/{repo}.git"


@dataclass(frozen=True, slots=True)
class RoleSource:
    """A resolved role source."""

    selector: RoleSelector
    git: str
    trusted: bool
    configured: bool
    builtin: bool


class _ConfiguredRole(Protocol):
    """A `[roles.<key>]` table of config.toml (`jackin_sdk.config.RoleSource`)."""

    @property
    def git(self) -> str: ...

    @property
    def trusted(self) -> bool: ...


class _RoleTables(Protocol):
    """config.toml's model (`jackin_sdk.config.AppConfig`), as far as sources go."""

    @property
    def roles(self) -> Mapping[str, _ConfiguredRole]: ...


def resolve_role_source(app: _RoleTables, selector: RoleSelector) -> RoleSource:
    """The configured source for `selector`, or a synthesized untrusted one."""
    key = selector.key
    builtin = key in BUILTIN_ROLES
    configured = app.roles.get(key)
    if configured is not None:
        return RoleSource(selector, configured.git, configured.trusted or builtin, True, builtin)
    if builtin:
        return RoleSource(selector, BUILTIN_ROLES[key], True, False, True)
    return RoleSource(selector, synthesized_git_url(selector), False, False, False)
