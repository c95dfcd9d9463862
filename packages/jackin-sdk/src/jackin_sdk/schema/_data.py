"""`to_data`: a record as plain data (dicts, lists, strings, numbers, booleans)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from enum import Enum

from jackin_sdk.schema._record import Record

__all__ = ["to_data"]


def to_data(value: object, *, exclude_defaults: bool = False) -> object:
    """`value` with records as dicts in field order and enums as their values.

    `exclude_defaults` leaves out every field still equal to its default.
    """
    if isinstance(value, Record):
        out: dict[str, object] = {}
        for item in fields(value):  # type: ignore[arg-type]
            current = getattr(value, item.name)
            if exclude_defaults:
                if item.default is not MISSING and current == item.default:
                    continue
                if item.default_factory is not MISSING and current == item.default_factory():
                    continue
            out[item.name] = to_data(current, exclude_defaults=exclude_defaults)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: to_data(v, exclude_defaults=exclude_defaults) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v, exclude_defaults=exclude_defaults) for v in value]
    return value
