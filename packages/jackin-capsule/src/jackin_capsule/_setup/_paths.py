"""Where runtime-setup reads and writes; every root can be moved by env for tests."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jackin_capsule._config import RUN_DIR_ENV, STATE_DIR_ENV
from jackin_capsule.contract import (
    AGENT_HOME,
    DEFAULT_HOME_DIR,
    HANDOFF_ROOT,
    RUN_DIR,
    STATE_DIR,
)

__all__ = ["SetupError", "SetupPaths", "note"]

HOME_ENV = "JACKIN_CAPSULE_HOME"
DEFAULT_HOME_ENV = "JACKIN_CAPSULE_DEFAULT_HOME"
HANDOFF_ROOT_ENV = "JACKIN_CAPSULE_HANDOFF_ROOT"


class SetupError(Exception):
    """A real failure: one line on stderr, exit code 1. Never carries file contents."""


def note(message: str) -> None:
    """A one-line warning on stderr; setup goes on."""
    print(f"jackin: {message}", file=sys.stderr)


def _path(env: Mapping[str, str], name: str, default: str) -> Path:
    return Path(env.get(name) or default)


@dataclass(frozen=True, slots=True)
class SetupPaths:
    """The agent home, its build-time seed, the hand-off root, `/jackin/state`, `/jackin/run`."""

    home: Path
    default_home: Path
    handoff_root: Path
    state: Path
    run: Path

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SetupPaths:
        """Defaults: `$HOME`, `/jackin/default-home`, `/jackin`, `/jackin/state`, `/jackin/run`."""
        home = env.get(HOME_ENV) or env.get("HOME") or AGENT_HOME
        return cls(
            home=Path(home),
            default_home=_path(env, DEFAULT_HOME_ENV, DEFAULT_HOME_DIR),
            handoff_root=_path(env, HANDOFF_ROOT_ENV, HANDOFF_ROOT),
            state=_path(env, STATE_DIR_ENV, STATE_DIR),
            run=_path(env, RUN_DIR_ENV, RUN_DIR),
        )
