"""Operator-facing edits of config.toml: trust, auth, env, git trailers.

Each function takes an open `ConfigEditor`; the caller commits. Messages match
upstream-cli.md §3.10 with real values (the reference leaves some placeholders unfilled).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tomlkit import TOMLDocument

from jackin_sdk.config._builtins import BUILTIN_ROLES
from jackin_sdk.config._document import remove_path, set_path
from jackin_sdk.config._editor import ConfigEditor
from jackin_sdk.config._models import AppConfig, WorkspaceConfig
from jackin_sdk.env import EnvValue, ExtendedValue, OpRef, is_reserved
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.vocab import (
    Agent,
    AuthForwardMode,
    RoleSelector,
    resolve_role_source,
    supported_modes,
)

if TYPE_CHECKING:
    from jackin_sdk.env import OpClient

__all__ = [
    "EnvScope",
    "GitFlag",
    "env_values",
    "grant_trust",
    "revoke_trust",
    "set_env",
    "set_env_text",
    "set_git_flag",
    "set_global_auth",
    "set_last_role",
    "trusted_roles",
    "unset_env",
    "validate_env_key",
]


class GitFlag(StrEnum):
    """Commit trailers jackin adds inside containers."""

    COAUTHOR_TRAILER = "coauthor_trailer"
    DCO = "dco"


@dataclass(frozen=True, slots=True)
class EnvScope:
    """Where an env value lives: global, a role, a workspace, or workspace × role."""

    workspace: str | None = None
    role: str | None = None

    def describe(self) -> str:
        """Human description, e.g. `workspace web × role agent-smith`."""
        if self.workspace and self.role:
            return f"workspace {self.workspace} × role {self.role}"
        if self.workspace:
            return f"workspace {self.workspace}"
        if self.role:
            return f"role {self.role}"
        return "global"


def grant_trust(editor: ConfigEditor, selector_text: str) -> tuple[str, bool]:
    """Trust a role source; returns (key, changed). Unknown namespaced roles are synthesized."""
    selector = RoleSelector.parse(selector_text)
    source = resolve_role_source(editor.loaded.app, selector)
    if source.trusted:
        return selector.key, False
    set_path(editor.config, ["roles", selector.key, "git"], source.git)
    set_path(editor.config, ["roles", selector.key, "trusted"], True)
    return selector.key, True


def revoke_trust(editor: ConfigEditor, selector_text: str) -> tuple[str, bool]:
    """Remove trust from a role source; built-ins cannot be revoked."""
    selector = RoleSelector.parse(selector_text)
    if selector.key in BUILTIN_ROLES:
        raise JackinError(f"{selector.key} is a built-in role and is always trusted.")
    configured = editor.loaded.app.roles.get(selector.key)
    if configured is None or not configured.trusted:
        return selector.key, False
    remove_path(editor.config, ["roles", selector.key, "trusted"])
    return selector.key, True


def trusted_roles(app: AppConfig) -> list[str]:
    """Keys of every trusted role source, sorted."""
    return sorted(key for key, source in app.roles.items() if source.trusted)


def set_global_auth(editor: ConfigEditor, agent: Agent, mode: AuthForwardMode) -> None:
    """Set the global `auth_forward` of `agent`."""
    allowed = supported_modes(agent)
    if mode not in allowed:
        raise UsageError(
            f"auth_forward {mode} is not supported for {agent}; supported modes: "
            f"[{', '.join(m.value for m in allowed)}]"
        )
    set_path(editor.config, [agent.value, "auth_forward"], mode.value)


def set_git_flag(editor: ConfigEditor, flag: GitFlag, enabled: bool) -> None:
    """Turn a commit trailer on or off (false is written as absence)."""
    if enabled:
        set_path(editor.config, ["git", flag.value], True)
    else:
        remove_path(editor.config, ["git", flag.value])


def set_last_role(editor: ConfigEditor, workspace: str, role_key: str) -> None:
    """Remember `role_key` as the workspace's `last_role` (what `jackin load` picks next)."""
    editor.workspace(workspace)["last_role"] = role_key


