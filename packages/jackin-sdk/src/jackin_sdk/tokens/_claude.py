"""The Claude OAuth token of a workspace (or workspace × role): store, locate, clear.

The token reaches a launch as `CLAUDE_CODE_OAUTH_TOKEN` in the scope's env table, whose
value says where the secret is: `keyring:jackin/claude-token:<ws>[:<role>]` (the OS
keyring), `private-file:<jackin home>/secrets/claude-token-<ws>[+<role>]` (a 0600 file,
used when the host has no keyring backend) or a 1Password `op://` reference table. The
token itself is never written to a config file, printed or logged.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from jackin_sdk.config import (
    ConfigEditor,
    EnvScope,
    OperatorConfig,
    WorkspaceConfig,
    load_operator_config,
    set_env,
    unset_env,
)
from jackin_sdk.debug import register_secret
from jackin_sdk.env import (
    EnvLayer,
    EnvValue,
    ExtendedValue,
    KeyringRef,
    OpClient,
    OpRef,
    SourceKind,
    StoredRef,
    host_ref_name,
    merge_layers,
    op_ref_from_cli,
    parse_stored_ref,
)
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.roles import RoleSelector
from jackin_sdk.tokens._slots import (
    delete_slot,
    file_slot,
    is_jackin_slot,
    keyring_available,
    keyring_slot,
    secrets_dir,
    slot_exists,
    write_slot,
)

if TYPE_CHECKING:
    from jackin_sdk.auth import AuthForwardMode
    from jackin_sdk.paths import JackinPaths

__all__ = [
    "CLAUDE_TOKEN_ENV",
    "ClearedToken",
    "StoredToken",
    "TokenSource",
    "TokenStore",
    "check_claude_token_target",
    "claude_token_ignored",
    "claude_token_source",
    "clear_claude_token",
    "set_claude_token",
    "set_claude_token_reference",
    "token_fingerprint",
]

CLAUDE_TOKEN_ENV = "CLAUDE_CODE_OAUTH_TOKEN"  # noqa: S105 - a variable name, not a secret


class TokenStore(StrEnum):
    """Where `set` keeps the token: the OS keyring, a private file, or 1Password (a reference)."""

    KEYRING = "keyring"
    FILE = "file"
    OP = "op"


@dataclass(frozen=True, slots=True)
class TokenSource:
    """Where a scope's token comes from; never the token itself."""

    kind: SourceKind
    location: str
    """Keyring entry, file path, `op://` URI, `$NAME`, or `literal`."""
    layer: str
    """The env layer that declares it (a wider layer when the scope has none of its own)."""
    in_scope: bool
    """Declared in the asked-for scope itself, so `clear` there removes it."""
    present: bool | None = None
    """For keyring and file sources, whether the secret exists now; None when not checked."""

    def describe(self) -> str:
        """One line, e.g. `OS keyring entry jackin/claude-token:web`."""
        text = {
            "keyring": f"OS keyring entry {self.location}",
            "file": f"file {self.location}",
            "op": f"1Password reference {self.location}",
            "host": f"host env var {self.location}",
            "literal": "a literal value in the config file",
        }[self.kind]
        return text + (" (missing)" if self.present is False else "")


@dataclass(frozen=True, slots=True)
class StoredToken:
    """What `set` did: the new source, and a fingerprint to compare tokens by."""

    source: TokenSource
    fingerprint: str | None
    """`sha256:<first 12 hex>` of the token; None for a 1Password reference."""
    keyring_fallback: bool = False
    """The file was chosen because this host has no usable keyring backend."""


@dataclass(frozen=True, slots=True)
class ClearedToken:
    """What `clear` did: the reference it removed and the stored secrets it deleted."""

    removed: TokenSource | None
    deleted: tuple[str, ...]


def token_fingerprint(token: str) -> str:
    """`sha256:<first 12 hex digits>`: enough to tell tokens apart, useless to an attacker."""
    return "sha256:" + hashlib.sha256(token.encode()).hexdigest()[:12]


def _selector(role: str | None) -> RoleSelector | None:
    return RoleSelector.parse(role) if role is not None else None


def _scope(workspace: str, role: RoleSelector | None) -> EnvScope:
    return EnvScope(workspace=workspace, role=role.key if role else None)


def _scope_label(workspace: str, role: RoleSelector | None) -> str:
    if role is None:
        return EnvLayer.workspace(workspace, {}).label
    return EnvLayer.workspace_role(workspace, role.key, {}).label


def _scope_value(ws: WorkspaceConfig, role: RoleSelector | None) -> EnvValue | None:
    if role is None:
        return ws.env.get(CLAUDE_TOKEN_ENV)
    override = ws.roles.get(role.key)
    return override.env.get(CLAUDE_TOKEN_ENV) if override else None


