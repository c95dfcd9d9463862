"""The records that cross the container boundary, defined once (stdlib only).

The capsule owns them: it runs inside the container and must not import the SDK, so the
SDK imports these (it depends on `jackin-capsule`) instead of keeping its own copy.

- `_paths`: where things live inside the container (`/jackin/run`, the capsule's launcher,
  the hand-off root, the secrets file, …).
- `LaunchConfig` (`agent.toml`): what the host tells the capsule to run.
- `_env`: the environment variables the host sets on the container and the attach
  client's `docker exec`, and the capsule sets on each pane (`JACKIN_INSTANCE_ID`,
  `JACKIN_AGENT`, …), and the ones operator env may not declare.
- `AGENT_HOMES`: each agent's durable home paths and credential hand-off slot.
- `CapsuleExit` (`capsule-exit.json`): how the capsule's daemon ended.
- `read_record`: the one bounded reader of small regular files (no blocking on a FIFO,
  a size cap), which the SDK's `jackin_sdk.fs` builds on.

The records load on first use: the capsule's attach client needs only a few of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from jackin_capsule.contract._paths import (
    AGENT_HOME,
    CAPSULE_BIN,
    CAPSULE_PYTHON_DIR,
    DEFAULT_HOME_DIR,
    ENTRYPOINT,
    GIT_CONFIG_FILE,
    GIT_CONFIG_NAME,
    HANDOFF_ROOT,
    LAUNCH_CONFIG,
    RUN_DIR,
    RUNTIME_DIR,
    SECRETS_FILE,
    SOCKET_NAME,
    STATE_DIR,
    STATE_HOOKS_DIR,
)

if TYPE_CHECKING:
    from jackin_capsule.contract._agents import (
        AGENT_HOMES,
        AgentHome,
        Handoff,
        HandoffFile,
        HandoffSlot,
    )
    from jackin_capsule.contract._env import (
        AGENT_CODENAME_ENV,
        AGENT_ENV,
        AGENT_RUNTIME_ENV,
        AUTH_MODE_ENV,
        CONTAINER_NAME_ENV,
        GIT_COAUTHOR_TRAILER_ENV,
        GIT_DCO_ENV,
        HOST_ALT_SCREEN_ENV,
        HOST_VERSION_ENV,
        INSTANCE_ID_ENV,
        JACKIN_ENV,
        NETWORK_MODE_ENV,
        PROVIDER_ENV,
        RESERVED_CONTAINER_ENV,
        ROLE_ENV,
        SESSION_ID_ENV,
        STATUS_SOCKET_ENV,
        STATUS_SOURCE_ENV,
        TELEMETRY_LEVEL_ENV,
        WORKDIR_ENV,
    )
    from jackin_capsule.contract._exit import EXIT_MARKER, CapsuleExit
    from jackin_capsule.contract._launch_config import (
        AUTH_MODES,
        DEFAULT_AUTH_MODE,
        LaunchConfig,
        LaunchConfigError,
    )
    from jackin_capsule.contract._read import (
        MAX_RECORD_BYTES,
        NotRegularFile,
        RecordTooLarge,
        read_record,
    )

__all__ = [
    "AGENT_CODENAME_ENV",
    "AGENT_ENV",
    "AGENT_HOME",
    "AGENT_HOMES",
    "AGENT_RUNTIME_ENV",
    "AUTH_MODES",
    "AUTH_MODE_ENV",
    "CAPSULE_BIN",
    "CAPSULE_PYTHON_DIR",
    "CONTAINER_NAME_ENV",
    "DEFAULT_AUTH_MODE",
    "DEFAULT_HOME_DIR",
    "ENTRYPOINT",
    "EXIT_MARKER",
    "GIT_COAUTHOR_TRAILER_ENV",
    "GIT_CONFIG_FILE",
    "GIT_CONFIG_NAME",
    "GIT_DCO_ENV",
    "HANDOFF_ROOT",
    "HOST_ALT_SCREEN_ENV",
    "HOST_VERSION_ENV",
    "INSTANCE_ID_ENV",
    "JACKIN_ENV",
    "LAUNCH_CONFIG",
    "MAX_RECORD_BYTES",
    "NETWORK_MODE_ENV",
    "PROVIDER_ENV",
    "RESERVED_CONTAINER_ENV",
    "ROLE_ENV",
    "RUNTIME_DIR",
    "RUN_DIR",
    "SECRETS_FILE",
    "SESSION_ID_ENV",
    "SOCKET_NAME",
    "STATE_DIR",
    "STATE_HOOKS_DIR",
    "STATUS_SOCKET_ENV",
    "STATUS_SOURCE_ENV",
    "TELEMETRY_LEVEL_ENV",
    "WORKDIR_ENV",
    "AgentHome",
    "CapsuleExit",
    "Handoff",
    "HandoffFile",
    "HandoffSlot",
    "LaunchConfig",
    "LaunchConfigError",
    "NotRegularFile",
    "RecordTooLarge",
    "read_record",
]

_EXPORTS = {
    **dict.fromkeys(
        ("AGENT_HOMES", "AgentHome", "Handoff", "HandoffFile", "HandoffSlot"), "_agents"
    ),
    **dict.fromkeys(
        (
            "AGENT_CODENAME_ENV",
            "AGENT_ENV",
            "AGENT_RUNTIME_ENV",
            "AUTH_MODE_ENV",
            "CONTAINER_NAME_ENV",
            "GIT_COAUTHOR_TRAILER_ENV",
            "GIT_DCO_ENV",
            "HOST_ALT_SCREEN_ENV",
            "HOST_VERSION_ENV",
            "INSTANCE_ID_ENV",
            "JACKIN_ENV",
            "NETWORK_MODE_ENV",
            "PROVIDER_ENV",
            "RESERVED_CONTAINER_ENV",
            "ROLE_ENV",
            "SESSION_ID_ENV",
            "STATUS_SOCKET_ENV",
            "STATUS_SOURCE_ENV",
            "TELEMETRY_LEVEL_ENV",
            "WORKDIR_ENV",
        ),
        "_env",
    ),
    **dict.fromkeys(("EXIT_MARKER", "CapsuleExit"), "_exit"),
    **dict.fromkeys(
        ("AUTH_MODES", "DEFAULT_AUTH_MODE", "LaunchConfig", "LaunchConfigError"),
        "_launch_config",
    ),
    **dict.fromkeys(
        ("MAX_RECORD_BYTES", "NotRegularFile", "RecordTooLarge", "read_record"), "_read"
    ),
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
