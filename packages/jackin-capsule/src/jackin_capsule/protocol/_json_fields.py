"""Typed field readers for decoded JSON objects (control channel). Each failure is a
`ProtocolError` with the caller's reason."""

from __future__ import annotations

from collections.abc import Collection

from jackin_capsule.protocol._errors import ProtocolError, Reason
from jackin_capsule.protocol._wire import text_bytes

__all__ = [
    "JsonObject",
    "as_object",
    "get_bool",
    "get_choice",
    "get_int",
    "get_list",
    "get_str",
    "opt_int",
    "opt_str",
]

JsonObject = dict[str, object]


def as_object(value: object, what: str, reason: Reason) -> JsonObject:
    if not isinstance(value, dict):
        raise ProtocolError(reason, f"{what} must be a JSON object")
    return value


def get_int(obj: JsonObject, key: str, maximum: int, reason: Reason) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise ProtocolError(reason, f"{key} must be an integer in 0..={maximum}")
    return value


def opt_int(obj: JsonObject, key: str, maximum: int, reason: Reason) -> int | None:
    return None if obj.get(key) is None else get_int(obj, key, maximum, reason)


def get_str(obj: JsonObject, key: str, reason: Reason) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise ProtocolError(reason, f"{key} must be a string")
    text_bytes(value, key)
    return value


def opt_str(obj: JsonObject, key: str, reason: Reason) -> str | None:
    return None if obj.get(key) is None else get_str(obj, key, reason)


def get_bool(obj: JsonObject, key: str, reason: Reason) -> bool:
    value = obj.get(key)
    if not isinstance(value, bool):
        raise ProtocolError(reason, f"{key} must be a boolean")
    return value


def get_list(obj: JsonObject, key: str, reason: Reason) -> list[object]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise ProtocolError(reason, f"{key} must be a list")
    return value


def get_choice(obj: JsonObject, key: str, choices: Collection[str], reason: Reason) -> str:
    value = obj.get(key)
    if value not in choices:
        raise ProtocolError(reason, f"{key} must be one of {sorted(choices)}")
    assert isinstance(value, str)
    return value
