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
- Empty frames (Detach, FocusIn/Out, Bell, 0x8A-0x8C) must be empty; upstream ignores a
  payload on some of them, the spec's trailing-bytes rule wins.
- Resize rows/cols must be 1..=4096 (BAD_DIMENSIONS): the spec gives no range, a zero
  size cannot size a PTY and the upstream client never sends one (it normalises to
  24x80). `Hello` instead accepts 0 as "unknown" (see `_hello`).
- Input, Command, Output and SessionList payloads are opaque bytes (may be empty);
  SessionList is not parsed as JSON (defined, unused).
- Shutdown: an empty reason is a clean shutdown, decoded as `reason=None`; `""` given
  to the constructor is normalised to `None`. A non-empty reason must be UTF-8.
- HostOpenUrl: UTF-8 starting (ASCII case-insensitively, like upstream) with
  `http://`, `https://` or `mailto:`; otherwise BAD_URL.
- FileExportStart source path and file name must be non-empty (as upstream); the
  reveal/open flags must be 0 or 1.
- AttachControl (0x0E): the context must be a JSON object (a non-null envelope); the
  operation payload gets exactly the checks of the standalone frame it mirrors (upstream
  skips some of them inside the envelope). Its whole payload may use the 16 MiB image cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar, Self

from jackin_capsule.protocol._context import TelemetryContext
from jackin_capsule.protocol._errors import ProtocolError, Reason
from jackin_capsule.protocol._limits import (
    DIGEST_BYTES,
    MAX_CHUNK_BYTES,
    MAX_CLIPBOARD_ERROR,
    MAX_CLIPBOARD_IMAGE_BYTES,
    MAX_CLIPBOARD_TRANSFER,
    MAX_DIMENSION,
    MAX_EXPORT_NAME,
    MAX_EXPORT_PATH,
    MAX_FRAME_PAYLOAD,
    MAX_HOST_NOTICE,
    MAX_IMAGE_FRAME_PAYLOAD,
    MAX_REVEAL_PATH,
)
from jackin_capsule.protocol._wire import (
    U16_MAX,
    U32_MAX,
    U64_MAX,
    Reader,
    check_uint,
    dump_json,
    load_json,
    text_bytes,
    u8,
    u16,
    u32,
    u64,
)

__all__ = [
    "AttachControl",
    "AttachControlOp",
    "AttachControlResponse",
    "AttachControlResult",
    "Bell",
    "ClipboardImage",
    "ClipboardImageChunk",
    "ClipboardImageEnd",
    "ClipboardImageError",
    "ClipboardImageStart",
    "Command",
    "Detach",
    "FileExportChunk",
    "FileExportEnd",
    "FileExportStart",
    "FocusIn",
    "FocusOut",
    "HostNotice",
    "HostOpenUrl",
    "HostPasteImageFromClipboard",
    "HostRevealPath",
    "HostStageImageFromClipboard",
    "HostStageImageFromClipboardPath",
    "ImageFormat",
    "Input",
    "Output",
    "Resize",
    "SessionList",
    "Shutdown",
    "Welcome",
]

_URL_SCHEMES = ("http://", "https://", "mailto:")


def _allowed_url(url: str) -> bool:
    """Upstream's allowlist: an ASCII case-insensitive scheme prefix match."""
    for scheme in _URL_SCHEMES:
        head = url[: len(scheme)]
        if head.isascii() and head.lower() == scheme:
            return True
    return False


class ImageFormat(IntEnum):
    PNG = 1
    JPEG = 2
    GIF = 3
    WEBP = 4
    TIFF = 5


class AttachControlResult(IntEnum):
    OK = 0
    INVALID_CORRELATION = 1
    REJECTED = 2


def _check_size(data: bytes, low: int, high: int, what: str, reason: Reason) -> None:
    if not low <= len(data) <= high:
        raise ProtocolError(reason, f"{what} is {len(data)} bytes, allowed {low}..{high}")


