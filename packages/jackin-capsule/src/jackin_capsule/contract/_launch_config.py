"""`agent.toml`: what the host tells the capsule to run (spec runtime §2.10 step 7).

The host writes it into the run dir (`/jackin/run`) before it starts the container:
`role`, `workdir`, `agents` (the allowlist, first entry is the default), `mounts` (the
workspace mounts' container paths), an `[auth_modes]` table (agent → auth mode, `sync`
when absent) and an `[argv]` table with each agent's command line. Keys this version does
not use are ignored, so a newer host can add more without breaking an older capsule; a
known key of the wrong type is a `LaunchConfigError` naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jackin_capsule._toml import TomlError, loads, toml_key, toml_table, toml_value
from jackin_capsule.contract._paths import LAUNCH_CONFIG

__all__ = ["AUTH_MODES", "DEFAULT_AUTH_MODE", "LaunchConfig", "LaunchConfigError"]

AUTH_MODES = ("sync", "api_key", "oauth_token", "ignore")
"""How an agent's credentials are forwarded (`jackin_sdk.auth.AuthForwardMode`)."""
DEFAULT_AUTH_MODE = "sync"


class LaunchConfigError(Exception):
    """A launch-config problem, in one line naming the file and the key (never a value)."""


def _string(data: Mapping[str, Any], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise LaunchConfigError(f"{path}: `{key}` must be a string")


def _strings(value: object, what: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LaunchConfigError(f"{path}: {what} must be a list of strings")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class LaunchConfig:
    """What the host told the capsule to run."""

    role: str
    workdir: str | None
    agents: tuple[str, ...]
    """The allowlist; the first is the default agent."""
    argv: Mapping[str, tuple[str, ...]]
    """Agent → its command line."""
    auth_modes: Mapping[str, str] = field(default_factory=dict)
    """Agent → auth mode (`sync`, `api_key`, `oauth_token`, `ignore`)."""
    mounts: tuple[str, ...] = ()
    """Container paths of the workspace mounts."""

    def __post_init__(self) -> None:
        if not self.workdir:  # an empty workdir is none, as the file reads it back
            object.__setattr__(self, "workdir", None)

    # -- the capsule's questions -----------------------------------------------------

    def auth_mode(self, agent: str) -> str:
        """The auth mode of `agent` (`sync` when the host named none)."""
        return self.auth_modes.get(agent) or DEFAULT_AUTH_MODE

    def resolve_agent(self, agent: str | None) -> str:
        """`agent`, or the default (first) agent; it must be in the allowlist."""
        if agent is None:
            if not self.agents:
                raise LaunchConfigError(f"{LAUNCH_CONFIG} lists no agents; name one or use --shell")
            return self.agents[0]
        if agent not in self.agents:
            allowed = ", ".join(self.agents) or "none"
            raise LaunchConfigError(
                f"agent {agent!r} is not enabled for this role (agents: {allowed})"
            )
        return agent

    def agent_argv(self, agent: str) -> tuple[str, ...]:
        """The command line of `agent` (an allowed agent)."""
        argv = self.argv.get(agent)
        if not argv:
            raise LaunchConfigError(f"{LAUNCH_CONFIG} has no [argv] entry for agent {agent!r}")
        return argv

    # -- the file ----------------------------------------------------------------------

    def to_toml(self) -> str:
        """The file's text: what the host writes and `parse` reads back unchanged."""
        lines = [f"role = {toml_value(self.role)}"]
        if self.workdir is not None:
            lines.append(f"workdir = {toml_value(self.workdir)}")
        lines.append(f"agents = {toml_value(self.agents)}")
        lines.append(f"mounts = {toml_value(self.mounts)}")
        head = "\n".join(lines) + "\n"
        tables = [toml_table("auth_modes", self.auth_modes), toml_table("argv", self.argv)]
        return "\n".join([head, *tables])

    @classmethod
    def parse(cls, text: str, path: Path) -> LaunchConfig:
        """The config in `text` (read from `path`, which errors name)."""
        try:
            data = loads(text)
        except TomlError as exc:
            raise LaunchConfigError(f"{path}: invalid TOML: {exc}") from None
        argv_table = data.get("argv", {})
        if not isinstance(argv_table, dict):
            raise LaunchConfigError(f"{path}: `argv` must be a table")
        modes = data.get("auth_modes", {})
        if not isinstance(modes, dict) or not all(isinstance(v, str) for v in modes.values()):
            raise LaunchConfigError(f"{path}: `auth_modes` must be a table of strings")
        return cls(
            role=_string(data, "role", path) or "",
            workdir=_string(data, "workdir", path) or None,
            agents=_strings(data.get("agents", []), "`agents`", path),
            argv={
                name: _strings(value, f"`argv.{toml_key(name)}`", path)
                for name, value in argv_table.items()
            },
            auth_modes=dict(modes),
            mounts=_strings(data.get("mounts", []), "`mounts`", path),
        )

    @classmethod
    def read(cls, run: Path) -> LaunchConfig:
        """Read and check `<run>/agent.toml`; `LaunchConfigError` says what is wrong."""
        path = run / LAUNCH_CONFIG
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise LaunchConfigError(f"launch config {path} not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise LaunchConfigError(f"cannot read launch config {path}: {exc}") from None
        return cls.parse(text, path)
