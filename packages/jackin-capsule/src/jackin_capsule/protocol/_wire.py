"""Byte-level helpers shared by the codecs: a bounds-checked payload reader, big-endian
writers and a strict JSON loader. Every failure is a `ProtocolError`."""

from __future__ import annotations

import json
from typing import NoReturn

from jackin_capsule.protocol._errors import ProtocolError, Reason

__all__ = [
    "U16_MAX",
    "U32_MAX",
    "U64_MAX",
    "Reader",
    "check_uint",
    "dump_json",
    "load_json",
    "text_bytes",
    "u8",
    "u16",
    "u32",
    "u64",
]

U16_MAX = 0xFFFF
U32_MAX = 0xFFFF_FFFF
U64_MAX = 0xFFFF_FFFF_FFFF_FFFF


def u8(value: int) -> bytes:
    return value.to_bytes(1, "big")


def u16(value: int) -> bytes:
    return value.to_bytes(2, "big")


def u32(value: int) -> bytes:
    return value.to_bytes(4, "big")


def u64(value: int) -> bytes:
    return value.to_bytes(8, "big")


def check_uint(value: int, maximum: int, field: str) -> None:
    """`value` is an int (not a bool) in `0..=maximum`, else BAD_VALUE."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise ProtocolError(Reason.BAD_VALUE, f"{field} {value!r} is outside 0..={maximum}")


def text_bytes(value: str, field: str) -> bytes:
    """`value` as UTF-8; a lone surrogate (not encodable) is BAD_UTF8."""
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        raise ProtocolError(Reason.BAD_UTF8, f"{field} is not valid Unicode") from None


class Reader:
    """Sequential big-endian reads over one payload; every overrun is SHORT_PAYLOAD."""

    __slots__ = ("_data", "_pos", "_what")

    def __init__(self, data: bytes, what: str) -> None:
        self._data = data
        self._pos = 0
        self._what = what

    @property
    def remaining(self) -> int:
        return len(self._data) - self._pos

    def _short(self, field: str) -> NoReturn:
        raise ProtocolError(Reason.SHORT_PAYLOAD, f"{self._what} payload ended before {field}")

    def take(self, length: int, field: str) -> bytes:
        end = self._pos + length
        if end > len(self._data):
            self._short(field)
        chunk = self._data[self._pos : end]
        self._pos = end
        return chunk

    def u8(self, field: str) -> int:
        if self._pos >= len(self._data):
            self._short(field)
        value = self._data[self._pos]
        self._pos += 1
        return value

    def u16(self, field: str) -> int:
        return int.from_bytes(self.take(2, field), "big")

    def u32(self, field: str) -> int:
        return int.from_bytes(self.take(4, field), "big")

    def u64(self, field: str) -> int:
        return int.from_bytes(self.take(8, field), "big")

    def text(self, length: int, field: str) -> str:
        raw = self.take(length, field)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(
                Reason.BAD_UTF8, f"{self._what} {field} is not valid UTF-8"
            ) from None

    def rest(self) -> bytes:
        chunk = self._data[self._pos :]
        self._pos = len(self._data)
        return chunk

    def finish(self) -> None:
        if self._pos != len(self._data):
            raise ProtocolError(
                Reason.TRAILING_BYTES,
                f"{self._what} payload has {self.remaining} trailing byte(s)",
            )


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def load_json(raw: bytes, what: str, reason: Reason = Reason.INVALID_JSON) -> object:
    """Strict JSON like serde_json: UTF-8 only, no NaN/Infinity, no duplicate keys; too
    deep a nesting (RecursionError) is refused too. Any failure is `ProtocolError(reason)`.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(Reason.BAD_UTF8, f"{what} is not valid UTF-8") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(reason, f"{what} is not valid JSON ({exc})") from None


def dump_json(value: object) -> bytes:
    """Compact UTF-8 JSON, as serde_json writes it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
