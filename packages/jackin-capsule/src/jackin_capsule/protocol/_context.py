"""The versioned context envelope (`ctx`) carried by control requests and the attach
`Hello` frame.

Shape (spec A5): `{"v": 1, "traceparent"?, "tracestate"?, "invocation_id"?,
"session_id"?, "job_id"?}`; unknown fields are refused.

Choices (the spec leaves these open):
- Parsing is structural only: `v` must be an integer in `0..=65535` (upstream's `u16`)
  and every other field a string or `null`. Whether the *version* is acceptable is a
  policy decision made where the envelope is consumed — `Handshake` for attach,
  `parse_request` for control — and only `v == 1` is (`Reason.BAD_VERSION` otherwise).
  Host and capsule ship as one version, so a strict check costs nothing.
- Field values are not format-checked (a malformed `traceparent` is ignored by
  receivers upstream), but a string must be encodable as UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from jackin_capsule.protocol._errors import ProtocolError, Reason
from jackin_capsule.protocol._wire import U16_MAX, check_uint, text_bytes

__all__ = ["CONTEXT_VERSION", "TelemetryContext"]

CONTEXT_VERSION = 1


@dataclass(frozen=True, slots=True)
class TelemetryContext:
    """W3C trace context plus product correlation ids; `v` is the envelope version."""

    v: int = CONTEXT_VERSION
    traceparent: str | None = None
    tracestate: str | None = None
    invocation_id: str | None = None
    session_id: str | None = None
    job_id: str | None = None

    OPTIONAL_FIELDS: ClassVar[tuple[str, ...]] = (
        "traceparent",
        "tracestate",
        "invocation_id",
        "session_id",
        "job_id",
    )

    def __post_init__(self) -> None:
        try:
            check_uint(self.v, U16_MAX, "ctx.v")
        except ProtocolError as exc:
            raise ProtocolError(Reason.BAD_CONTEXT, exc.detail) from None
        for name in self.OPTIONAL_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise ProtocolError(Reason.BAD_CONTEXT, f"ctx.{name} must be a string")
            text_bytes(value, f"ctx.{name}")

    @property
    def supported(self) -> bool:
        """True when this envelope's version is the one this capsule speaks."""
        return self.v == CONTEXT_VERSION

    def require_supported(self) -> None:
        """Raise `BAD_VERSION` unless `supported`."""
        if not self.supported:
            raise ProtocolError(
                Reason.BAD_VERSION,
                f"context envelope version {self.v} is not supported (want {CONTEXT_VERSION})",
            )

    def to_json(self) -> dict[str, object]:
        """`{"v": …}` plus every field that is set (unset fields are omitted)."""
        out: dict[str, object] = {"v": self.v}
        for name in self.OPTIONAL_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @classmethod
    def from_json(cls, value: object) -> TelemetryContext:
        """Parse a decoded JSON value; anything but a well-formed envelope is BAD_CONTEXT."""
        if not isinstance(value, dict):
            raise ProtocolError(Reason.BAD_CONTEXT, "ctx must be a JSON object")
        unknown = sorted(set(value) - {"v", *cls.OPTIONAL_FIELDS})
        if unknown:
            raise ProtocolError(Reason.BAD_CONTEXT, f"ctx has unknown field(s) {unknown}")
        if "v" not in value:
            raise ProtocolError(Reason.BAD_CONTEXT, "ctx is missing its version `v`")
        version = value["v"]
        if isinstance(version, bool) or not isinstance(version, int):
            raise ProtocolError(Reason.BAD_CONTEXT, "ctx.v must be an integer")
        fields: dict[str, str | None] = {}
        for name in cls.OPTIONAL_FIELDS:
            field_value = value.get(name)
            if field_value is not None and not isinstance(field_value, str):
                raise ProtocolError(Reason.BAD_CONTEXT, f"ctx.{name} must be a string")
            fields[name] = field_value
        return cls(v=version, **fields)
