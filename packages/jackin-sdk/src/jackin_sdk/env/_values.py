"""Operator env values as stored in TOML (upstream-config.md §6.1).

A value is, tried in this order: a 1Password reference table `{op, path, account?,
on_demand?}`, an extended table `{value, on_demand?}`, or a plain string. A bare
`"op://…"` string in a file is a literal; only the table form is resolved.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = ["EnvValue", "ExtendedValue", "OpRef"]


class OpRef(BaseModel):
    """A 1Password reference, resolved with `op read` at launch."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    op: Annotated[str, StringConstraints(pattern=r"^op://")]
    path: str
    account: str | None = None
    on_demand: bool = False


class ExtendedValue(BaseModel):
    """A literal or `$VAR` value with options."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str
    on_demand: bool = False


EnvValue = Annotated[OpRef | ExtendedValue | str, Field(union_mode="left_to_right")]
