"""Small, format-preserving operations on TOML documents by dotted path."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import tomlkit
from tomlkit import TOMLDocument
from tomlkit.container import Container
from tomlkit.items import Item, Table

from jackin_sdk.config._dump import to_toml_item

__all__ = ["ensure_table", "get_path", "remove_path", "set_path"]

_Mapping = TOMLDocument | Table | Container


def _is_mapping(value: object) -> bool:
    return isinstance(value, TOMLDocument | Table | Container) or (
        isinstance(value, Item) and hasattr(value, "keys")
    )


def get_path(document: TOMLDocument, path: Sequence[str]) -> Any:
    """The item at `path`, or None."""
    current: Any = document
    for key in path:
        if not _is_mapping(current) or key not in current:
            return None
        current = current[key]
    return current


def ensure_table(document: TOMLDocument, path: Sequence[str]) -> Any:
    """The table at `path`, creating missing tables (intermediate ones as super tables)."""
    current: Any = document
    for index, key in enumerate(path):
        if key not in current:
            is_last = index == len(path) - 1
            current[key] = tomlkit.table(is_super_table=not is_last)
        current = current[key]
        if not _is_mapping(current):
            raise TypeError(f"{'.'.join(path[: index + 1])} is not a table")
    return current


def set_path(
    document: TOMLDocument, path: Sequence[str], value: Any, *, comment: str | None = None
) -> None:
    """Set the value at `path` (tables created as needed), optionally with a comment."""
    table = ensure_table(document, path[:-1]) if len(path) > 1 else document
    existing = table.get(path[-1]) if path[-1] in table else None
    if isinstance(value, Mapping) and isinstance(existing, Table) and not comment:
        _merge(existing, value)
        return
    item = to_toml_item(value)
    if comment and isinstance(item, Item):
        item.comment(comment)
    table[path[-1]] = item


def _merge(table: Table, value: Mapping[str, Any]) -> None:
    """Make `table` equal `value` in place: the operator's comments (above, inside and
    after the keys) and key order survive; keys gone from `value` are removed and new
    ones appended (a table stays a table; an inline or scalar value is replaced, which keeps
    its trailing comment). Replacing the table instead would drop every comment inside it."""
    for key in [k for k in table if k not in value]:
        del table[key]
    for key, new in value.items():
        old = table.get(key) if key in table else None
        if isinstance(new, Mapping) and isinstance(old, Table):
            _merge(old, new)
        elif not _same(old, new):
            table[key] = to_toml_item(new)  # tomlkit keeps the old item's trailing comment


def _same(old: Any, new: Any) -> bool:
    """An unchanged value is left as written (quoting, spacing)."""
    if old is None:
        return False
    plain = old.unwrap() if isinstance(old, Item) else old
    return type(plain) is type(new) and bool(plain == new)


def remove_path(document: TOMLDocument, path: Sequence[str]) -> bool:
    """Remove the value at `path`; tables left empty by the removal go too."""
    parents: list[Any] = [document]
    current: Any = document
    for key in path[:-1]:
        if not _is_mapping(current) or key not in current:
            return False
        current = current[key]
        parents.append(current)
    if not _is_mapping(current) or path[-1] not in current:
        return False
    del current[path[-1]]
    for depth in range(len(path) - 1, 0, -1):
        table = parents[depth]
        if len(table) == 0:
            del parents[depth - 1][path[depth - 1]]
        else:
            break
    return True