def _env_path(
    editor: ConfigEditor, scope: EnvScope, *, for_write: bool
) -> tuple[TOMLDocument, list[str]]:
    """The document and dotted path of the env table of `scope`."""
    role_key = RoleSelector.parse(scope.role).key if scope.role is not None else None
    if scope.workspace is not None:
        document = editor.workspace(scope.workspace)
        return document, (["roles", role_key, "env"] if role_key else ["env"])
    if role_key is not None:
        if for_write and role_key not in editor.loaded.app.roles:
            raise JackinError(
                f'role "{role_key}" is not configured in config.toml; trust it first with '
                f"`jackin config trust grant {role_key}`"
            )
        return editor.config, ["roles", role_key, "env"]
    return editor.config, ["env"]


def validate_env_key(key: str) -> None:
    """Refuse an empty or reserved env key (UsageError, exit 2)."""
    if not key:
        raise UsageError("env var key cannot be empty")
    if is_reserved(key):
        raise UsageError(f'env name "{key}" is reserved by the jackin runtime and cannot be set')


def _plain(value: EnvValue) -> object:
    if isinstance(value, OpRef | ExtendedValue):
        data = value.model_dump(mode="json", exclude_defaults=True)
        if isinstance(value, ExtendedValue) and not value.on_demand:
            return value.value
        return data
    return value


def set_env(
    editor: ConfigEditor, key: str, value: EnvValue, scope: EnvScope, *, comment: str | None = None
) -> None:
    """Set `key` in the env table of `scope` (a typed `op://` is converted by the caller)."""
    validate_env_key(key)
    document, path = _env_path(editor, scope, for_write=True)
    set_path(document, [*path, key], _plain(value), comment=comment)


def set_env_text(
    editor: ConfigEditor,
    key: str,
    text: str,
    scope: EnvScope,
    *,
    comment: str | None = None,
    op_account: str | None = None,
    op_client: OpClient | None = None,
) -> None:
    """Set `key` from the operator's text (`config env set`, `workspace env set`).

    An `op://` value is checked with 1Password (`op_client`, the `op` on PATH when None)
    only after the key and the scope are: the text is staged first, so a reserved key, an
    unconfigured role or an unknown workspace is refused before any 1Password round trip.
    `op_account` applies only to an `op://` value (UsageError otherwise).
    """
    from jackin_sdk.env import OpClient, coerce_cli_env_value  # noqa: PLC0415

    is_op = text.startswith("op://")
    if op_account and not is_op:
        raise UsageError("--op-account applies only to op:// values")
    set_env(editor, key, text, scope, comment=comment)
    if is_op:
        client = OpClient() if op_client is None else op_client
        value = coerce_cli_env_value(text, account=op_account or None, client=client)
        set_env(editor, key, value, scope, comment=comment)


def unset_env(editor: ConfigEditor, key: str, scope: EnvScope) -> bool:
    """Remove `key` from `scope`; False when it was not set."""
    if not key:
        raise UsageError("env var key cannot be empty")
    document, path = _env_path(editor, scope, for_write=False)
    return remove_path(document, [*path, key])


def env_values(
    app: AppConfig, workspaces: Mapping[str, WorkspaceConfig], scope: EnvScope
) -> dict[str, EnvValue]:
    """The stored values of `scope`, as written (never resolved)."""
    role_key = RoleSelector.parse(scope.role).key if scope.role is not None else None
    if scope.workspace is not None:
        from jackin_sdk.errors import CodedError, ErrorCode  # noqa: PLC0415

        workspace = workspaces.get(scope.workspace)
        if workspace is None:
            raise CodedError(ErrorCode.E007, detail=f'No workspace named "{scope.workspace}".')
        if role_key:
            override = workspace.roles.get(role_key)
            return dict(override.env) if override else {}
        return dict(workspace.env)
    if role_key:
        source = app.roles.get(role_key)
        return dict(source.env) if source else {}
    return dict(app.env)
