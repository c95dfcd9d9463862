"""The built-in roles (`jackin_sdk.vocab.BUILTIN_ROLES`) in config.toml's model."""

from __future__ import annotations

from jackin_sdk.config._models import AppConfig, RoleSource
from jackin_sdk.vocab import BUILTIN_ROLES

__all__ = ["BUILTIN_ROLES", "with_builtin_roles"]


def with_builtin_roles(app: AppConfig) -> AppConfig:
    """`app` with the built-ins re-synced: URL and trust forced, their env kept."""
    roles = dict(app.roles)
    for key, url in BUILTIN_ROLES.items():
        existing = roles.get(key)
        env = existing.env if existing is not None else {}
        roles[key] = RoleSource(git=url, trusted=True, env=env)
    return app.model_copy(update={"roles": roles})