def _check_role_allowed(workspace: str, ws: WorkspaceConfig, role: RoleSelector | None) -> None:
    if role is not None and ws.allowed_roles and role.key not in ws.allowed_roles:
        raise UsageError(
            f'role "{role.key}" is not allowed in workspace "{workspace}"; allowed roles: '
            + ", ".join(ws.allowed_roles)
        )


def _stored(value: EnvValue | None) -> StoredRef | None:
    if value is None or isinstance(value, OpRef):
        return None
    return parse_stored_ref(value.value if isinstance(value, ExtendedValue) else value)


def _source(value: EnvValue, layer: str, *, in_scope: bool, check: bool) -> TokenSource:
    if isinstance(value, OpRef):
        where = value.op + (f" (account {value.account})" if value.account else "")
        return TokenSource("op", where, layer, in_scope)
    stored = _stored(value)
    if stored is not None:
        present = slot_exists(stored) if check else None
        if isinstance(stored, KeyringRef):
            return TokenSource("keyring", stored.entry, layer, in_scope, present)
        return TokenSource("file", str(stored.path), layer, in_scope, present)
    text = value.value if isinstance(value, ExtendedValue) else value
    name = host_ref_name(text)
    if name is not None:
        return TokenSource("host", f"${name}", layer, in_scope)
    return TokenSource("literal", "literal", layer, in_scope)


def _clean_token(token: str) -> str:
    token = token.strip()
    if not token:
        raise UsageError("the Claude token is empty")
    if any(char.isspace() for char in token):
        raise UsageError("expected a single Claude token (it must not contain whitespace)")
    register_secret(token)
    return token


def _usable_store(paths: JackinPaths, store: TokenStore | None) -> None:
    if store is TokenStore.OP:
        raise UsageError(
            "a token kept in 1Password is stored as its op:// reference; pass --op op://… "
            "(set_claude_token_reference) instead of the token"
        )
    if store is TokenStore.KEYRING and not keyring_available():
        raise JackinError(
            "no usable OS keyring backend on this host; use --store file to keep the "
            f"token in a 0600 file under {secrets_dir(paths)}"
        )


def _pick_slot(
    paths: JackinPaths, workspace: str, role: RoleSelector | None, store: TokenStore | None
) -> tuple[StoredRef, bool]:
    _usable_store(paths, store)
    if store is None:
        if keyring_available():
            return keyring_slot(workspace, role), False
        return file_slot(paths, workspace, role), True
    if store is TokenStore.KEYRING:
        return keyring_slot(workspace, role), False
    return file_slot(paths, workspace, role), False


def check_claude_token_target(
    paths: JackinPaths,
    workspace: str,
    *,
    role: str | None = None,
    store: TokenStore | None = None,
) -> None:
    """Raise what `set_claude_token` would before a token exists: an unknown workspace
    (E007), a role the workspace does not allow, or a store this host cannot offer.

    Lets a caller fail before prompting for, or minting, a token.
    """
    selector = _selector(role)
    if store is not TokenStore.OP:
        _usable_store(paths, store)
    config = load_operator_config(paths, write=False)
    _check_role_allowed(workspace, config.workspace(workspace), selector)


def _drop_replaced(
    paths: JackinPaths, previous: EnvValue | None, current: StoredRef | None
) -> None:
    old = _stored(previous)
    if old is not None and old != current and is_jackin_slot(paths, old):
        # The new token is in place; a stale slot left behind is only clutter.
        with contextlib.suppress(JackinError):
            delete_slot(old)


def set_claude_token(
    paths: JackinPaths,
    workspace: str,
    token: str,
    *,
    role: str | None = None,
    store: TokenStore | None = None,
) -> StoredToken:
    """Store `token` for the workspace (or workspace × role) and point its env at it.

    `store=None` uses the OS keyring, or a 0600 file under `<jackin home>/secrets` when
    the host has no keyring backend. The scope's `CLAUDE_CODE_OAUTH_TOKEN` is replaced;
    a keyring entry or file jackin made for a previous value is deleted.
    """
    token = _clean_token(token)
    selector = _selector(role)
    slot, fallback = _pick_slot(paths, workspace, selector, store)
    with ConfigEditor(paths) as editor:
        ws = editor.loaded.workspace(workspace)
        _check_role_allowed(workspace, ws, selector)
        previous = _scope_value(ws, selector)
        existed = slot_exists(slot)
        write_slot(slot, token)
        try:
            set_env(editor, CLAUDE_TOKEN_ENV, str(slot), _scope(workspace, selector))
            editor.commit()
        except BaseException:
            if not existed:  # leave no orphan behind a config that was not written
                with contextlib.suppress(JackinError):
                    delete_slot(slot)
            raise
    _drop_replaced(paths, previous, slot)
    source = _source(str(slot), _scope_label(workspace, selector), in_scope=True, check=False)
    return StoredToken(source, token_fingerprint(token), fallback)