def _check_text(value: str, low: int, high: int, what: str) -> None:
    _check_size(text_bytes(value, what), low, high, what, Reason.BAD_LENGTH)


def _format(byte: int) -> ImageFormat:
    try:
        return ImageFormat(byte)
    except ValueError:
        raise ProtocolError(Reason.BAD_VALUE, f"unknown image format {byte}") from None


def _result(byte: int) -> AttachControlResult:
    try:
        return AttachControlResult(byte)
    except ValueError:
        raise ProtocolError(Reason.BAD_VALUE, f"unknown attach control result {byte}") from None


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


@dataclass(frozen=True, slots=True)
class ClipboardImage:
    """0x08: one pasted image in a single frame: `fmt u8` + 1..16 MiB-1 image bytes."""

    format: ImageFormat
    data: bytes

    TAG: ClassVar[int] = 0x08
    CAP: ClassVar[int] = MAX_IMAGE_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        object.__setattr__(self, "format", _format(self.format))
        _check_size(self.data, 1, MAX_CLIPBOARD_IMAGE_BYTES, "clipboard image", Reason.BAD_LENGTH)

    def payload(self) -> bytes:
        return u8(self.format) + self.data

    @classmethod
    def from_payload(cls, payload: bytes) -> ClipboardImage:
        r = Reader(payload, "clipboard image")
        image_format = _format(r.u8("format"))
        return cls(image_format, r.rest())


@dataclass(frozen=True, slots=True)
class ClipboardImageStart:
    """0x09: a chunked image transfer begins: `transfer_id u64, fmt u8, size u64`."""

    transfer_id: int
    format: ImageFormat
    size: int

    TAG: ClassVar[int] = 0x09
    CAP: ClassVar[int] = 17

    def __post_init__(self) -> None:
        check_uint(self.transfer_id, U64_MAX, "transfer_id")
        object.__setattr__(self, "format", _format(self.format))
        check_uint(self.size, U64_MAX, "size")
        if not 1 <= self.size <= MAX_CLIPBOARD_TRANSFER:
            raise ProtocolError(
                Reason.BAD_LENGTH, f"transfer size {self.size} is outside 1..64 MiB"
            )

    def payload(self) -> bytes:
        return u64(self.transfer_id) + u8(self.format) + u64(self.size)

    @classmethod
    def from_payload(cls, payload: bytes) -> ClipboardImageStart:
        r = Reader(payload, "clipboard image start")
        frame = cls(r.u64("transfer id"), _format(r.u8("format")), r.u64("size"))
        r.finish()
        return frame


@dataclass(frozen=True, slots=True)
class ClipboardImageChunk:
    """0x0A: `transfer_id u64, offset u64` + 1..1 MiB of image bytes."""

    transfer_id: int
    offset: int
    data: bytes

    TAG: ClassVar[int] = 0x0A
    CAP: ClassVar[int] = 16 + MAX_CHUNK_BYTES

    def __post_init__(self) -> None:
        check_uint(self.transfer_id, U64_MAX, "transfer_id")
        check_uint(self.offset, U64_MAX, "offset")
        _check_size(self.data, 1, MAX_CHUNK_BYTES, "image chunk", Reason.BAD_LENGTH)

    def payload(self) -> bytes:
        return u64(self.transfer_id) + u64(self.offset) + self.data

    @classmethod
    def from_payload(cls, payload: bytes) -> ClipboardImageChunk:
        r = Reader(payload, "clipboard image chunk")
        return cls(r.u64("transfer id"), r.u64("offset"), r.rest())


