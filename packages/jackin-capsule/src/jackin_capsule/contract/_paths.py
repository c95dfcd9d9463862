"""Where things live inside the container: the paths both sides name, defined once.

The host mounts and writes these; the capsule reads them (each root can be moved by an
environment variable for tests, see `jackin_capsule._config` and `_setup._paths`).
"""

from __future__ import annotations

__all__ = [
    "AGENT_HOME",
    "CAPSULE_BIN",
    "CAPSULE_PYTHON_DIR",
    "DEFAULT_HOME_DIR",
    "ENTRYPOINT",
    "GIT_CONFIG_FILE",
    "GIT_CONFIG_NAME",
    "HANDOFF_ROOT",
    "LAUNCH_CONFIG",
    "RUNTIME_DIR",
    "RUN_DIR",
    "SECRETS_FILE",
    "SOCKET_NAME",
    "STATE_DIR",
    "STATE_HOOKS_DIR",
]

RUN_DIR = "/jackin/run"
"""The instance's run dir (host: `<home>/sockets/<container>/`, 0700): `agent.toml`,
the multiplexer's socket, session registrations, `capsule-exit.json`."""
STATE_DIR = "/jackin/state"
"""Durable per-instance state (logs, markers, hooks, gitconfig)."""
STATE_HOOKS_DIR = f"{STATE_DIR}/hooks"
"""The hooks' markers (`setup-once.done`): made by the overlay, written by the entrypoint."""
GIT_CONFIG_NAME = "gitconfig"
GIT_CONFIG_FILE = f"{STATE_DIR}/{GIT_CONFIG_NAME}"
"""The instance's global git config (`GIT_CONFIG_GLOBAL`), written by runtime-setup."""
RUNTIME_DIR = "/jackin/runtime"
"""The capsule's payload, installed into the image by the overlay."""
CAPSULE_BIN = f"{RUNTIME_DIR}/jackin-capsule"
"""The capsule's launcher: PID 1 and the attach client the host `docker exec`s."""
CAPSULE_PYTHON_DIR = f"{RUNTIME_DIR}/python"
"""Where `install-capsule.sh` unpacks the capsule's wheels; the launcher imports from it."""
ENTRYPOINT = f"{RUNTIME_DIR}/entrypoint.sh"
"""The per-session entrypoint the capsule starts every agent or shell through."""
HANDOFF_ROOT = "/jackin"
"""Each agent's credential hand-off folder is `<HANDOFF_ROOT>/<agent>/` (read-only)."""
SECRETS_FILE = "/jackin/secrets/agent.env"
"""The role's resolved env secrets (read-only, 0600 on the host); the entrypoint exports it."""
DEFAULT_HOME_DIR = "/jackin/default-home"
"""The build-time snapshot of the agent home, seeded into a fresh home."""
AGENT_HOME = "/home/agent"
"""The agent user's home."""
LAUNCH_CONFIG = "agent.toml"
"""The launch config's name in the run dir."""
SOCKET_NAME = "jackin.sock"
"""The multiplexer's socket's name in the run dir."""