def set_claude_token_reference(
    paths: JackinPaths,
    workspace: str,
    uri: str,
    *,
    role: str | None = None,
    account: str | None = None,
    op: OpClient | None = None,
) -> StoredToken:
    """Point the scope's token at a 1Password `op://` reference; jackin stores no secret.

    The reference is checked with `op` first (E013 when `op` is missing or signed out).
    """
    selector = _selector(role)
    check_claude_token_target(paths, workspace, role=role, store=TokenStore.OP)
    ref = op_ref_from_cli(uri, account=account, client=op or OpClient())
    with ConfigEditor(paths) as editor:
        ws = editor.loaded.workspace(workspace)
        previous = _scope_value(ws, selector)
        set_env(editor, CLAUDE_TOKEN_ENV, ref, _scope(workspace, selector))
        editor.commit()
    _drop_replaced(paths, previous, None)
    source = _source(ref, _scope_label(workspace, selector), in_scope=True, check=False)
    return StoredToken(source, None)


def _layers(
    config: OperatorConfig, workspace: str, ws: WorkspaceConfig, role: RoleSelector | None
) -> list[EnvLayer]:
    layers = [EnvLayer.global_env(config.app.env)]
    if role is not None and (source := config.app.roles.get(role.key)) is not None:
        layers.append(EnvLayer.role(role.key, source.env))
    layers.append(EnvLayer.workspace(workspace, ws.env))
    if role is not None and (override := ws.roles.get(role.key)) is not None:
        layers.append(EnvLayer.workspace_role(workspace, role.key, override.env))
    return layers


def claude_token_ignored(
    paths: JackinPaths, workspace: str, *, role: str | None = None
) -> AuthForwardMode | None:
    """Claude's auth forwarding for this workspace (and role) when it is not
    `oauth_token`, so a launch ignores the stored token; None when the token is used."""
    from jackin_sdk.auth import Agent, AuthForwardMode, resolve_agent_auth  # noqa: PLC0415

    selector = _selector(role)
    config = load_operator_config(paths, write=False)
    auth = resolve_agent_auth(
        config.app,
        config.workspace(workspace),
        selector.key if selector else None,
        Agent.CLAUDE,
        workspace_name=workspace,
    )
    return None if auth.mode is AuthForwardMode.OAUTH_TOKEN else auth.mode


def claude_token_source(
    paths: JackinPaths, workspace: str, *, role: str | None = None
) -> TokenSource | None:
    """Where a launch of this workspace (and role) takes the token from; None when unset.

    Follows the launch's env layers (global, role, workspace, workspace × role), so a
    token set at a wider layer is reported with that layer. Never reads the token.
    """
    selector = _selector(role)
    config = load_operator_config(paths)
    ws = config.workspace(workspace)
    item = merge_layers(_layers(config, workspace, ws, selector)).get(CLAUDE_TOKEN_ENV)
    if item is None:
        return None
    in_scope = item.layer == _scope_label(workspace, selector)
    return _source(item.value, item.layer, in_scope=in_scope, check=True)


def clear_claude_token(
    paths: JackinPaths, workspace: str, *, role: str | None = None
) -> ClearedToken:
    """Remove the scope's token reference and delete the keyring entry or file jackin made.

    Secrets the operator keeps elsewhere (1Password, their own files) are left alone.
    """
    selector = _selector(role)
    with ConfigEditor(paths) as editor:
        ws = editor.loaded.workspace(workspace)
        previous = _scope_value(ws, selector)
        if previous is not None:
            unset_env(editor, CLAUDE_TOKEN_ENV, _scope(workspace, selector))
            editor.commit()
    removed = None
    if previous is not None:
        removed = _source(previous, _scope_label(workspace, selector), in_scope=True, check=False)
    candidates: list[StoredRef] = []
    old = _stored(previous)
    if old is not None and is_jackin_slot(paths, old):
        candidates.append(old)
    for slot in (keyring_slot(workspace, selector), file_slot(paths, workspace, selector)):
        if slot not in candidates:
            candidates.append(slot)
    deleted = tuple(
        _source(str(slot), "", in_scope=True, check=False).describe()
        for slot in candidates
        if delete_slot(slot)
    )
    return ClearedToken(removed, deleted)
