from __future__ import annotations

import pytest

from jackin_sdk.auth import (
    Agent,
    AuthForwardMode,
    GithubAuthMode,
    credential_env_key,
    parse_agent,
    parse_auth_mode,
    resolve_agent_auth,
    resolve_github_auth,
    supported_modes,
)
from jackin_sdk.config import (
    AgentAuthConfig,
    AppConfig,
    GithubAuthConfig,
    MountConfig,
    WorkspaceConfig,
    WorkspaceRoleOverride,
)
from jackin_sdk.errors import UsageError

A = AuthForwardMode


def _workspace(**tables: object) -> WorkspaceConfig:
    return WorkspaceConfig(workdir="/w", mounts=[MountConfig(src="/s", dst="/w")], **tables)  # type: ignore[arg-type]


def test_default_is_sync_everywhere() -> None:
    for agent in Agent:
        auth = resolve_agent_auth(AppConfig(), None, None, agent)
        assert auth.mode is A.SYNC
        assert auth.env_key is None


def test_most_specific_layer_wins() -> None:
    app = AppConfig(claude=AgentAuthConfig(auth_forward=A.API_KEY))
    workspace = _workspace(
        claude=AgentAuthConfig(auth_forward=A.IGNORE),
        roles={"r": WorkspaceRoleOverride(claude=AgentAuthConfig(auth_forward=A.OAUTH_TOKEN))},
    )
    assert resolve_agent_auth(app, None, "r", Agent.CLAUDE).mode is A.API_KEY
    assert resolve_agent_auth(app, workspace, None, Agent.CLAUDE).mode is A.IGNORE
    assert resolve_agent_auth(app, workspace, "other", Agent.CLAUDE).mode is A.IGNORE
    auth = resolve_agent_auth(app, workspace, "r", Agent.CLAUDE, workspace_name="web")
    assert auth.mode is A.OAUTH_TOKEN
    assert auth.env_key == "CLAUDE_CODE_OAUTH_TOKEN"
    assert auth.trace == (
        ("web × r × claude", A.OAUTH_TOKEN),
        ("web × claude", A.IGNORE),
        ("global × claude", A.API_KEY),
    )


def test_a_present_table_pins_sync_and_source_dir_resolves_independently() -> None:
    app = AppConfig(codex=AgentAuthConfig(auth_forward=A.API_KEY, sync_source_dir="/g"))
    workspace = _workspace(codex=AgentAuthConfig(sync_source_dir=None))
    auth = resolve_agent_auth(app, workspace, None, Agent.CODEX)
    assert auth.mode is A.SYNC  # the bare [codex] table pins sync
    assert auth.sync_source_dir == "/g"


def test_github_layers() -> None:
    app = AppConfig(github=GithubAuthConfig(auth_forward=GithubAuthMode.IGNORE))
    workspace = _workspace(
        roles={
            "r": WorkspaceRoleOverride(github=GithubAuthConfig(auth_forward=GithubAuthMode.TOKEN))
        }
    )
    assert resolve_github_auth(AppConfig(), None, None).mode is GithubAuthMode.SYNC
    assert resolve_github_auth(app, workspace, None).mode is GithubAuthMode.IGNORE
    assert resolve_github_auth(app, workspace, "r").mode is GithubAuthMode.TOKEN


def test_credential_keys_and_supported_modes() -> None:
    assert credential_env_key(Agent.CODEX, A.API_KEY) == "OPENAI_API_KEY"
    assert credential_env_key(Agent.KIMI, A.API_KEY) == "KIMI_API_KEY"
    assert credential_env_key(Agent.CODEX, A.SYNC) is None
    assert A.OAUTH_TOKEN in supported_modes(Agent.CLAUDE)
    assert all(A.OAUTH_TOKEN not in supported_modes(a) for a in Agent if a is not Agent.CLAUDE)


def test_parsers_use_the_reference_messages() -> None:
    assert parse_agent("amp") is Agent.AMP
    with pytest.raises(UsageError, match='unknown agent: "Claude"; supported: claude, codex'):
        parse_agent("Claude")
    with pytest.raises(
        UsageError,
        match='invalid auth_forward mode "x"; expected one of: sync, api_key, oauth_token, ignore',
    ):
        parse_auth_mode("x")
