"""The operator's git identity, forwarded so commits inside the container carry it."""

from __future__ import annotations

from collections.abc import Mapping

from jackin_sdk.errors import JackinError
from jackin_sdk.process import run_command

__all__ = ["git_identity"]


def git_identity(host_env: Mapping[str, str]) -> dict[str, str]:
    """`GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` from the environment or `git config`, if any."""
    found: dict[str, str] = {}
    for env_key, config_key in (
        ("GIT_AUTHOR_NAME", "user.name"),
        ("GIT_AUTHOR_EMAIL", "user.email"),
    ):
        value = host_env.get(env_key)
        if not value:
            try:
                result = run_command(
                    ["git", "config", "--get", config_key], check=False, timeout=5,
                    describe=f"read git {config_key}",
                )  # fmt: skip
            except JackinError:
                continue
            value = result.stdout.strip() if result.returncode == 0 else ""
        if value:
            found[env_key] = value
    return found
