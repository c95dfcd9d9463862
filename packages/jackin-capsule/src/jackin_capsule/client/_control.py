"""One-shot control-channel clients: `status`, `snapshot`, `agents` (spec A5)."""

from __future__ import annotations

import socket

from jackin_capsule.protocol import (
    ControlFrameDecoder,
    ControlMsg,
    ControlReply,
    decode_reply,
    encode_request,
)

__all__ = ["ask"]

TIMEOUT = 10.0


def ask(socket_path: str, msg: ControlMsg, *, timeout: float = TIMEOUT) -> ControlReply:
    """Send `msg` to the daemon and return its reply (`OSError` if it cannot be reached)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(socket_path)
        sock.sendall(encode_request(msg))
        decoder = ControlFrameDecoder()
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("the capsule closed the connection without a reply")
            body = decoder.feed(chunk)
            if body is not None:
                return decode_reply(body)
