"""Every attach-channel frame except `Hello` (see `_hello`): layouts, caps, validation.

Each frame is a frozen dataclass with `TAG`, `CAP` (the largest payload the tag may
announce), `payload()` and `from_payload()`. Constructing a frame runs the same checks
the decoder runs, so an invalid frame can neither be built nor received.

Choices (spec A6 says "trailing bytes => protocol error" but gives few field rules):
- `CAP` is each tag's natural maximum, not the blanket 4 MiB: fixed-layout frames
  (Resize, Welcome, the empty frames, …) announce exactly their size, so an over-long
  frame is refused from its header (FRAME_TOO_LARGE) before any payload is buffered.
  Upstream would refuse the same frames after reading them, so what is accepted is
  unchanged; only the memory spent on a bad frame shrinks.
- Empty frames (Detach, FocusIn/Out, Bell) must be empty; upstream ignores a payload on
  some of them, the spec's trailing-bytes rule wins.
- Resize rows/cols must be 1..=4096 (BAD_DIMENSIONS): the spec gives no range, a zero
  size cannot size a PTY and the upstream client never sends one (it normalises to
  24x80). `Hello` instead accepts 0 as "unknown" (see `_hello`).
- Input, Command, Output and SessionList payloads are opaque bytes (may be empty);
  SessionList is not parsed as JSON (defined, unused).
- Shutdown: an empty reason is a clean shutdown, decoded as `reason=None`; `""` given
  to the constructor is normalised to `None`. A non-empty reason must be UTF-8.
- Not implemented, so unknown tags (jackin#16 item 7): the clipboard-image frames
  (0x08-0x0C), the file-export frames (0x87-0x89) and every frame asking the operator's
  host to act for the container (0x86 open URL, 0x8A-0x8C read the host clipboard, 0x8D
  reveal a path): a host that obeyed them would be the container acting on the host.
  Also HostNotice (0x0D) and the AttachControl envelope (0x0E / 0x8E): nothing sent
  them and the daemon ignored them (a client would have waited for an acknowledgement
  that never came). Nothing here used any of them; each comes back only with the
  feature that uses it, and a host-acting one only if the operator confirms each act.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from jackin_capsule.protocol._errors import ProtocolError, Reason
from jackin_capsule.protocol._limits import MAX_DIMENSION, MAX_FRAME_PAYLOAD
from jackin_capsule.protocol._wire import U32_MAX, Reader, check_uint, text_bytes, u16, u32

__all__ = [
    "Bell",
    "Command",
    "Detach",
    "FocusIn",
    "FocusOut",
    "Input",
    "Output",
    "Resize",
    "SessionList",
    "Shutdown",
    "Welcome",
]


def _check_size(data: bytes, low: int, high: int, what: str, reason: Reason) -> None:
    if not low <= len(data) <= high:
        raise ProtocolError(reason, f"{what} is {len(data)} bytes, allowed {low}..{high}")


def _check_text(value: str, low: int, high: int, what: str) -> None:
    _check_size(text_bytes(value, what), low, high, what, Reason.BAD_LENGTH)


def _text_payload(payload: bytes, what: str) -> str:
    return Reader(payload, what).text(len(payload), "text")


class _Empty:
    """Shared behaviour of the frames without a payload."""

    __slots__ = ()

    CAP: ClassVar[int] = 0

    def payload(self) -> bytes:
        return b""

    @classmethod
    def from_payload(cls, payload: bytes) -> Self:
        Reader(payload, cls.__name__).finish()
        return cls()


# --------------------------------------------------------------------------- client


@dataclass(frozen=True, slots=True)
class Resize:
    """0x02: the outer terminal changed size."""

    rows: int
    cols: int

    TAG: ClassVar[int] = 0x02
    CAP: ClassVar[int] = 4

    def __post_init__(self) -> None:
        for name, value in (("rows", self.rows), ("cols", self.cols)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ProtocolError(Reason.BAD_DIMENSIONS, f"{name} must be an integer")
            if not 1 <= value <= MAX_DIMENSION:
                raise ProtocolError(
                    Reason.BAD_DIMENSIONS, f"resize {name} {value} is outside 1..{MAX_DIMENSION}"
                )

    def payload(self) -> bytes:
        return u16(self.rows) + u16(self.cols)

    @classmethod
    def from_payload(cls, payload: bytes) -> Resize:
        r = Reader(payload, "resize")
        frame = cls(r.u16("rows"), r.u16("cols"))
        r.finish()
        return frame


@dataclass(frozen=True, slots=True)
class Input:
    """0x03: raw terminal bytes (keys, paste, mouse), never re-encoded."""

    data: bytes

    TAG: ClassVar[int] = 0x03
    CAP: ClassVar[int] = MAX_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        _check_size(self.data, 0, self.CAP, "input", Reason.FRAME_TOO_LARGE)

    def payload(self) -> bytes:
        return bytes(self.data)

    @classmethod
    def from_payload(cls, payload: bytes) -> Input:
        return cls(payload)


@dataclass(frozen=True, slots=True)
class Command:
    """0x04: reserved, opaque; the daemon ignores it."""

    data: bytes

    TAG: ClassVar[int] = 0x04
    CAP: ClassVar[int] = MAX_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        _check_size(self.data, 0, self.CAP, "command", Reason.FRAME_TOO_LARGE)

    def payload(self) -> bytes:
        return bytes(self.data)

    @classmethod
    def from_payload(cls, payload: bytes) -> Command:
        return cls(payload)


@dataclass(frozen=True, slots=True)
class Detach(_Empty):
    """0x05: the client detaches; sessions keep running."""

    TAG: ClassVar[int] = 0x05


@dataclass(frozen=True, slots=True)
class FocusIn(_Empty):
    """0x06: the outer terminal gained focus."""

    TAG: ClassVar[int] = 0x06


@dataclass(frozen=True, slots=True)
class FocusOut(_Empty):
    """0x07: the outer terminal lost focus."""

    TAG: ClassVar[int] = 0x07


# --------------------------------------------------------------------------- server


@dataclass(frozen=True, slots=True)
class Welcome:
    """0x81: the handshake succeeded; `session_count u32` sessions exist."""

    session_count: int

    TAG: ClassVar[int] = 0x81
    CAP: ClassVar[int] = 4

    def __post_init__(self) -> None:
        check_uint(self.session_count, U32_MAX, "session_count")

    def payload(self) -> bytes:
        return u32(self.session_count)

    @classmethod
    def from_payload(cls, payload: bytes) -> Welcome:
        r = Reader(payload, "welcome")
        frame = cls(r.u32("session count"))
        r.finish()
        return frame


@dataclass(frozen=True, slots=True)
class Output:
    """0x82: bytes for the outer terminal, written as-is."""

    data: bytes

    TAG: ClassVar[int] = 0x82
    CAP: ClassVar[int] = MAX_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        _check_size(self.data, 0, self.CAP, "output", Reason.FRAME_TOO_LARGE)

    def payload(self) -> bytes:
        return bytes(self.data)

    @classmethod
    def from_payload(cls, payload: bytes) -> Output:
        return cls(payload)


@dataclass(frozen=True, slots=True)
class SessionList:
    """0x83: JSON bytes (defined, currently unused); carried opaquely."""

    data: bytes

    TAG: ClassVar[int] = 0x83
    CAP: ClassVar[int] = MAX_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        _check_size(self.data, 0, self.CAP, "session list", Reason.FRAME_TOO_LARGE)

    def payload(self) -> bytes:
        return bytes(self.data)

    @classmethod
    def from_payload(cls, payload: bytes) -> SessionList:
        return cls(payload)


@dataclass(frozen=True, slots=True)
class Shutdown:
    """0x84: the client must exit; a reason means "exit with this error"."""

    reason: str | None = None

    TAG: ClassVar[int] = 0x84
    CAP: ClassVar[int] = MAX_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        if self.reason == "":
            object.__setattr__(self, "reason", None)
        elif self.reason is not None:
            _check_text(self.reason, 1, self.CAP, "shutdown reason")

    def payload(self) -> bytes:
        return b"" if self.reason is None else self.reason.encode()

    @classmethod
    def from_payload(cls, payload: bytes) -> Shutdown:
        return cls(_text_payload(payload, "shutdown reason") or None)


@dataclass(frozen=True, slots=True)
class Bell(_Empty):
    """0x85: ring the outer terminal's bell."""

    TAG: ClassVar[int] = 0x85