@dataclass(frozen=True, slots=True)
class ClipboardImageEnd:
    """0x0B: `transfer_id u64` + the SHA-256 of the whole image."""

    transfer_id: int
    sha256: bytes

    TAG: ClassVar[int] = 0x0B
    CAP: ClassVar[int] = 8 + DIGEST_BYTES

    def __post_init__(self) -> None:
        check_uint(self.transfer_id, U64_MAX, "transfer_id")
        _check_size(self.sha256, DIGEST_BYTES, DIGEST_BYTES, "sha256", Reason.BAD_LENGTH)

    def payload(self) -> bytes:
        return u64(self.transfer_id) + self.sha256

    @classmethod
    def from_payload(cls, payload: bytes) -> ClipboardImageEnd:
        r = Reader(payload, "clipboard image end")
        frame = cls(r.u64("transfer id"), r.take(DIGEST_BYTES, "sha256"))
        r.finish()
        return frame


@dataclass(frozen=True, slots=True)
class ClipboardImageError:
    """0x0C: the host could not read the clipboard image (UTF-8, 1..1024 bytes)."""

    message: str

    TAG: ClassVar[int] = 0x0C
    CAP: ClassVar[int] = MAX_CLIPBOARD_ERROR

    def __post_init__(self) -> None:
        _check_text(self.message, 1, MAX_CLIPBOARD_ERROR, "clipboard image error")

    def payload(self) -> bytes:
        return self.message.encode()

    @classmethod
    def from_payload(cls, payload: bytes) -> ClipboardImageError:
        return cls(_text_payload(payload, "clipboard image error"))


@dataclass(frozen=True, slots=True)
class HostNotice:
    """0x0D: a host message shown as a toast (UTF-8, 1..2048 bytes)."""

    message: str

    TAG: ClassVar[int] = 0x0D
    CAP: ClassVar[int] = MAX_HOST_NOTICE

    def __post_init__(self) -> None:
        _check_text(self.message, 1, MAX_HOST_NOTICE, "host notice")

    def payload(self) -> bytes:
        return self.message.encode()

    @classmethod
    def from_payload(cls, payload: bytes) -> HostNotice:
        return cls(_text_payload(payload, "host notice"))


AttachControlOp = (
    Detach
    | FocusIn
    | FocusOut
    | ClipboardImage
    | ClipboardImageStart
    | ClipboardImageChunk
    | ClipboardImageEnd
    | ClipboardImageError
)
_OP_KINDS: dict[type[AttachControlOp], int] = {
    Detach: 1,
    FocusIn: 2,
    FocusOut: 3,
    ClipboardImage: 4,
    ClipboardImageStart: 5,
    ClipboardImageChunk: 6,
    ClipboardImageEnd: 7,
    ClipboardImageError: 8,
}
_KIND_OPS: dict[int, type[AttachControlOp]] = {kind: op for op, kind in _OP_KINDS.items()}


@dataclass(frozen=True, slots=True)
class AttachControl:
    """0x0E: an acknowledged attach operation with a context envelope.

    Payload: `kind u8, request_id u64, ctx_len u16, ctx JSON, op payload`; kinds 1
    Detach, 2 FocusIn, 3 FocusOut, 4-8 the clipboard frames (same payloads).
    """

    request_id: int
    context: TelemetryContext
    operation: AttachControlOp

    TAG: ClassVar[int] = 0x0E
    CAP: ClassVar[int] = MAX_IMAGE_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        check_uint(self.request_id, U64_MAX, "request_id")
        if type(self.operation) not in _OP_KINDS:
            raise ProtocolError(Reason.BAD_VALUE, "unsupported attach control operation")
        context = dump_json(self.context.to_json())
        if len(context) > U16_MAX:
            raise ProtocolError(Reason.BAD_LENGTH, "attach control context over 65535 bytes")
        size = 11 + len(context) + len(self.operation.payload())
        if size > self.CAP:
            raise ProtocolError(Reason.FRAME_TOO_LARGE, f"attach control payload is {size} bytes")

    @property
    def kind(self) -> int:
        return _OP_KINDS[type(self.operation)]

    def payload(self) -> bytes:
        context = dump_json(self.context.to_json())
        return (
            u8(self.kind)
            + u64(self.request_id)
            + u16(len(context))
            + context
            + self.operation.payload()
        )

    @classmethod
    def from_payload(cls, payload: bytes) -> AttachControl:
        r = Reader(payload, "attach control")
        kind = r.u8("kind")
        op_type = _KIND_OPS.get(kind)
        if op_type is None:
            raise ProtocolError(Reason.BAD_VALUE, f"unknown attach control kind {kind}")
        request_id = r.u64("request id")
        raw = load_json(
            r.take(r.u16("ctx length"), "ctx"), "attach control ctx", Reason.BAD_CONTEXT
        )
        context = TelemetryContext.from_json(raw)
        return cls(request_id, context, op_type.from_payload(r.rest()))


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


