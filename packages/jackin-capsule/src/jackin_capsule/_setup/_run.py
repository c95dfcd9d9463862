"""`jackin-capsule runtime-setup`: prepare the home at the start of every session.

In order: for every agent in `agent.toml` (and the session's, `JACKIN_AGENT`) seed its
durable home (an agent's binary may live there) and apply its credential policy (the
session agent's mode is `JACKIN_AUTH_MODE`, the others' come from `[auth_modes]`, as
every agent a role supports is provisioned: spec config §7.1); keep the agents' config
current so each opens ready for a prompt (Claude Code's onboarding, folder trust and the
approved api key; Codex's trust and api-key login; OpenCode permissions: see
`_agent_config`); write the instance's git config once. The entrypoint sources the
secrets file first, so the forwarded keys are in `env`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from jackin_capsule._config import DEFAULT_AUTH_MODE, ConfigError, LaunchConfig, load_config
from jackin_capsule._setup._agent_config import configure_agent
from jackin_capsule._setup._credentials import apply_credentials
from jackin_capsule._setup._git import setup_git
from jackin_capsule._setup._paths import SetupError, SetupPaths
from jackin_capsule._setup._seed import seed_agent
from jackin_capsule.contract import (
    AGENT_ENV,
    AGENT_HOMES,
    AUTH_MODE_ENV,
    AUTH_MODES,
    LAUNCH_CONFIG,
)

__all__ = ["run_runtime_setup"]

_LOCK = ".runtime-setup.lock"


def _config(paths: SetupPaths) -> LaunchConfig | None:
    """The launch config, or None when there is none (a session started by hand)."""
    if not (paths.run / LAUNCH_CONFIG).exists():
        return None
    try:
        return load_config(paths.run)
    except ConfigError as exc:
        raise SetupError(str(exc)) from None


def _auth_mode(env: Mapping[str, str], config: LaunchConfig | None, agent: str) -> str:
    """The session agent's `$JACKIN_AUTH_MODE`, else the config's mode, else `sync`."""
    mode = config.auth_mode(agent) if config is not None else DEFAULT_AUTH_MODE
    if agent == env.get(AGENT_ENV):
        mode = env.get(AUTH_MODE_ENV) or mode
    if mode not in AUTH_MODES:
        raise SetupError(f"unknown auth mode {mode!r} for {agent}")
    return mode


def _setup(env: Mapping[str, str]) -> None:
    paths = SetupPaths.from_env(env)
    config = _config(paths)
    session = env.get(AGENT_ENV) or ""
    listed = config.agents if config is not None else ()
    agents = [slug for slug in dict.fromkeys((*listed, session)) if slug in AGENT_HOMES]

    # Seeding and the credential policy go together for every agent, so an agent's
    # first seed is seen by its own credential step whichever session starts first.
    for slug in agents:
        mode = _auth_mode(env, config, slug)
        seeded = seed_agent(paths, AGENT_HOMES[slug])
        apply_credentials(paths, AGENT_HOMES[slug], mode, seeded, hint=slug == session)

    projects: list[str] = []
    if config is not None:
        projects = [p for p in (config.workdir, *config.mounts) if p]
    for slug in agents:
        configure_agent(paths, slug, projects, mode=_auth_mode(env, config, slug), env=env)

    setup_git(paths, env)


@contextlib.contextmanager
def _exclusive(state: Path) -> Iterator[None]:
    """One runtime-setup at a time (sessions may start together); best effort."""
    fd: int | None = None
    with contextlib.suppress(OSError):
        state.mkdir(parents=True, exist_ok=True)
        fd = os.open(state / _LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def run_runtime_setup(env: Mapping[str, str]) -> int:
    """Run the setup; 0, or 1 after one line on stderr saying what failed."""
    try:
        with _exclusive(SetupPaths.from_env(env).state):
            _setup(env)
    except SetupError as exc:
        print(f"jackin-capsule runtime-setup: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or type(exc).__name__
        print(f"jackin-capsule runtime-setup: {where}{reason}", file=sys.stderr)
        return 1
    return 0
