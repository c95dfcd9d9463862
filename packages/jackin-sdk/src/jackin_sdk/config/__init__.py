"""Operator configuration: typed models, loading with migration, and validation.

Exports load on first use (`_lazy`), so importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from jackin_sdk.config._builtins import (
        BUILTIN_ROLES,
        with_builtin_roles,
    )
    from jackin_sdk.config._dump import (
        model_to_document,
    )
    from jackin_sdk.config._editor import (
        ConfigEditor,
    )
    from jackin_sdk.config._errors import (
        ConfigError,
    )
    from jackin_sdk.config._global_mount_ops import (
        add_global_mount,
        remove_global_mount,
    )
    from jackin_sdk.config._models import (
        AGENT_TABLES,
        CONFIG_SCHEMA,
        WORKSPACE_SCHEMA,
        AgentAuthConfig,
        AppConfig,
        DirtyExitPolicy,
        DockerConfig,
        DockerGrants,
        DockerProfile,
        GitConfig,
        GithubAuthConfig,
        GlobalMountConfig,
        KeepAwakeConfig,
        MountConfig,
        RoleSource,
        RuntimeConfig,
        TelemetryConfig,
        WorkspaceConfig,
        WorkspaceDockerConfig,
        WorkspaceRoleOverride,
        WorkspaceRuntimeConfig,
        config_json_schema,
        workspace_json_schema,
    )
    from jackin_sdk.config._operations import (
        EnvScope,
        GitFlag,
        env_values,
        grant_trust,
        revoke_trust,
        set_env,
        set_git_flag,
        set_global_auth,
        set_last_role,
        trusted_roles,
        unset_env,
        validate_env_key,
    )
    from jackin_sdk.config._semantics import (
        global_mount_entries,
        operator_limit_layers,
        workspace_mounts,
    )
    from jackin_sdk.config._store import (
        CONFIG_LOCK_PURPOSE,
        OperatorConfig,
        config_lock,
        load_operator_config,
        parse_workspace_text,
    )
    from jackin_sdk.config._toml import (
        parse_document,
    )
    from jackin_sdk.config._versions import (
        CONFIG_KIND,
        CONFIG_VERSION,
        WORKSPACE_KIND,
        WORKSPACE_VERSION,
    )
    from jackin_sdk.config._workspace_ops import (
        WorkspaceEdit,
        WorkspacePlan,
        apply_workspace_plan,
        plan_workspace_create,
        plan_workspace_edit,
        plan_workspace_prune,
    )

_EXPORTS: dict[str, str] = {
    "AGENT_TABLES": "jackin_sdk.config._models",
    "CONFIG_SCHEMA": "jackin_sdk.config._models",
    "WORKSPACE_SCHEMA": "jackin_sdk.config._models",
    "config_json_schema": "jackin_sdk.config._models",
    "workspace_json_schema": "jackin_sdk.config._models",
    "BUILTIN_ROLES": "jackin_sdk.config._builtins",
    "CONFIG_KIND": "jackin_sdk.config._versions",
    "CONFIG_LOCK_PURPOSE": "jackin_sdk.config._store",
    "CONFIG_VERSION": "jackin_sdk.config._versions",
    "WORKSPACE_KIND": "jackin_sdk.config._versions",
    "WORKSPACE_VERSION": "jackin_sdk.config._versions",
    "AgentAuthConfig": "jackin_sdk.config._models",
    "AppConfig": "jackin_sdk.config._models",
    "ConfigEditor": "jackin_sdk.config._editor",
    "ConfigError": "jackin_sdk.config._errors",
    "DirtyExitPolicy": "jackin_sdk.config._models",
    "DockerConfig": "jackin_sdk.config._models",
    "DockerGrants": "jackin_sdk.config._models",
    "DockerProfile": "jackin_sdk.config._models",
    "EnvScope": "jackin_sdk.config._operations",
    "GitConfig": "jackin_sdk.config._models",
    "GitFlag": "jackin_sdk.config._operations",
    "GithubAuthConfig": "jackin_sdk.config._models",
    "GlobalMountConfig": "jackin_sdk.config._models",
    "KeepAwakeConfig": "jackin_sdk.config._models",
    "MountConfig": "jackin_sdk.config._models",
    "OperatorConfig": "jackin_sdk.config._store",
    "RoleSource": "jackin_sdk.config._models",
    "RuntimeConfig": "jackin_sdk.config._models",
    "TelemetryConfig": "jackin_sdk.config._models",
    "WorkspaceConfig": "jackin_sdk.config._models",
    "WorkspaceDockerConfig": "jackin_sdk.config._models",
    "WorkspaceEdit": "jackin_sdk.config._workspace_ops",
    "WorkspacePlan": "jackin_sdk.config._workspace_ops",
    "WorkspaceRoleOverride": "jackin_sdk.config._models",
    "WorkspaceRuntimeConfig": "jackin_sdk.config._models",
    "add_global_mount": "jackin_sdk.config._global_mount_ops",
    "apply_workspace_plan": "jackin_sdk.config._workspace_ops",
    "config_lock": "jackin_sdk.config._store",
    "env_values": "jackin_sdk.config._operations",
    "global_mount_entries": "jackin_sdk.config._semantics",
    "operator_limit_layers": "jackin_sdk.config._semantics",
    "grant_trust": "jackin_sdk.config._operations",
    "load_operator_config": "jackin_sdk.config._store",
    "model_to_document": "jackin_sdk.config._dump",
    "parse_document": "jackin_sdk.config._toml",
    "parse_workspace_text": "jackin_sdk.config._store",
    "plan_workspace_create": "jackin_sdk.config._workspace_ops",
    "plan_workspace_edit": "jackin_sdk.config._workspace_ops",
    "plan_workspace_prune": "jackin_sdk.config._workspace_ops",
    "remove_global_mount": "jackin_sdk.config._global_mount_ops",
    "revoke_trust": "jackin_sdk.config._operations",
    "set_env": "jackin_sdk.config._operations",
    "set_git_flag": "jackin_sdk.config._operations",
    "set_global_auth": "jackin_sdk.config._operations",
    "set_last_role": "jackin_sdk.config._operations",
    "trusted_roles": "jackin_sdk.config._operations",
    "unset_env": "jackin_sdk.config._operations",
    "validate_env_key": "jackin_sdk.config._operations",
    "with_builtin_roles": "jackin_sdk.config._builtins",
    "workspace_mounts": "jackin_sdk.config._semantics",
}

__all__ = [
    "AGENT_TABLES",
    "BUILTIN_ROLES",
    "CONFIG_KIND",
    "CONFIG_LOCK_PURPOSE",
    "CONFIG_SCHEMA",
    "CONFIG_VERSION",
    "WORKSPACE_KIND",
    "WORKSPACE_SCHEMA",
    "WORKSPACE_VERSION",
    "AgentAuthConfig",
    "AppConfig",
    "ConfigEditor",
    "ConfigError",
    "DirtyExitPolicy",
    "DockerConfig",
    "DockerGrants",
    "DockerProfile",
    "EnvScope",
    "GitConfig",
    "GitFlag",
    "GithubAuthConfig",
    "GlobalMountConfig",
    "KeepAwakeConfig",
    "MountConfig",
    "OperatorConfig",
    "RoleSource",
    "RuntimeConfig",
    "TelemetryConfig",
    "WorkspaceConfig",
    "WorkspaceDockerConfig",
    "WorkspaceEdit",
    "WorkspacePlan",
    "WorkspaceRoleOverride",
    "WorkspaceRuntimeConfig",
    "add_global_mount",
    "apply_workspace_plan",
    "config_json_schema",
    "config_lock",
    "env_values",
    "global_mount_entries",
    "grant_trust",
    "load_operator_config",
    "model_to_document",
    "operator_limit_layers",
    "parse_document",
    "parse_workspace_text",
    "plan_workspace_create",
    "plan_workspace_edit",
    "plan_workspace_prune",
    "remove_global_mount",
    "revoke_trust",
    "set_env",
    "set_git_flag",
    "set_global_auth",
    "set_last_role",
    "trusted_roles",
    "unset_env",
    "validate_env_key",
    "with_builtin_roles",
    "workspace_json_schema",
    "workspace_mounts",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
