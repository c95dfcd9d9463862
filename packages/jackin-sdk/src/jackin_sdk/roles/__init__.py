"""Roles: selectors, sources, the manifest, validation, migration and publishing helpers.

Exports load on first use: the CLI reads a selector without importing the manifest models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from jackin_sdk.roles._cache import (
        CachedRole,
        RoleCache,
        RoleCacheError,
        url_matches,
    )
    from jackin_sdk.roles._dockerfile import (
        CONSTRUCT_REPOSITORY,
        FromLine,
        final_from,
        parse_from_lines,
    )
    from jackin_sdk.roles._env_decls import (
        interpolate,
        resolution_order,
    )
    from jackin_sdk.roles._findings import (
        Finding,
        Severity,
        ValidationReport,
    )
    from jackin_sdk.roles._manifest import (
        LEGACY_MANIFEST_FILE,
        MANIFEST_FILE,
        MANIFEST_KIND,
        MANIFEST_SCHEMA,
        MANIFEST_VERSION,
        EnvVarDecl,
        RoleManifest,
        manifest_json_schema,
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
    from jackin_sdk.roles._migrate import (
        RoleMigration,
        migrate_role,
    )
    from jackin_sdk.roles._published import (
        image_repository,
        publish_labels,
    )
    from jackin_sdk.roles._report_format import (
        REPORT_FORMATS,
        format_report,
    )
    from jackin_sdk.roles._scaffold import (
        PROJECTS_DIR_ENV,
        SCAFFOLD_CONSTRUCT_TAG,
        projects_default,
        scaffold_role,
    )
    from jackin_sdk.roles._trust import (
        Confirm,
        TrustPrompt,
        require_branch_confirmation,
        require_trust,
    )
    from jackin_sdk.roles._validate import (
        load_manifest,
        validate_role,
    )
    from jackin_sdk.roles._verbs import (
        RoleVerbOutput,
        construct_version_verb,
        create_verb,
        migrate_verb,
        publish_labels_verb,
        published_image_verb,
        schema_verb,
        validate_verb,
    )
    from jackin_sdk.vocab import (
        DEFAULT_NAMESPACE,
        RoleSelector,
        RoleSource,
        resolve_role_source,
        synthesized_git_url,
    )

_EXPORTS: dict[str, str] = {
    "BUILTIN_MARKETPLACE": "jackin_sdk.roles._marketplace",
    "BUILTIN_MARKETPLACE_SOURCE": "jackin_sdk.roles._marketplace",
    "CONSTRUCT_REPOSITORY": "jackin_sdk.roles._dockerfile",
    "CachedRole": "jackin_sdk.roles._cache",
    "DEFAULT_NAMESPACE": "jackin_sdk.vocab",
    "EnvVarDecl": "jackin_sdk.roles._manifest",
    "Finding": "jackin_sdk.roles._findings",
    "FromLine": "jackin_sdk.roles._dockerfile",
    "LEGACY_MANIFEST_FILE": "jackin_sdk.roles._manifest",
    "MANIFEST_FILE": "jackin_sdk.roles._manifest",
    "MANIFEST_KIND": "jackin_sdk.roles._manifest",
    "MANIFEST_SCHEMA": "jackin_sdk.roles._manifest",
    "manifest_json_schema": "jackin_sdk.roles._manifest",
    "MANIFEST_VERSION": "jackin_sdk.roles._manifest",
    "MarketplaceFetchError": "jackin_sdk.roles._marketplace",
    "MarketplaceFetcher": "jackin_sdk.roles._marketplace",
    "MarketplaceSource": "jackin_sdk.roles._marketplace",
    "PROJECTS_DIR_ENV": "jackin_sdk.roles._scaffold",
    "REPORT_FORMATS": "jackin_sdk.roles._report_format",
    "RoleCache": "jackin_sdk.roles._cache",
    "RoleCacheError": "jackin_sdk.roles._cache",
    "RoleManifest": "jackin_sdk.roles._manifest",
    "RoleMigration": "jackin_sdk.roles._migrate",
    "RoleSelector": "jackin_sdk.vocab",
    "RoleSource": "jackin_sdk.vocab",
    "RoleVerbOutput": "jackin_sdk.roles._verbs",
    "SCAFFOLD_CONSTRUCT_TAG": "jackin_sdk.roles._scaffold",
    "Severity": "jackin_sdk.roles._findings",
    "TrustPrompt": "jackin_sdk.roles._trust",
    "Confirm": "jackin_sdk.roles._trust",
    "parse_from_lines": "jackin_sdk.roles._dockerfile",
    "UrllibFetcher": "jackin_sdk.roles._marketplace",
    "ValidationReport": "jackin_sdk.roles._findings",
    "check_marketplaces": "jackin_sdk.roles._marketplace",
    "construct_version_verb": "jackin_sdk.roles._verbs",
    "create_verb": "jackin_sdk.roles._verbs",
    "final_from": "jackin_sdk.roles._dockerfile",
    "format_report": "jackin_sdk.roles._report_format",
    "image_repository": "jackin_sdk.roles._published",
    "interpolate": "jackin_sdk.roles._env_decls",
    "load_manifest": "jackin_sdk.roles._validate",
    "migrate_role": "jackin_sdk.roles._migrate",
    "migrate_verb": "jackin_sdk.roles._verbs",
    "projects_default": "jackin_sdk.roles._scaffold",
    "publish_labels": "jackin_sdk.roles._published",
    "publish_labels_verb": "jackin_sdk.roles._verbs",
    "published_image_verb": "jackin_sdk.roles._verbs",
    "schema_verb": "jackin_sdk.roles._verbs",
    "require_branch_confirmation": "jackin_sdk.roles._trust",
    "require_trust": "jackin_sdk.roles._trust",
    "resolution_order": "jackin_sdk.roles._env_decls",
    "resolve_role_source": "jackin_sdk.vocab",
    "scaffold_role": "jackin_sdk.roles._scaffold",
    "synthesized_git_url": "jackin_sdk.vocab",
    "url_matches": "jackin_sdk.roles._cache",
    "validate_role": "jackin_sdk.roles._validate",
    "validate_verb": "jackin_sdk.roles._verbs",
}

__all__ = [
    "BUILTIN_MARKETPLACE",
    "BUILTIN_MARKETPLACE_SOURCE",
    "CONSTRUCT_REPOSITORY",
    "DEFAULT_NAMESPACE",
    "LEGACY_MANIFEST_FILE",
    "MANIFEST_FILE",
    "MANIFEST_KIND",
    "MANIFEST_SCHEMA",
    "MANIFEST_VERSION",
    "PROJECTS_DIR_ENV",
    "REPORT_FORMATS",
    "SCAFFOLD_CONSTRUCT_TAG",
    "CachedRole",
    "Confirm",
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
    "RoleVerbOutput",
    "Severity",
    "TrustPrompt",
    "UrllibFetcher",
    "ValidationReport",
    "check_marketplaces",
    "construct_version_verb",
    "create_verb",
    "final_from",
    "format_report",
    "image_repository",
    "interpolate",
    "load_manifest",
    "manifest_json_schema",
    "migrate_role",
    "migrate_verb",
    "parse_from_lines",
    "projects_default",
    "publish_labels",
    "publish_labels_verb",
    "published_image_verb",
    "require_branch_confirmation",
    "require_trust",
    "resolution_order",
    "resolve_role_source",
    "scaffold_role",
    "schema_verb",
    "synthesized_git_url",
    "url_matches",
    "validate_role",
    "validate_verb",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
