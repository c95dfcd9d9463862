"""Operator env values as stored in TOML (upstream-config.md §6.1).

A value is, tried in this order: a 1Password reference table `{op, path, account?,
on_demand?}`, an extended table `{value, on_demand?}`, or a plain string. A bare
`"op://…"` string in a file is a literal; only the table form is resolved.
"""

from __future__ import annotations

from typing import Annotated

from jackin_sdk.schema import Matches, Record

__all__ = ["EnvValue", "ExtendedValue", "OpRef"]


class OpRef(Record, frozen=True):
    """A 1Password reference, resolved with `op read` at launch."""

    op: Annotated[str, Matches(r"^op://")]
    path: str
    account: str | None = None
    on_demand: bool = False


class ExtendedValue(Record, frozen=True):
    """A literal or `$VAR` value with options."""

    value: str
    on_demand: bool = False


EnvValue = OpRef | ExtendedValue | str
