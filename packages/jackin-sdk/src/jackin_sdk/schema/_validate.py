"""`validate`: plain TOML data into records, with every problem located by its key path.

Types understood: records, `str`, `bool`, `int`, `float`, `Literal`, enums, `X | None`,
unions (members tried left to right), `list[T]`, `dict[str, T]` and `Annotated[T, c]`
with the constraints of `_record`. Conversions are the ones TOML needs and no more: an
enum from its value, a float from an integer. A `bool` is never an integer.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from enum import Enum
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin

from jackin_sdk.schema._record import AtLeast, Matches, Record

__all__ = ["Issue", "SchemaError", "validate"]

R = TypeVar("R", bound=Record)
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem: where (`loc`, keys and list indexes), what kind, and a message.

    Kinds: `missing` (a required key), `extra` (an unknown key), `type` (a value of the
    wrong type) and `value` (the right type, a wrong value).
    """

    loc: Loc
    kind: Literal["missing", "extra", "type", "value"]
    message: str


class SchemaError(ValueError):
    """Data that does not fit a record; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        lines = (f"{'.'.join(map(str, i.loc)) or '(top level)'}: {i.message}" for i in issues)
        super().__init__("\n".join(lines))


def validate(record: type[R], data: object) -> R:
    """`data` (a dict from TOML) as a `record`; SchemaError names every problem."""
    issues: list[Issue] = []
    result = _convert(record, data, (), issues)
    if issues:
        raise SchemaError(issues)
    return cast(R, result)


class _Invalid:
    pass


_INVALID = _Invalid()
_NONE_TYPE = type(None)
_KEYWORD_MAX = 32
_SCALARS: dict[type, str] = {
    str: "a string",
    bool: "true or false",
    int: "an integer",
    float: "a number",
}


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    type: Any
    required: bool


_FIELDS: dict[type, tuple[_Field, ...]] = {}


def _fields_of(record: type[Record]) -> tuple[_Field, ...]:
    cached = _FIELDS.get(record)
    if cached is None:
        hints = typing.get_type_hints(record, include_extras=True)
        cached = tuple(
            _Field(f.name, hints[f.name], f.default is MISSING and f.default_factory is MISSING)
            for f in fields(record)  # type: ignore[arg-type]
            if f.init
        )
        _FIELDS[record] = cached
    return cached


def _describe(tp: Any) -> str:
    if isinstance(tp, type) and issubclass(tp, Record):
        return "a table"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of " + ", ".join(repr(m.value) for m in tp)
    if get_origin(tp) is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if get_origin(tp) is list:
        return "a list"
    if get_origin(tp) is dict:
        return "a table"
    return _SCALARS.get(tp, getattr(tp, "__name__", str(tp)))


def _convert(tp: Any, value: object, loc: Loc, issues: list[Issue]) -> object:
    origin = get_origin(tp)
    convert = _BY_ORIGIN.get(origin) if origin is not None else None
    if convert is not None:
        return convert(tp, value, loc, issues)
    if isinstance(tp, type):
        if issubclass(tp, Record):
            return _record(tp, value, loc, issues)
        if issubclass(tp, Enum):
            return _enum(tp, value, loc, issues)
        return _scalar(tp, value, loc, issues)
    raise TypeError(f"cannot validate against {tp!r}")


def _annotated(tp: Any, value: object, loc: Loc, issues: list[Issue]) -> object:
    base, *constraints = get_args(tp)
    converted = _convert(base, value, loc, issues)
    if converted is _INVALID:
        return _INVALID
    for constraint in constraints:
        problem = (
            constraint.problem(converted) if isinstance(constraint, AtLeast | Matches) else None
        )
        if problem is not None:
            issues.append(Issue(loc, "value", problem))
            return _INVALID
    return converted


def _literal(tp: Any, value: object, loc: Loc, issues: list[Issue]) -> object:
    for allowed in get_args(tp):
        if value == allowed and type(value) is type(allowed):
            return value
    return _wrong(tp, value, loc, issues, kind="value")


def _list(tp: Any, value: object, loc: Loc, issues: list[Issue]) -> object:
    if not isinstance(value, list | tuple):
        return _wrong(tp, value, loc, issues)
    (item_type,) = get_args(tp)
    items = [_convert(item_type, item, (*loc, i), issues) for i, item in enumerate(value)]
    return _INVALID if any(i is _INVALID for i in items) else items


def _dict(tp: Any, value: object, loc: Loc, issues: list[Issue]) -> object:
    if not isinstance(value, Mapping):
        return _wrong(tp, value, loc, issues)
    _key_type, value_type = get_args(tp)
    out = {str(k): _convert(value_type, v, (*loc, str(k)), issues) for k, v in value.items()}
    return _INVALID if any(v is _INVALID for v in out.values()) else out


def _union_of(tp: Any, value: object, loc: Loc, issues: list[Issue]) -> object:
    return _union(get_args(tp), value, loc, issues)


_BY_ORIGIN: dict[Any, Callable[[Any, object, Loc, list[Issue]], object]] = {
    typing.Annotated: _annotated,
    Union: _union_of,
    types.UnionType: _union_of,
    Literal: _literal,
    list: _list,
    dict: _dict,
}


def _enum(tp: type[Enum], value: object, loc: Loc, issues: list[Issue]) -> object:
    if isinstance(value, tp):
        return value
    try:
        return tp(value)
    except ValueError:
        return _wrong(tp, value, loc, issues, kind="value")


def _scalar(tp: type, value: object, loc: Loc, issues: list[Issue]) -> object:
    if tp is _NONE_TYPE:
        return None if value is None else _wrong(tp, value, loc, issues)
    if isinstance(value, bool) and tp is not bool:
        return _wrong(tp, value, loc, issues)
    if tp is float and isinstance(value, int):
        return float(value)
    return value if isinstance(value, tp) else _wrong(tp, value, loc, issues)


def _wrong(
    tp: Any,
    value: object,
    loc: Loc,
    issues: list[Issue],
    *,
    kind: Literal["type", "value"] = "type",
) -> _Invalid:
    shown = _shown(value, keyword=kind == "value")
    issues.append(Issue(loc, kind, f"expected {_describe(tp)}, got {shown}"))
    return _INVALID


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


def _record(record: type[Record], value: object, loc: Loc, issues: list[Issue]) -> object:
    if isinstance(value, record):
        return value
    if not isinstance(value, Mapping):
        return _wrong(record, value, loc, issues)
    before = len(issues)
    known = _fields_of(record)
    names = {f.name for f in known}
    if record.__extra__ == "forbid":
        for key in value:
            if key not in names:
                issues.append(Issue((*loc, str(key)), "extra", "unknown key"))
    kwargs: dict[str, object] = {}
    for item in known:
        if item.name in value:
            kwargs[item.name] = _convert(item.type, value[item.name], (*loc, item.name), issues)
        elif item.required:
            issues.append(Issue((*loc, item.name), "missing", "required key is missing"))
    if len(issues) > before:
        return _INVALID
    return record(**kwargs)


def _union(members: tuple[Any, ...], value: object, loc: Loc, issues: list[Issue]) -> object:
    """The first member that accepts `value`; otherwise the problems of the closest member.

    A table or list is compared only with the members of its shape, and the one with the
    fewest problems speaks: `{op = "…", pth = "…"}` reports the misspelt key rather than
    "expected a string". A wrong scalar lists what every member expects.
    """
    if value is None and _NONE_TYPE in members:
        return None
    candidates = [m for m in members if m is not _NONE_TYPE]
    attempts: list[list[Issue]] = []
    for member in candidates:
        found: list[Issue] = []
        converted = _convert(member, value, loc, found)
        if not found:
            return converted
        if len(candidates) == 1 or _shape_of_type(member) == _shape_of_value(value) != "scalar":
            attempts.append(found)
    if attempts:
        closest = attempts[0]
        for found in attempts[1:]:
            if len(found) < len(closest):
                closest = found
        issues.extend(closest)
    else:
        names = " or ".join(dict.fromkeys(_describe(m) for m in candidates))
        issues.append(Issue(loc, "type", f"expected {names}, got {_shown(value)}"))
    return _INVALID


def _shape_of_type(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _shape_of_type(get_args(tp)[0])
    if origin is dict or (isinstance(tp, type) and issubclass(tp, Record)):
        return "table"
    return "list" if origin is list else "scalar"


def _shape_of_value(value: object) -> str:
    if isinstance(value, Mapping):
        return "table"
    return "list" if isinstance(value, list | tuple) else "scalar"
