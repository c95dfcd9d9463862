"""The capsule's directories and its launch config, `/jackin/run/agent.toml`.

The record itself, `LaunchConfig`, is the contract's (`jackin_capsule.contract`): the host
writes it through the same class this reads it with.
"""

from __future__ import annotations

import os
from pathlib import Path

from jackin_capsule.contract import (
    DEFAULT_AUTH_MODE,
    LAUNCH_CONFIG,
    RUN_DIR,
    SOCKET_NAME,
    STATE_DIR,
    LaunchConfig,
    LaunchConfigError,
)

__all__ = [
    "CONFIG_FILE",
    "DEFAULT_AUTH_MODE",
    "RUN_DIR_ENV",
    "SOCKET_NAME",
    "STATE_DIR_ENV",
    "ConfigError",
    "LaunchConfig",
    "load_config",
    "run_dir",
    "state_dir",
]

RUN_DIR_ENV = "JACKIN_CAPSULE_RUN_DIR"
STATE_DIR_ENV = "JACKIN_CAPSULE_STATE_DIR"
CONFIG_FILE = LAUNCH_CONFIG

ConfigError = LaunchConfigError
"""A launch-config or usage problem: one line on stderr, exit code 2."""


def run_dir() -> Path:
    """`/jackin/run` (host bind mount: `agent.toml`, session registrations)."""
    return Path(os.environ.get(RUN_DIR_ENV) or RUN_DIR)


def state_dir() -> Path:
    """`/jackin/state` (durable per-instance state: logs, markers)."""
    return Path(os.environ.get(STATE_DIR_ENV) or STATE_DIR)


def load_config(run: Path) -> LaunchConfig:
    """Read and check `<run>/agent.toml`; `ConfigError` says what is wrong, in one line."""
    return LaunchConfig.read(run)
