"""The environment variables both sides of the container boundary name, defined once.

Three writers, one list. The host sets the first group on the role container (`docker
run -e`), so every process in it sees them; the capsule sets the second on each pane it
starts (the per-session `entrypoint.sh` and `runtime-setup` read them); the host sets the
third on the `docker exec` of the attach client. The shell payload cannot import these:
a test holds `entrypoint.sh` and its siblings to the names here.

Knobs only one side reads (`JACKIN_CAPSULE_*` test roots, `JACKIN_ATTACH_*`, the input
and OSC settings, `JACKIN_DEBUG`) stay with the module that reads them.
"""

from __future__ import annotations

__all__ = [
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
]

# Set by the host on the role container.
JACKIN_ENV = "JACKIN"
"""`1`: this process runs in a jackin container."""
CONTAINER_NAME_ENV = "JACKIN_CONTAINER_NAME"
"""The container's name (`jackin-<role>…`)."""
INSTANCE_ID_ENV = "JACKIN_INSTANCE_ID"
"""The instance's id; the capsule's daemon shows it in its chrome."""
HOST_VERSION_ENV = "JACKIN_HOST_VERSION"
"""The version of the jackin that launched the container."""
ROLE_ENV = "JACKIN_ROLE"
"""The role's key (`owner/name`)."""
WORKDIR_ENV = "JACKIN_WORKDIR"
"""The workspace's working directory inside the container."""
NETWORK_MODE_ENV = "JACKIN_NETWORK_MODE"
"""The network policy (`open`)."""
TELEMETRY_LEVEL_ENV = "JACKIN_TELEMETRY_LEVEL"
"""`debug` when the host ran with `--debug`/`JACKIN_DEBUG`, else `info` (spec runtime §9.3:
`JACKIN_DEBUG` itself is not forwarded)."""
PROVIDER_ENV = "JACKIN_PROVIDER"
"""Claude's alternative provider (`zai`, `minimax`, `kimi`): set on the container by
`load --provider`, on one pane by `new --provider`; `entrypoint.sh` reads it."""
GIT_COAUTHOR_TRAILER_ENV = "JACKIN_GIT_COAUTHOR_TRAILER"
"""Git identity settings forwarded into the container and passed on to new panes."""
GIT_DCO_ENV = "JACKIN_GIT_DCO"

# Set by the capsule on each pane.
AGENT_ENV = "JACKIN_AGENT"
"""The pane's agent slug (unset in a shell pane)."""
AUTH_MODE_ENV = "JACKIN_AUTH_MODE"
"""The pane's agent's auth mode (`sync`, `api_key`, …), read by `runtime-setup`."""
SESSION_ID_ENV = "JACKIN_SESSION_ID"
"""The pane's session number."""
AGENT_CODENAME_ENV = "JACKIN_AGENT_CODENAME"
"""The pane's codename, as its tab shows it."""
AGENT_RUNTIME_ENV = "JACKIN_AGENT_RUNTIME"
STATUS_SOURCE_ENV = "JACKIN_STATUS_SOURCE"
STATUS_SOCKET_ENV = "JACKIN_STATUS_SOCKET"
"""Where an agent's status hooks report: the runtime, their source tag and the socket."""

# Set by the host on the attach client's `docker exec`.
HOST_ALT_SCREEN_ENV = "JACKIN_HOST_ALT_SCREEN"
"""Set when the host process already owns the alternate screen: the client stays off it."""

RESERVED_CONTAINER_ENV: tuple[str, ...] = (
    JACKIN_ENV,
    CONTAINER_NAME_ENV,
    INSTANCE_ID_ENV,
    AGENT_ENV,
    AGENT_CODENAME_ENV,
    ROLE_ENV,
    WORKDIR_ENV,
    GIT_COAUTHOR_TRAILER_ENV,
    GIT_DCO_ENV,
    NETWORK_MODE_ENV,
)
"""The names above that operator env may never declare (spec config §6.4); the SDK adds
its own (the DinD and firewall names) in `jackin_sdk.env`."""
