"""The built-in roles: always present and always trusted (upstream-config.md §2.3)."""

from __future__ import annotations

from dataclasses import replace

from jackin_sdk.config._models import AppConfig, RoleSource

__all__ = ["BUILTIN_ROLES", "with_builtin_roles"]

BUILTIN_ROLES: dict[str, str] = {
    "agent-smith": "https://github.com/jackin-project/jackin-agent-smith.git",
    "the-architect": "https://github.com/jackin-project/jackin-the-architect.git",
}


def with_builtin_roles(app: AppConfig) -> AppConfig:
    """`app` with the built-ins re-synced: URL and trust forced, their env kept."""
    roles = dict(app.roles)
    for key, url in BUILTIN_ROLES.items():
        existing = roles.get(key)
        env = existing.env if existing is not None else {}
        roles[key] = RoleSource(git=url, trusted=True, env=env)
    return replace(app, roles=roles)
