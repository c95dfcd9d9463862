"""JSON Schemas of the table models, and the editor hint that points a file at its schema.

The schemas are committed under `schemas/` at the repository root (a test keeps them
current) and published from there: taplo and Even Better TOML read the first-line
directive `#:schema <url>` and then complete and check keys as the operator types.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

__all__ = ["SCHEMA_URL_BASE", "json_schema", "schema_hint"]

#: Where the committed schemas are served: the `schemas/` folder of the repository's
#: main branch, raw. A file jackin writes names `<SCHEMA_URL_BASE>/<name>.schema.json`.
SCHEMA_URL_BASE = "https://raw.githubusercontent.com/jackin-project/jackin-python/main/schemas"

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_url(name: str) -> str:
    """The published URL of `schemas/<name>.schema.json`."""
    return f"{SCHEMA_URL_BASE}/{name}.schema.json"


def schema_hint(name: str) -> str:
    """The first line of a file jackin creates: `#:schema <url>` (taplo's directive)."""
    return f"#:schema {schema_url(name)}"


def json_schema(model: type[BaseModel], *, name: str, title: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what `model` accepts, as published for `name`."""
    body = model.model_json_schema(mode="validation")
    body["title"] = title
    return {"$schema": _DIALECT, "$id": schema_url(name), **body}
