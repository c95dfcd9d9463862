"""Schema version grammar and ordering shared by every versioned jackin file."""

from jackin_sdk.versioning._schema_version import SchemaVersion, SchemaVersionError, Stage

__all__ = ["SchemaVersion", "SchemaVersionError", "Stage"]
