"""Typed records read from TOML: plain dataclasses, a validator and a dumper.

The config files and the role manifest are small, strict and read on every launch. A
dataclass costs well under a millisecond to define and nothing to import, where a
validation library costs a third of a `jackin load` (docs/decisions.md, "Records").
"""

from jackin_sdk.schema._data import to_data
from jackin_sdk.schema._record import AtLeast, Matches, Record
from jackin_sdk.schema._validate import Issue, SchemaError, validate

__all__ = ["AtLeast", "Issue", "Matches", "Record", "SchemaError", "to_data", "validate"]
