"""The records that cross the container boundary, defined once (stdlib only).

The capsule owns them: it runs inside the container and must not import the SDK, so the
SDK imports these (it depends on `jackin-capsule`) instead of keeping its own copy.
"""

from jackin_capsule.contract._agents import (
    AGENT_HOMES,
    AgentHome,
    Handoff,
    HandoffFile,
    HandoffSlot,
)
from jackin_capsule.contract._exit import EXIT_MARKER, CapsuleExit
from jackin_capsule.contract._launch_config import (
    AUTH_MODES,
    DEFAULT_AUTH_MODE,
    LaunchConfig,
    LaunchConfigError,
)
from jackin_capsule.contract._paths import (
    AGENT_HOME,
    CAPSULE_BIN,
    DEFAULT_HOME_DIR,
    ENTRYPOINT,
    HANDOFF_ROOT,
    LAUNCH_CONFIG,
    RUN_DIR,
    RUNTIME_DIR,
    SECRETS_FILE,
    SOCKET_NAME,
    STATE_DIR,
)

__all__ = [
    "AGENT_HOME",
    "AGENT_HOMES",
    "AUTH_MODES",
    "CAPSULE_BIN",
    "DEFAULT_AUTH_MODE",
    "DEFAULT_HOME_DIR",
    "ENTRYPOINT",
    "EXIT_MARKER",
    "HANDOFF_ROOT",
    "LAUNCH_CONFIG",
    "RUNTIME_DIR",
    "RUN_DIR",
    "SECRETS_FILE",
    "SOCKET_NAME",
    "STATE_DIR",
    "AgentHome",
    "CapsuleExit",
    "Handoff",
    "HandoffFile",
    "HandoffSlot",
    "LaunchConfig",
    "LaunchConfigError",
]
