"""Attach-channel framing: `encode` and the incremental `FrameDecoder` (spec A6).

Every frame is `[tag u8][len u32 BE][payload]`. Client -> daemon tags are 0x01-0x7F,
daemon -> client tags have the top bit set; a decoder only knows the tags of the side
it listens to (a daemon-bound tag arriving at a client is UNKNOWN_TAG, and vice versa).
Tags the spec lists but jackin does not implement (0x08-0x0E and 0x86-0x8E: clipboard
images, file export, host affordances, notices, AttachControl; see `_frames`) are
UNKNOWN_TAG too, refused on their tag byte: neither side ever decodes, let alone acts
on, one of them.

Decoder rules:
- The tag is judged on its first byte, the length as soon as its 4 bytes are in: an
  unknown tag or a length over that tag's cap raises before any payload is buffered.
  The internal buffer therefore never holds more than one frame's header plus its
  partial payload (<= 5 + `MAX_FRAME_PAYLOAD` bytes), whatever is fed.
- Any violation raises `ProtocolError`; the decoder then stays failed (later calls
  raise `DECODER_FAILED`) and frames completed earlier in the same `feed` call are
  dropped with the connection.
- Choice: `eof()` with a partial frame buffered raises TRUNCATED (the spec lists
  truncation as a protocol error; upstream treats it as a plain disconnect). The
  10 s mid-frame read timeout belongs to the transport, not this codec.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar, overload

from jackin_capsule.protocol._errors import ProtocolError, Reason
from jackin_capsule.protocol._frames import (
    Bell,
    Command,
    Detach,
    FocusIn,
    FocusOut,
    Input,
    Output,
    Resize,
    SessionList,
    Shutdown,
    Welcome,
)
from jackin_capsule.protocol._hello import Hello
from jackin_capsule.protocol._limits import MAX_FRAME_PAYLOAD
from jackin_capsule.protocol._wire import u8, u32

__all__ = [
    "CLIENT_FRAME_TYPES",
    "HEADER_SIZE",
    "MAX_BUFFERED",
    "SERVER_FRAME_TYPES",
    "ClientFrame",
    "Frame",
    "FrameDecoder",
    "ServerFrame",
    "encode",
]

HEADER_SIZE = 5
MAX_BUFFERED = HEADER_SIZE + MAX_FRAME_PAYLOAD

ClientFrame = Hello | Resize | Input | Command | Detach | FocusIn | FocusOut
ServerFrame = Welcome | Output | SessionList | Shutdown | Bell
Frame = ClientFrame | ServerFrame

CLIENT_FRAME_TYPES: tuple[type[ClientFrame], ...] = (
    Hello,
    Resize,
    Input,
    Command,
    Detach,
    FocusIn,
    FocusOut,
)
SERVER_FRAME_TYPES: tuple[type[ServerFrame], ...] = (
    Welcome,
    Output,
    SessionList,
    Shutdown,
    Bell,
)
F = TypeVar("F", ClientFrame, ServerFrame)


def encode(frame: Frame) -> bytes:
    """The complete wire bytes of `frame` (header + payload)."""
    payload = frame.payload()
    return u8(frame.TAG) + u32(len(payload)) + payload


class FrameDecoder(Generic[F]):
    """Incremental attach-frame decoder for one connection and one direction.

    `FrameDecoder("client")` decodes what a client sends (the daemon's side);
    `FrameDecoder("server")` what the daemon sends (the attach client's side).
    """

    @overload
    def __init__(self: FrameDecoder[ClientFrame], source: Literal["client"]) -> None: ...
    @overload
    def __init__(self: FrameDecoder[ServerFrame], source: Literal["server"]) -> None: ...
    def __init__(self, source: Literal["client", "server"]) -> None:
        types: tuple[type[Frame], ...]
        if source == "client":
            types = CLIENT_FRAME_TYPES
        elif source == "server":
            types = SERVER_FRAME_TYPES
        else:
            raise ValueError(f"source must be 'client' or 'server', not {source!r}")
        self.source = source
        self._table: dict[int, type[Frame]] = {t.TAG: t for t in types}
        self._header = bytearray()
        self._payload = bytearray()
        self._frame_type: type[Frame] | None = None
        self._need = -1  # payload length once the header is complete
        self._error: ProtocolError | None = None

    @property
    def buffered(self) -> int:
        """Bytes held for the frame in progress (header + partial payload)."""
        return len(self._header) + len(self._payload)

    @property
    def failed(self) -> ProtocolError | None:
        """The error that stopped this decoder, if any."""
        return self._error

    def feed(self, data: bytes | bytearray | memoryview) -> list[F]:
        """Decode every frame `data` completes; raise `ProtocolError` on a bad one."""
        if self._error is not None:
            raise ProtocolError(Reason.DECODER_FAILED, f"decoder already failed: {self._error}")
        try:
            return self._feed(memoryview(data).cast("B"))
        except ProtocolError as exc:
            self._error = exc
            self._header = bytearray()
            self._payload = bytearray()
            raise

    def eof(self) -> None:
        """The peer closed its side; raise TRUNCATED if a frame was left unfinished."""
        if self._error is not None:
            raise ProtocolError(Reason.DECODER_FAILED, f"decoder already failed: {self._error}")
        if self.buffered:
            self._error = ProtocolError(
                Reason.TRUNCATED, f"stream ended {self.buffered} byte(s) into a frame"
            )
            raise self._error

    def _feed(self, view: memoryview) -> list[F]:
        frames: list[F] = []
        pos, end = 0, len(view)
        while pos < end:
            if self._need < 0:
                take = min(HEADER_SIZE - len(self._header), end - pos)
                self._header += view[pos : pos + take]
                pos += take
                if self._frame_type is None:
                    self._frame_type = self._lookup(self._header[0])
                if len(self._header) < HEADER_SIZE:
                    break
                self._need = self._check_length(int.from_bytes(self._header[1:], "big"))
                need = self._need
                if end - pos >= need:  # the whole payload is here: no copy into the buffer
                    frames.append(self._finish(bytes(view[pos : pos + need])))
                    pos += need
                    continue
            take = min(self._need - len(self._payload), end - pos)
            self._payload += view[pos : pos + take]
            pos += take
            if len(self._payload) == self._need:
                payload = bytes(self._payload)
                self._payload = bytearray()
                frames.append(self._finish(payload))
        return frames

    def _lookup(self, tag: int) -> type[Frame]:
        frame_type = self._table.get(tag)
        if frame_type is None:
            raise ProtocolError(
                Reason.UNKNOWN_TAG, f"tag {tag:#04x} is not a {self.source} attach frame"
            )
        return frame_type

    def _check_length(self, length: int) -> int:
        assert self._frame_type is not None
        cap = self._frame_type.CAP
        if length > cap:
            raise ProtocolError(
                Reason.FRAME_TOO_LARGE,
                f"{self._frame_type.__name__} announces {length} bytes, cap is {cap}",
            )
        return length

    def _finish(self, payload: bytes) -> F:
        frame_type = self._frame_type
        assert frame_type is not None
        self._header.clear()
        self._frame_type = None
        self._need = -1
        return frame_type.from_payload(payload)  # type: ignore[return-value]
