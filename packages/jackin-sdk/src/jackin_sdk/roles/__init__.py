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
from jackin_sdk.roles._marketplace import (
    BUILTIN_MARKETPLACE,
    BUILTIN_MARKETPLACE_SOURCE,
    MarketplaceFetcher,
    MarketplaceFetchError,
    MarketplaceSource,
    UrllibFetcher,
    check_marketplaces,
)
from jackin_sdk.roles._migrate import RoleMigration, migrate_role
from jackin_sdk.roles._published import image_repository, publish_labels
from jackin_sdk.roles._report_format import REPORT_FORMATS, format_report
from jackin_sdk.roles._scaffold import (
    PROJECTS_DIR_ENV,
    SCAFFOLD_CONSTRUCT_TAG,
    projects_default,
    scaffold_role,
)
from jackin_sdk.roles._selector import RoleSelector
from jackin_sdk.roles._sources import (
    DEFAULT_NAMESPACE,
    RoleSource,
    resolve_role_source,
    synthesized_git_url,
)
from jackin_sdk.roles._trust import TrustPrompt, require_branch_confirmation, require_trust
from jackin_sdk.roles._validate import load_manifest, validate_role

__all__ = [
    "BUILTIN_MARKETPLACE",
    "BUILTIN_MARKETPLACE_SOURCE",
    "CONSTRUCT_REPOSITORY",
    "DEFAULT_NAMESPACE",
    "LEGACY_MANIFEST_FILE",
    "MANIFEST_FILE",
    "MANIFEST_KIND",
    "MANIFEST_VERSION",
    "PROJECTS_DIR_ENV",
    "REPORT_FORMATS",
    "SCAFFOLD_CONSTRUCT_TAG",
    "CachedRole",
    "EnvVarDecl",
    "Finding",
    "FromLine",
    "MarketplaceFetchError",
    "MarketplaceFetcher",
    "MarketplaceSource",
    "RoleCache",
    "RoleCacheError",
    "RoleManifest",
    "RoleMigration",
    "RoleSelector",
    "RoleSource",
    "Severity",
    "TrustPrompt",
    "UrllibFetcher",
    "ValidationReport",
    "check_marketplaces",
    "final_from",
    "format_report",
    "image_repository",
    "interpolate",
    "load_manifest",
    "migrate_role",
    "projects_default",
    "publish_labels",
    "require_branch_confirmation",
    "require_trust",
    "resolution_order",
    "resolve_role_source",
    "scaffold_role",
    "synthesized_git_url",
    "url_matches",
    "validate_role",
]
