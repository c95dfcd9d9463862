"""Every size cap of the wire protocol, in one place (spec A5, A6)."""

from __future__ import annotations

__all__ = [
    "CONTROL_MAX_BODY",
    "DIGEST_BYTES",
    "MAX_CHUNK_BYTES",
    "MAX_CLIPBOARD_ERROR",
    "MAX_CLIPBOARD_IMAGE_BYTES",
    "MAX_CLIPBOARD_TRANSFER",
    "MAX_DIMENSION",
    "MAX_EXPORT_NAME",
    "MAX_EXPORT_PATH",
    "MAX_FRAME_PAYLOAD",
    "MAX_HELLO_CONTEXT",
    "MAX_HELLO_ENV",
    "MAX_HELLO_ENV_KEY",
    "MAX_HELLO_ENV_VALUE",
    "MAX_HELLO_PROVIDER",
    "MAX_HOST_NOTICE",
    "MAX_IMAGE_FRAME_PAYLOAD",
    "MAX_REVEAL_PATH",
    "MAX_TERMINAL_FIELD",
]

# Attach frames.
MAX_FRAME_PAYLOAD = 4 * 1024 * 1024  # default payload cap of every attach frame
MAX_IMAGE_FRAME_PAYLOAD = 16 * 1024 * 1024  # ClipboardImage (and AttachControl) frames
MAX_CLIPBOARD_IMAGE_BYTES = MAX_IMAGE_FRAME_PAYLOAD - 1  # image bytes after the fmt byte
MAX_CHUNK_BYTES = 1024 * 1024  # clipboard-image and file-export chunk data
MAX_CLIPBOARD_TRANSFER = 64 * 1024 * 1024  # ClipboardImageStart.size
MAX_CLIPBOARD_ERROR = 1024
MAX_HOST_NOTICE = 2048
MAX_EXPORT_PATH = 4096
MAX_EXPORT_NAME = 255
MAX_REVEAL_PATH = 4096
DIGEST_BYTES = 32
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
