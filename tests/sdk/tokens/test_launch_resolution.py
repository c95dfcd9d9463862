"""A launch's env resolution finds a stored token under `CLAUDE_CODE_OAUTH_TOKEN`.

The token in the slot is one this process has never registered, as in a launch that runs
after `claude-token set`: the resolver itself must register it for redaction.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from jackin_sdk.config import load_operator_config
from jackin_sdk.debug import contains_secret, redact
from jackin_sdk.env import EnvLayer, ResolvedEnv, merge_layers, resolve_env
from jackin_sdk.paths import JackinPaths
from jackin_sdk.tokens import CLAUDE_TOKEN_ENV, StoredToken, TokenStore, set_claude_token


def _launch_env(paths: JackinPaths, workspace: str, role: str) -> ResolvedEnv:
    """The four operator layers in launch order, merged and resolved."""
    config = load_operator_config(paths, write=False)
    ws = config.workspace(workspace)
    layers = [EnvLayer.global_env(config.app.env), EnvLayer.workspace(workspace, ws.env)]
    if (override := ws.roles.get(role)) is not None:
        layers.append(EnvLayer.workspace_role(workspace, role, override.env))
    return resolve_env(merge_layers(layers), host_env={}, op=None)


def _unregistered_token() -> str:
    token = "sk-ant-oat01-" + secrets.token_urlsafe(64)
    assert not contains_secret(token)
    return token


def _as_if_stored_earlier(stored: StoredToken) -> str:
    """Put a token this process never saw into the slot, as a `set` in another run would."""
    token = _unregistered_token()
    if stored.source.kind == "keyring":
        service, _, username = stored.source.location.partition("/")
        keyring.set_password(service, username, token)
    else:
        Path(stored.source.location).write_text(token + "\n")
    return token


@pytest.mark.parametrize(("store", "kind"), [(None, "keyring"), (TokenStore.FILE, "file")])
def test_token_resolves_from_its_store(
    workspaces: JackinPaths, keyring_file: KeyringBackend, store: TokenStore | None, kind: str
) -> None:
    stored = set_claude_token(
        workspaces, "web", "first-token-e1f0", role="agent-smith", store=store
    )
    token = _as_if_stored_earlier(stored)
    env = _launch_env(workspaces, "web", "agent-smith")
    assert env.values[CLAUDE_TOKEN_ENV] == token
    assert env.sources[CLAUDE_TOKEN_ENV].kind == kind
    assert env.sources[CLAUDE_TOKEN_ENV].layer == "workspace web × role agent-smith"
    assert CLAUDE_TOKEN_ENV in env.secret_keys
    assert redact(f"CLAUDE={token}") == "CLAUDE=***"


def test_fallback_file_resolves_without_a_keyring(workspaces: JackinPaths) -> None:
    token = _as_if_stored_earlier(set_claude_token(workspaces, "web", "first-token-b2c3"))
    env = _launch_env(workspaces, "web", "agent-smith")
    assert env.values[CLAUDE_TOKEN_ENV] == token
    assert env.sources[CLAUDE_TOKEN_ENV].kind == "file"
    assert redact(token) == "***"
