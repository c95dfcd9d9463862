"""The migration engine for versioned TOML files (config, workspaces, role manifests)."""

from jackin_sdk.migrations._engine import (
    DocumentKind,
    MigrationError,
    MigrationResult,
    MigrationStep,
    document_version,
    migrate_document,
    restamp_chain,
    stamp_version,
)

__all__ = [
    "DocumentKind",
    "MigrationError",
    "MigrationResult",
    "MigrationStep",
    "document_version",
    "migrate_document",
    "restamp_chain",
    "stamp_version",
]
