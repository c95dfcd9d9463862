"""Operator env values as stored in TOML (upstream-config.md §6.1).

A value is a 1Password reference table `{op, path, account?, on_demand?}`, an extended
table `{value, on_demand?}`, or a plain string. A table with an `op` key is a reference,
any other table an extended value. A bare `"op://…"` string in a file is a literal; only
the table form is resolved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import ConfigDict, Field

from jackin_sdk.tables import StrictTable, member, shape_union

__all__ = ["EnvValue", "ExtendedValue", "OpRef"]


class OpRef(StrictTable):
    """A 1Password reference, resolved with `op read` at launch."""

    model_config = ConfigDict(frozen=True)

    op: Annotated[str, Field(pattern=r"^op://")]
    """`op://<vault>/<item>/<field>`."""
    path: str
    """The item path shown in prompts and `config env list`."""
    account: str | None = None
    """The 1Password account (`op --account`), when more than one is signed in."""
    on_demand: bool = False
    """Resolve only when a launch needs it, not on every launch."""


class ExtendedValue(StrictTable):
    """A literal or `$VAR` value with options."""

    model_config = ConfigDict(frozen=True)

    value: str
    """The literal, or `$NAME` / `${NAME}` for a host variable."""
    on_demand: bool = False
    """Resolve only when a launch needs it, not on every launch."""


_OP_REF, _EXTENDED, _STRING = "<1password reference>", "<extended value>", "<string>"


def _env_value_kind(value: object) -> str | None:
    if isinstance(value, str):
        return _STRING
    if isinstance(value, OpRef | ExtendedValue):  # serialising, or a model built in code
        return _OP_REF if isinstance(value, OpRef) else _EXTENDED
    if isinstance(value, Mapping):
        return _OP_REF if "op" in value else _EXTENDED
    return None


EnvValue = Annotated[
    Annotated[OpRef, member(_OP_REF)]
    | Annotated[ExtendedValue, member(_EXTENDED)]
    | Annotated[str, member(_STRING)],
    shape_union(_env_value_kind, expected="a table or a string"),
]
