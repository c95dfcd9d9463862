"""The one exception every protocol check raises, and its reason codes.

`ProtocolError` subclasses `ValueError`: building a frame with an out-of-range field
raises the same error (same reason code) the decoder raises when that frame arrives on
the wire, so the rules live in one place. A server that catches `ProtocolError` from a
decoder or the handshake drops that connection; it never needs to catch anything else.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ProtocolError", "Reason"]


class Reason(StrEnum):
    """Why a frame, request or handshake was refused (stable, for logs and tests)."""

    # Framing (attach and control).
    UNKNOWN_TAG = "unknown_tag"
    FRAME_TOO_LARGE = "frame_too_large"
    TRUNCATED = "truncated"  # the stream ended inside a frame (header or payload)
    DECODER_FAILED = "decoder_failed"  # feed() after an earlier error
    # Payload layout (attach).
    SHORT_PAYLOAD = "short_payload"  # the payload ended before its layout did
    TRAILING_BYTES = "trailing_bytes"
    BAD_UTF8 = "bad_utf8"
    BAD_LENGTH = "bad_length"  # a field's length is outside its allowed range
    BAD_VALUE = "bad_value"  # an enum/flag byte or integer outside its range
    BAD_DIMENSIONS = "bad_dimensions"
    # Versioned context envelope (attach Hello, control requests).
    BAD_CONTEXT = "bad_context"
    BAD_VERSION = "bad_version"
    # Attach handshake.
    NOT_HELLO = "not_hello"
    DUPLICATE_HELLO = "duplicate_hello"
    # Control channel.
    INVALID_JSON = "invalid_json"
    BAD_ENVELOPE = "bad_envelope"
    BAD_REQUEST = "bad_request"  # a known request type with missing/mistyped fields
    BAD_REPLY = "bad_reply"  # (client side) a known reply type with bad fields


class ProtocolError(ValueError):
    """A peer (or a caller building a frame) broke the wire protocol.

    `reason` is the stable code; `detail` a short human explanation for the log.
    """

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail
