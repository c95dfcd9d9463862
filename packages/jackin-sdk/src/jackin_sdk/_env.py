"""Boolean environment flags, parsed like the reference (clap's falsey parser).

Kept free of imports so the CLI's fast paths can read `JACKIN_DEBUG` for nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["DEBUG_ENV", "env_flag", "is_debug_enabled"]

DEBUG_ENV = "JACKIN_DEBUG"
_FALSEY = frozenset({"", "0", "n", "no", "f", "false", "off"})


def env_flag(value: str | None) -> bool:
    """Whether an env value means "on": unset, empty, 0, n, no, f, false and off are off."""
    return value is not None and value.strip().lower() not in _FALSEY


def is_debug_enabled(env: Mapping[str, str] | None = None) -> bool:
    """Whether `JACKIN_DEBUG` asks for debug mode."""
    env = os.environ if env is None else env
    return env_flag(env.get(DEBUG_ENV))