@dataclass(frozen=True, slots=True)
class HostOpenUrl:
    """0x86: ask the host to open a URL (`http://`, `https://`, `mailto:` only)."""

    url: str

    TAG: ClassVar[int] = 0x86
    CAP: ClassVar[int] = MAX_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        _check_text(self.url, 1, self.CAP, "url")
        if not _allowed_url(self.url):
            raise ProtocolError(Reason.BAD_URL, "url scheme must be http://, https:// or mailto:")

    def payload(self) -> bytes:
        return self.url.encode()

    @classmethod
    def from_payload(cls, payload: bytes) -> HostOpenUrl:
        return cls(_text_payload(payload, "url"))


@dataclass(frozen=True, slots=True)
class FileExportStart:
    """0x87: `transfer_id u64, size u64, src_len u16, name_len u16, reveal u8, open u8,
    src, name` (src 1..4096, name 1..255 bytes)."""

    transfer_id: int
    size: int
    source_path: str
    file_name: str
    reveal: bool = False
    open: bool = False

    TAG: ClassVar[int] = 0x87
    CAP: ClassVar[int] = 22 + MAX_EXPORT_PATH + MAX_EXPORT_NAME

    def __post_init__(self) -> None:
        check_uint(self.transfer_id, U64_MAX, "transfer_id")
        check_uint(self.size, U64_MAX, "size")
        _check_text(self.source_path, 1, MAX_EXPORT_PATH, "export source path")
        _check_text(self.file_name, 1, MAX_EXPORT_NAME, "export file name")
        if not isinstance(self.reveal, bool) or not isinstance(self.open, bool):
            raise ProtocolError(Reason.BAD_VALUE, "reveal/open must be bools")

    def payload(self) -> bytes:
        source, name = self.source_path.encode(), self.file_name.encode()
        return (
            u64(self.transfer_id)
            + u64(self.size)
            + u16(len(source))
            + u16(len(name))
            + u8(self.reveal)
            + u8(self.open)
            + source
            + name
        )

    @classmethod
    def from_payload(cls, payload: bytes) -> FileExportStart:
        r = Reader(payload, "file export start")
        transfer_id, size = r.u64("transfer id"), r.u64("size")
        source_len, name_len = r.u16("source length"), r.u16("name length")
        flags = [r.u8("reveal flag"), r.u8("open flag")]
        if any(flag > 1 for flag in flags):
            raise ProtocolError(Reason.BAD_VALUE, f"reveal/open flags {flags} must be 0 or 1")
        if not 1 <= source_len <= MAX_EXPORT_PATH:
            raise ProtocolError(Reason.BAD_LENGTH, f"source path length {source_len}")
        if not 1 <= name_len <= MAX_EXPORT_NAME:
            raise ProtocolError(Reason.BAD_LENGTH, f"file name length {name_len}")
        source = r.text(source_len, "source path")
        name = r.text(name_len, "file name")
        r.finish()
        return cls(transfer_id, size, source, name, flags[0] == 1, flags[1] == 1)


