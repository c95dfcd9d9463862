"""`validate_table`: plain TOML data into a model, every problem with its key path and a
message an operator can act on.

pydantic finds the problems; this module only says them in the words of a TOML file
("expected a string, got 5", "unknown key", "expected one of 'sync', 'ignore', got 'x'")
instead of pydantic's ("Input should be a valid string"), and never shows a string value
except where a keyword was expected: a string in the wrong key may be a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from jackin_sdk.tables._base import UNION_TAGS

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

__all__ = ["Issue", "TableError", "issues_of", "validate_table"]

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]
Kind = Literal["missing", "extra", "type", "value"]

_KEYWORD_MAX = 32
_FIXED: dict[str, tuple[Kind, str]] = {
    "missing": ("missing", "required key is missing"),
    "extra_forbidden": ("extra", "unknown key"),
}
_EXPECTED: dict[str, str] = {
    "string_type": "a string",
    "bool_type": "true or false",
    "int_type": "an integer",
    "float_type": "a number",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem: where (`loc`, keys and list indexes), what kind, and a message.

    Kinds: `missing` (a required key), `extra` (an unknown key), `type` (a value of the
    wrong type) and `value` (the right type, a wrong value).
    """

    loc: Loc
    kind: Kind
    message: str


class TableError(ValueError):
    """Data that does not fit a table model; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        lines = (f"{'.'.join(map(str, i.loc)) or '(top level)'}: {i.message}" for i in issues)
        super().__init__("\n".join(lines))


def validate_table(model: type[M], data: object) -> M:
    """`data` (a dict from TOML) as a `model`; TableError names every problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise TableError(issues_of(exc, data)) from None


def issues_of(exc: ValidationError, data: object) -> list[Issue]:
    """pydantic's errors as issues located by keys of `data`, in pydantic's order, each
    once."""
    found: list[Issue] = []
    for error in exc.errors(include_url=False):
        loc = _file_loc(error["loc"], data)
        issue = Issue(loc, *_describe(error))
        if issue not in found:
            found.append(issue)
    return found


def _file_loc(loc: tuple[str | int, ...], data: object) -> Loc:
    """`loc` as keys of the file, without the tag pydantic adds for the member of a
    `shape_union` it chose: walking `data` along `loc`, a part that is a union tag but
    not a key of the value reached so far goes. The last part (the key at fault) stays."""
    kept: list[str | int] = []
    current: object = data
    for index, part in enumerate(loc):
        if _holds(current, part):
            current = current[part]  # type: ignore[index]
        elif part in UNION_TAGS and index < len(loc) - 1:
            continue
        else:
            current = None
        kept.append(part)
    return tuple(kept)


def _holds(value: object, part: str | int) -> bool:
    if isinstance(value, Mapping):
        return part in value
    return isinstance(value, list | tuple) and isinstance(part, int) and 0 <= part < len(value)


def _describe(error: ErrorDetails) -> tuple[Kind, str]:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    fixed = _FIXED.get(kind)
    if fixed is not None:
        return fixed
    if kind in _EXPECTED or kind == "jackin_shape":
        expected = _EXPECTED.get(kind) or ctx["expected"]
        return "type", f"expected {expected}, got {_shown(value)}"
    if kind in {"enum", "literal_error"}:
        allowed = _one_of(str(ctx.get("expected", "")))
        return "value", f"expected one of {allowed}, got {_shown(value, keyword=True)}"
    if kind == "greater_than_equal":
        return "value", f"must be at least {ctx['ge']}"
    if kind == "string_pattern_mismatch":
        return "value", f"must match {ctx['pattern']}"
    return "value", error["msg"]  # pydantic's own text, which names no input value


def _one_of(expected: str) -> str:
    """pydantic's `'a', 'b' or 'c'` as `'a', 'b', 'c'`."""
    head, sep, last = expected.rpartition(" or ")
    return f"{head}, {last}" if sep else expected


def _shown(value: object, *, keyword: bool = False) -> str:
    """How a wrong value is named in a message.

    A string is quoted only where a keyword was expected (a misspelt `isolation`); in
    any other place it could be a secret typed into the wrong key, so only its type is.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value) if keyword and len(value) <= _KEYWORD_MAX else "a string"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Mapping):
        return "a table"
    return "a list" if isinstance(value, list | tuple) else type(value).__name__
