"""The capsule's directories and its launch config, `/jackin/run/agent.toml`.

The host writes `agent.toml` before it starts the container (spec runtime §2.10 step 7):
`role`, `workdir`, `agents` (the allowlist, first entry is the default), an `[argv]`
table with each agent's command line, an optional `[auth_modes]` table (agent → auth
mode, default `sync`) and an optional `mounts` list (the workspace mounts' container
paths). Keys this version does not use are ignored, so the host can add more without
breaking older capsules.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jackin_capsule.contract._paths import LAUNCH_CONFIG, RUN_DIR, SOCKET_NAME, STATE_DIR

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
DEFAULT_AUTH_MODE = "sync"


class ConfigError(Exception):
    """A launch-config or usage problem: one line on stderr, exit code 2."""


def run_dir() -> Path:
    """`/jackin/run` (host bind mount: `agent.toml`, session registrations)."""
    return Path(os.environ.get(RUN_DIR_ENV) or RUN_DIR)


def state_dir() -> Path:
    """`/jackin/state` (durable per-instance state: logs, markers)."""
    return Path(os.environ.get(STATE_DIR_ENV) or STATE_DIR)


@dataclass(frozen=True, slots=True)
class LaunchConfig:
    """What the host told the capsule to run."""

    role: str
    workdir: str | None
    agents: tuple[str, ...]
    argv: Mapping[str, tuple[str, ...]]
    auth_modes: Mapping[str, str] = field(default_factory=dict)
    """Agent → auth mode (`sync`, `api_key`, `oauth_token`, `ignore`)."""
    mounts: tuple[str, ...] = ()
    """Container paths of the workspace mounts."""

    def auth_mode(self, agent: str) -> str:
        """The auth mode of `agent` (`sync` when the host named none)."""
        return self.auth_modes.get(agent) or DEFAULT_AUTH_MODE

    def resolve_agent(self, agent: str | None) -> str:
        """`agent`, or the default (first) agent; it must be in the allowlist."""
        if agent is None:
            if not self.agents:
                raise ConfigError(f"{CONFIG_FILE} lists no agents; name one or use --shell")
            return self.agents[0]
        if agent not in self.agents:
            allowed = ", ".join(self.agents) or "none"
            raise ConfigError(f"agent {agent!r} is not enabled for this role (agents: {allowed})")
        return agent

    def agent_argv(self, agent: str) -> tuple[str, ...]:
        """The command line of `agent` (an allowed agent)."""
        argv = self.argv.get(agent)
        if not argv:
            raise ConfigError(f"{CONFIG_FILE} has no [argv] entry for agent {agent!r}")
        return argv


def _string(data: Mapping[str, object], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ConfigError(f"{path}: `{key}` must be a string")


def _strings(value: object, what: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{path}: {what} must be a list of strings")
    return tuple(str(item) for item in value)


def load_config(run: Path) -> LaunchConfig:
    """Read and check `<run>/agent.toml`; `ConfigError` says what is wrong, in one line."""
    path = run / CONFIG_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"launch config {path} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read launch config {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    argv_table = data.get("argv", {})
    if not isinstance(argv_table, dict):
        raise ConfigError(f"{path}: `argv` must be a table")
    modes = data.get("auth_modes", {})
    if not isinstance(modes, dict) or not all(isinstance(v, str) for v in modes.values()):
        raise ConfigError(f"{path}: `auth_modes` must be a table of strings")
    return LaunchConfig(
        role=_string(data, "role", path) or "",
        workdir=_string(data, "workdir", path) or None,
        agents=_strings(data.get("agents", []), "`agents`", path),
        argv={
            str(name): _strings(value, f"`argv.{name}`", path) for name, value in argv_table.items()
        },
        auth_modes={str(name): str(mode) for name, mode in modes.items()},
        mounts=_strings(data.get("mounts", []), "`mounts`", path),
    )