@dataclass(frozen=True, slots=True)
class FileExportChunk:
    """0x88: `transfer_id u64, offset u64` + 1..1 MiB of file bytes."""

    transfer_id: int
    offset: int
    data: bytes

    TAG: ClassVar[int] = 0x88
    CAP: ClassVar[int] = 16 + MAX_CHUNK_BYTES

    def __post_init__(self) -> None:
        check_uint(self.transfer_id, U64_MAX, "transfer_id")
        check_uint(self.offset, U64_MAX, "offset")
        _check_size(self.data, 1, MAX_CHUNK_BYTES, "export chunk", Reason.BAD_LENGTH)

    def payload(self) -> bytes:
        return u64(self.transfer_id) + u64(self.offset) + self.data

    @classmethod
    def from_payload(cls, payload: bytes) -> FileExportChunk:
        r = Reader(payload, "file export chunk")
        return cls(r.u64("transfer id"), r.u64("offset"), r.rest())


@dataclass(frozen=True, slots=True)
class FileExportEnd:
    """0x89: `transfer_id u64` + the SHA-256 of the whole file."""

    transfer_id: int
    sha256: bytes

    TAG: ClassVar[int] = 0x89
    CAP: ClassVar[int] = 8 + DIGEST_BYTES

    def __post_init__(self) -> None:
        check_uint(self.transfer_id, U64_MAX, "transfer_id")
        _check_size(self.sha256, DIGEST_BYTES, DIGEST_BYTES, "sha256", Reason.BAD_LENGTH)

    def payload(self) -> bytes:
        return u64(self.transfer_id) + self.sha256

    @classmethod
    def from_payload(cls, payload: bytes) -> FileExportEnd:
        r = Reader(payload, "file export end")
        frame = cls(r.u64("transfer id"), r.take(DIGEST_BYTES, "sha256"))
        r.finish()
        return frame


@dataclass(frozen=True, slots=True)
class HostStageImageFromClipboardPath(_Empty):
    """0x8A: ask the host to stage a clipboard image by path."""

    TAG: ClassVar[int] = 0x8A


@dataclass(frozen=True, slots=True)
class HostPasteImageFromClipboard(_Empty):
    """0x8B: ask the host to paste the clipboard image."""

    TAG: ClassVar[int] = 0x8B


@dataclass(frozen=True, slots=True)
class HostStageImageFromClipboard(_Empty):
    """0x8C: ask the host to stage the clipboard image."""

    TAG: ClassVar[int] = 0x8C


@dataclass(frozen=True, slots=True)
class HostRevealPath:
    """0x8D: ask the host to reveal a path (UTF-8, 1..4096 bytes)."""

    path: str

    TAG: ClassVar[int] = 0x8D
    CAP: ClassVar[int] = MAX_REVEAL_PATH

    def __post_init__(self) -> None:
        _check_text(self.path, 1, MAX_REVEAL_PATH, "reveal path")

    def payload(self) -> bytes:
        return self.path.encode()

    @classmethod
    def from_payload(cls, payload: bytes) -> HostRevealPath:
        return cls(_text_payload(payload, "reveal path"))


@dataclass(frozen=True, slots=True)
class AttachControlResponse:
    """0x8E: `request_id u64, result u8` (0 ok, 1 invalid correlation, 2 rejected)."""

    request_id: int
    result: AttachControlResult

    TAG: ClassVar[int] = 0x8E
    CAP: ClassVar[int] = 9

    def __post_init__(self) -> None:
        check_uint(self.request_id, U64_MAX, "request_id")
        object.__setattr__(self, "result", _result(self.result))

    def payload(self) -> bytes:
        return u64(self.request_id) + u8(self.result)

    @classmethod
    def from_payload(cls, payload: bytes) -> AttachControlResponse:
        r = Reader(payload, "attach control response")
        request_id = r.u64("request id")
        result = _result(r.u8("result"))
        r.finish()
        return cls(request_id, result)
