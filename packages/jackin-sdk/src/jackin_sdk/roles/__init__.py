"""Roles: selectors, sources, the manifest, validation, migration and publishing helpers."""

from jackin_sdk.roles._cache import CachedRole, RoleCache, RoleCacheError, url_matches
from jackin_sdk.roles._dockerfile import CONSTRUCT_REPOSITORY, FromLine, final_from
from jackin_sdk.roles._env_decls import interpolate, resolution_order
from jackin_sdk.roles._findings import Finding, Severity, ValidationReport
from jackin_sdk.roles._manifest import (
    LEGACY_MANIFEST_FILE,
    MANIFEST_FILE,
    MANIFEST_KIND,
    MANIFEST_VERSION,
    EnvVarDecl,
    RoleManifest,
)
from jackin_sdk.roles._migrate import RoleMigration, migrate_role
from jackin_sdk.roles._published import image_repository, publish_labels
from jackin_sdk.roles._report_format import REPORT_FORMATS, format_report
from jackin_sdk.roles._selector import RoleSelector
from jackin_sdk.roles._sources import (
    DEFAULT_NAMESPACE,
    RoleSource,
    resolve_role_source,
    synthesized_git_url,
)
from jackin_sdk.roles._validate import load_manifest, validate_role

__all__ = [
    "CONSTRUCT_REPOSITORY",
    "DEFAULT_NAMESPACE",
    "LEGACY_MANIFEST_FILE",
    "MANIFEST_FILE",
    "MANIFEST_KIND",
    "MANIFEST_VERSION",
    "REPORT_FORMATS",
    "CachedRole",
    "EnvVarDecl",
    "Finding",
    "FromLine",
    "RoleCache",
    "RoleCacheError",
    "RoleManifest",
    "RoleMigration",
    "RoleSelector",
    "RoleSource",
    "Severity",
    "ValidationReport",
    "final_from",
    "format_report",
    "image_repository",
    "interpolate",
    "load_manifest",
    "migrate_role",
    "publish_labels",
    "resolution_order",
    "resolve_role_source",
    "synthesized_git_url",
    "url_matches",
    "validate_role",
]
