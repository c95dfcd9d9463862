"""Serialising models to TOML with the reference's skip-defaults rules.

Omitted: None, empty maps and lists, `false` booleans and sub-tables that end up empty
(default `[keep_awake]`, `[runtime]`, `[telemetry]`, `[git]`). Always written: `version`
first, `[[mounts]]` `readonly` and `isolation`, and `auth_forward` (a present agent table
pins its mode). An extended env value without `on_demand` collapses to a plain string;
env value tables are written inline.
"""

from __future__ import annotations

from typing import Any

import tomlkit
from pydantic import BaseModel
from tomlkit import TOMLDocument
from tomlkit.items import Item

__all__ = ["model_to_document", "prune", "to_toml_item"]

_ENV_KEYS = {"env"}


def _is_env_table(value: Any) -> bool:
    return isinstance(value, dict) and ("op" in value or "value" in value)


def prune(value: Any, *, keep: frozenset[str] = frozenset()) -> Any:
    """Drop None, empty collections and False, recursively; `keep` names keys to retain."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "mounts" and isinstance(item, list):
                out[key] = [prune(m, keep=frozenset({"readonly", "isolation"})) for m in item]
                continue
            cleaned = prune(item)
            if key in keep:
                out[key] = item
            elif cleaned is None or cleaned is False or cleaned in ({}, []):
                continue
            else:
                out[key] = cleaned
        return out
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def _collapse_env(value: Any) -> Any:
    """`{value = "x"}` inside any `env` table becomes `"x"` (run after `prune`)."""
    if isinstance(value, list):
        return [_collapse_env(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in _ENV_KEYS and isinstance(item, dict):
            out[key] = {
                name: v["value"] if isinstance(v, dict) and set(v) == {"value"} else v
                for name, v in item.items()
            }
        else:
            out[key] = _collapse_env(item)
    return out


def to_toml_item(value: Any) -> Any:
    """A plain value as a tomlkit item (env value tables inline, lists of tables as AoT)."""
    converted = _to_items(value)
    return converted if isinstance(converted, Item) else tomlkit.item(converted)


def _to_items(value: Any, *, inline: bool = False) -> Any:
    if isinstance(value, dict):
        if inline or _is_env_table(value):
            inline_table = tomlkit.inline_table()
            for key, item in value.items():
                inline_table[key] = _to_items(item, inline=True)
            return inline_table
        table = tomlkit.table()
        for key, item in value.items():
            table[key] = _to_items(item)
        return table
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        array = tomlkit.aot()
        for item in value:
            array.append(_to_items(item))
        return array
    return value


def model_to_document(
    model: BaseModel, *, version: str, schema_hint: str | None = None
) -> TOMLDocument:
    """A fresh TOML document for `model` stamped with `version`, its first line the editor
    hint `schema_hint` (`#:schema <url>`) when given."""
    data = _collapse_env(prune(model.model_dump(mode="json", exclude={"version"})))
    document = tomlkit.parse(f"{schema_hint}\n") if schema_hint else tomlkit.document()
    document["version"] = version
    for key, value in data.items():
        document[key] = _to_items(value)
    return document
