"""The `JACKIN_*` settings every command may need before anything heavy is imported.

`jackin_sdk.settings.JackinSettings` (pydantic-settings) is the one documented source of
every `JACKIN_*` setting, and parses each value with the functions below. This module
reads the three a command needs at start-up, where importing pydantic would cost more
than the command itself (`--version`, help, `status`): `JACKIN_DEBUG`, and the roots
`JACKIN_CONFIG_DIR` and `JACKIN_HOME_DIR`. It imports nothing beyond `os`;
tests/sdk/settings/test_settings.py checks that both readers agree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "CONFIG_DIR_ENV",
    "DEBUG_ENV",
    "HOME_DIR_ENV",
    "env_flag",
    "env_root",
    "env_text",
    "is_debug_enabled",
    "root_from_env",
]

DEBUG_ENV = "JACKIN_DEBUG"
CONFIG_DIR_ENV = "JACKIN_CONFIG_DIR"
HOME_DIR_ENV = "JACKIN_HOME_DIR"
_FALSEY = frozenset({"", "0", "n", "no", "f", "false", "off"})


def env_flag(value: str | None) -> bool:
    """Whether an env value means "on": unset, empty, 0, n, no, f, false and off are off
    (the reference's clap falsey parser); anything else is on."""
    return value is not None and value.strip().lower() not in _FALSEY


def env_text(value: str | None) -> str | None:
    """An env value without surrounding blanks; None when unset or blank."""
    stripped = value.strip() if value is not None else ""
    return stripped or None


def env_root(value: str | None) -> Path | None:
    """A root directory from the environment: `~` expanded, made absolute; None when
    unset or empty. A `~user` with no such user stays as written, as in a shell."""
    return Path(os.path.expanduser(value)).absolute() if value else None  # noqa: PTH111


def is_debug_enabled(env: Mapping[str, str] | None = None) -> bool:
    """Whether `JACKIN_DEBUG` asks for debug mode."""
    env = os.environ if env is None else env
    return env_flag(env.get(DEBUG_ENV))


def root_from_env(env: Mapping[str, str], name: str, default: Path) -> Path:
    """`JACKIN_CONFIG_DIR` or `JACKIN_HOME_DIR` from `env`, else `default`."""
    return env_root(env.get(name)) or default
