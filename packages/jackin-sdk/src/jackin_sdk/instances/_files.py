"""Reading the instance JSON files: their error, their timestamps and typed field access."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from jackin_sdk.errors import JackinError, Location

__all__ = [
    "Fields",
    "InstanceFileError",
    "format_timestamp",
    "load_object",
    "render_json",
    "to_seconds",
    "utc_now",
]

_T = TypeVar("_T")
_MISSING: Any = object()


class InstanceFileError(JackinError):
    """An instance manifest or the instance index cannot be read (corrupt, or another version)."""

    def __init__(self, path: Path | None, message: str, *, field: str | None = None) -> None:
        super().__init__(message, location=Location(file=path, field=field))
        self.path = path
        self.field = field


def utc_now() -> dt.datetime:
    """The current UTC time, to the second (what the files can hold)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def to_seconds(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC without sub-second digits; naive datetimes are refused."""
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {moment.isoformat()} has no time zone")
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def format_timestamp(moment: dt.datetime) -> str:
    """RFC 3339 in UTC to the second with a `Z`, as the reference writes: `2026-01-02T03:04:05Z`."""
    return to_seconds(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_json(document: dict[str, Any]) -> str:
    """Pretty JSON (two-space indent, UTF-8 kept), as serde_json's pretty printer writes it."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load_object(text: str, path: Path | None, what: str) -> Fields:
    """Parse `text` as one JSON object; `InstanceFileError` naming `path` otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstanceFileError(path, f"corrupt {what}: {exc}") from None
    return Fields(data, path, what)


class Fields:
    """Typed access to the keys of one JSON object; a wrong key names the file and field."""

    def __init__(self, data: object, path: Path | None, what: str, prefix: str = "") -> None:
        if not isinstance(data, dict):
            raise InstanceFileError(path, f"corrupt {what}: expected a JSON object", field=prefix)
        self.data: dict[str, Any] = data
        self.path = path
        self.what = what
        self.prefix = prefix

    def error(self, key: str, problem: str) -> InstanceFileError:
        """The error for a bad `key`."""
        return InstanceFileError(
            self.path, f"corrupt {self.what}: {problem}", field=f"{self.prefix}{key}"
        )

    def _get(self, key: str, kind: type[_T], label: str, default: Any = _MISSING) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or (value is None and default is not _MISSING):
            if default is _MISSING:
                raise self.error(key, "missing")
            return default
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(key, f"must be {label}")
        return value

    def text(self, key: str) -> str:
        """A required string."""
        value: str = self._get(key, str, "a string")
        return value

    def optional_text(self, key: str) -> str | None:
        """A string, or None when absent or null."""
        value: str | None = self._get(key, str, "a string or null", None)
        return value

    def integer(self, key: str) -> int:
        """A required integer."""
        value: int = self._get(key, int, "an integer")
        return value

    def flag(self, key: str, default: bool) -> bool:
        """A boolean, `default` when absent or null."""
        value: bool = self._get(key, bool, "true or false", default)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of strings, empty when absent or null."""
        values: list[Any] = self._get(key, list, "a list of strings", [])
        if not all(isinstance(v, str) for v in values):
            raise self.error(key, "must be a list of strings")
        return tuple(values)

    def objects(self, key: str) -> tuple[dict[str, Any], ...]:
        """A list of JSON objects, empty when absent or null."""
        values: list[Any] = self._get(key, list, "a list of objects", [])
        if not all(isinstance(v, dict) for v in values):
            raise self.error(key, "must be a list of objects")
        return tuple(values)

    def nested(self, key: str) -> Fields:
        """A required JSON object, read with the same rules."""
        value: dict[str, Any] = self._get(key, dict, "an object")
        return Fields(value, self.path, self.what, prefix=f"{self.prefix}{key}.")

    def timestamp(self, key: str) -> dt.datetime:
        """An RFC 3339 timestamp with a zone, in UTC to the second."""
        raw = self.text(key)
        try:
            moment = dt.datetime.fromisoformat(raw)
            return to_seconds(moment)
        except ValueError:
            raise self.error(key, f"not an RFC 3339 timestamp with a zone: {raw!r}") from None

    def choice(self, key: str, parse: Callable[[str], _T]) -> _T:
        """A string turned into a value by `parse` (an enum); a ValueError names the key."""
        raw = self.text(key)
        try:
            return parse(raw)
        except ValueError:
            raise self.error(key, f"unknown value {raw!r}") from None
