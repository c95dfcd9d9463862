"""Socket connections of the daemon: classification, the control channel, the client.

Every socket is non-blocking and driven by the daemon's single `selectors` loop.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass, field

from jackin_capsule.input import InputConfig, InputParser
from jackin_capsule.protocol import (
    ClientFrame,
    ControlFrameDecoder,
    FrameDecoder,
    Handshake,
    ServerFrame,
    encode,
)

__all__ = ["MAX_CLIENT_BACKLOG", "AttachConn", "ControlConn", "PendingConn"]

FIRST_BYTE_TIMEOUT = 10.0
# A client that stops reading is dropped once this much output waits for it.
MAX_CLIENT_BACKLOG = 16 << 20


@dataclass(slots=True)
class PendingConn:
    """Accepted; waiting for the byte that says which channel it speaks (spec A4)."""

    sock: socket.socket
    deadline: float = field(default_factory=lambda: time.monotonic() + FIRST_BYTE_TIMEOUT)


@dataclass(slots=True)
class ControlConn:
    """One JSON request, one reply, close (spec A5)."""

    sock: socket.socket
    decoder: ControlFrameDecoder
    deadline: float
    reply: bytearray = field(default_factory=bytearray)


@dataclass(slots=True)
class AttachConn:
    """A binary attach connection; after its Hello it may become *the* client."""

    sock: socket.socket
    decoder: FrameDecoder[ClientFrame]
    handshake: Handshake
    parser: InputParser
    deadline: float | None
    out: bytearray = field(default_factory=bytearray)
    attached: bool = False
    closing: bool = False
    pending_first: bytes = b""
    """The first byte, read while classifying, fed to the decoder first."""

    @classmethod
    def start(
        cls, sock: socket.socket, first: bytes, handshake: Handshake, config: InputConfig
    ) -> AttachConn:
        """A connection whose first byte (`first`) was a Hello tag."""
        conn = cls(
            sock,
            FrameDecoder("client"),
            handshake,
            InputParser(config),
            time.monotonic() + FIRST_BYTE_TIMEOUT,
        )
        conn.pending_first = first
        return conn

    def send(self, frame: ServerFrame) -> None:
        """Queue a frame (written by `flush`)."""
        self.out += encode(frame)

    def flush(self) -> bool:
        """Write what the socket takes now; False when the peer is gone."""
        while self.out:
            try:
                sent = self.sock.send(self.out)
            except BlockingIOError:
                return True
            except OSError:
                return False
            del self.out[:sent]
        return True
