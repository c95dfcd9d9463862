"""Every size cap of the wire protocol, in one place (spec A5, A6)."""

from __future__ import annotations

__all__ = [
    "CONTROL_MAX_BODY",
    "MAX_DIMENSION",
    "MAX_FRAME_PAYLOAD",
    "MAX_HELLO_CONTEXT",
    "MAX_HELLO_ENV",
    "MAX_HELLO_ENV_KEY",
    "MAX_HELLO_ENV_VALUE",
    "MAX_HELLO_PROVIDER",
    "MAX_TERMINAL_FIELD",
]

# Attach frames.
MAX_FRAME_PAYLOAD = 4 * 1024 * 1024  # payload cap of every attach frame (the largest)
# Hello fields.
MAX_HELLO_ENV = 64
MAX_HELLO_ENV_KEY = 1024
MAX_HELLO_ENV_VALUE = 8 * 1024
MAX_HELLO_PROVIDER = 64
MAX_TERMINAL_FIELD = 1024
MAX_HELLO_CONTEXT = 0xFFFF
# Largest rows/cols accepted in Hello and Resize. The spec gives no limit; this is far
# beyond any real terminal and keeps a peer from sizing every pane to 65535x65535.
MAX_DIMENSION = 4096
# Control channel: one JSON body each way.
CONTROL_MAX_BODY = 4 * 1024 * 1024
