"""The operator's git identity, forwarded so commits inside the container carry it."""

from __future__ import annotations

from collections.abc import Mapping

from jackin_sdk.process import GitFailed, run_git

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
                result = run_git(
                    ["config", "--get", config_key], cwd=None, timeout=5, check=False, log="launch"
                )
            except GitFailed:
                continue
            value = result.stdout.strip() if result.ok else ""
        if value:
            found[env_key] = value
    return found
