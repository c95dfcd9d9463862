"""What a session runs: the per-session entrypoint, its argv, env and working directory.

Every session, agent or shell, runs `/jackin/runtime/entrypoint.sh` (role hooks, then
`exec "$@"`; with no arguments a login zsh) — spec runtime §4.2 and §4.3.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jackin_capsule._config import LaunchConfig
from jackin_capsule.contract import AGENT_ENV, AUTH_MODE_ENV, ENTRYPOINT, SESSION_ID_ENV

__all__ = ["ENTRYPOINT_ENV", "SessionCommand", "session_command"]

ENTRYPOINT_ENV = "JACKIN_CAPSULE_ENTRYPOINT"
_DEFAULT_TERM = "xterm-256color"


@dataclass(frozen=True, slots=True)
class SessionCommand:
    """A session's process: argv, full environment and working directory."""

    argv: tuple[str, ...]
    env: dict[str, str]
    cwd: str


def _cwd(config: LaunchConfig, env: Mapping[str, str]) -> str:
    if config.workdir and Path(config.workdir).is_dir():
        return config.workdir
    home = env.get("HOME") or "/"
    fallback = home if Path(home).is_dir() else "/"
    if config.workdir:
        print(
            f"jackin-capsule: workdir {config.workdir} does not exist; starting in {fallback}",
            file=sys.stderr,
        )
    return fallback


def session_command(
    config: LaunchConfig, agent: str | None, session_id: int, base_env: Mapping[str, str]
) -> SessionCommand:
    """The command of session `session_id`: `agent`'s argv, or a shell when it is None.

    The environment is `base_env` plus `JACKIN_AGENT` and `JACKIN_AUTH_MODE` (the
    agent's mode from the config's `[auth_modes]`, default `sync`; both removed for a
    shell), `JACKIN_SESSION_ID`, `TERM` (kept when set, else `xterm-256color`),
    `COLORTERM=truecolor` and `PWD`. The working directory is the config's `workdir`,
    or `$HOME` when it is missing.
    """
    entrypoint = base_env.get(ENTRYPOINT_ENV) or ENTRYPOINT
    argv = (entrypoint, *(config.agent_argv(agent) if agent is not None else ()))
    env = dict(base_env)
    if agent is None:
        env.pop(AGENT_ENV, None)
        env.pop(AUTH_MODE_ENV, None)
    else:
        env[AGENT_ENV] = agent
        env[AUTH_MODE_ENV] = config.auth_mode(agent)
    env[SESSION_ID_ENV] = str(session_id)
    if not env.get("TERM"):
        env["TERM"] = _DEFAULT_TERM
    env["COLORTERM"] = "truecolor"
    cwd = _cwd(config, env)
    env["PWD"] = cwd
    return SessionCommand(argv=argv, env=env, cwd=cwd)
