"""The records that cross the container boundary, defined once (stdlib only).

The capsule owns them: it runs inside the container and must not import the SDK, so the
SDK imports these (it depends on `jackin-capsule`) instead of keeping its own copy.
"""

from jackin_capsule.contract._exit import EXIT_MARKER, CapsuleExit
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
    "CAPSULE_BIN",
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
    "CapsuleExit",
]
