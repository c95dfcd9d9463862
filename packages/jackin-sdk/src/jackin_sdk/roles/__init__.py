"""Roles: selectors and sources (manifests, validation and caches arrive with roles)."""

from jackin_sdk.roles._findings import Finding, Severity, ValidationReport
from jackin_sdk.roles._selector import RoleSelector
from jackin_sdk.roles._sources import (
    DEFAULT_NAMESPACE,
    RoleSource,
    resolve_role_source,
    synthesized_git_url,
)

__all__ = [
    "DEFAULT_NAMESPACE",
    "Finding",
    "RoleSelector",
    "RoleSource",
    "Severity",
    "ValidationReport",
    "resolve_role_source",
    "synthesized_git_url",
]
