"""JSON Schemas of the table models, and the editor hint that points a file at its schema.

The schemas are committed under `schemas/` at the repository root (a test keeps them
current) and published from there: taplo and Even Better TOML read the first-line
directive `#:schema <url>` and then complete and check keys as the operator types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

if TYPE_CHECKING:
    from pydantic_core import core_schema

__all__ = ["SCHEMA_URL_BASE", "json_schema", "schema_hint"]

#: Where the committed schemas are served: the `schemas/` folder of the repository's
#: main branch, raw. A file jackin writes names `<SCHEMA_URL_BASE>/<name>.schema.json`.
SCHEMA_URL_BASE = "https://raw.githubusercontent.com/jackin-project/jackin-python/main/schemas"

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _TomlJsonSchema(GenerateJsonSchema):
    """pydantic's generator for TOML files: TOML has no null, an optional key is simply
    left out, so `X | None` is published as `X` and a default of None is not shown."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        if schema.get("default", ...) is None:
            return self.generate_inner(schema["schema"])
        return super().default_schema(schema)


def schema_url(name: str) -> str:
    """The published URL of `schemas/<name>.schema.json`."""
    return f"{SCHEMA_URL_BASE}/{name}.schema.json"


def schema_hint(name: str) -> str:
    """The first line of a file jackin creates: `#:schema <url>` (taplo's directive)."""
    return f"#:schema {schema_url(name)}"


def json_schema(model: type[BaseModel], *, name: str, title: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what `model` accepts, as published for `name`."""
    body = model.model_json_schema(mode="validation", schema_generator=_TomlJsonSchema)
    body["title"] = title
    return {"$schema": _DIALECT, "$id": schema_url(name), **body}
