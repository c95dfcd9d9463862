"""jackin's TOML tables as pydantic models: the strict and lax bases, validation whose
problems carry their key path and an operator-friendly message, and JSON Schemas.

`config.toml`, workspace files and `jackin.role.toml` are read through models built on
`StrictTable` (unknown keys are errors) and `LaxTable` (unknown keys are dropped from the
model and kept in the file). Importing this package imports pydantic: only commands that
read one of those files do.
"""

from jackin_sdk.tables._base import Keyword, LaxTable, StrictTable, Table, member, shape_union
from jackin_sdk.tables._issues import Issue, TableError, validate_table
from jackin_sdk.tables._schema import SCHEMA_URL_BASE, json_schema, schema_hint

__all__ = [
    "SCHEMA_URL_BASE",
    "Issue",
    "Keyword",
    "LaxTable",
    "StrictTable",
    "Table",
    "TableError",
    "json_schema",
    "member",
    "schema_hint",
    "shape_union",
    "validate_table",
]
