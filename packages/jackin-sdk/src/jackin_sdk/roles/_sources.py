"""Where a role comes from and whether it is trusted (upstream-config.md §4.6, §8)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jackin_sdk.roles._selector import RoleSelector

if TYPE_CHECKING:
    from jackin_sdk.config import AppConfig

__all__ = ["DEFAULT_NAMESPACE", "RoleSource", "resolve_role_source", "synthesized_git_url"]

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


def resolve_role_source(app: AppConfig, selector: RoleSelector) -> RoleSource:
    """The configured source for `selector`, or a synthesized untrusted one."""
    from jackin_sdk.config import BUILTIN_ROLES  # noqa: PLC0415 - config imports roles lazily

    key = selector.key
    builtin = key in BUILTIN_ROLES
    configured = app.roles.get(key)
    if configured is not None:
        return RoleSource(selector, configured.git, configured.trusted or builtin, True, builtin)
    if builtin:
        return RoleSource(selector, BUILTIN_ROLES[key], True, False, True)
    return RoleSource(selector, synthesized_git_url(selector), False, False, False)
