"""`claude_token_ignored`: whether a launch of the workspace uses the stored token (only
in Claude's `oauth_token` auth forwarding), the rule behind `claude-token set`'s note."""

from __future__ import annotations

import pytest

from jackin_sdk.auth import Agent, AuthForwardMode
from jackin_sdk.config import ConfigEditor, set_global_auth
from jackin_sdk.errors import CodedError
from jackin_sdk.paths import JackinPaths
from jackin_sdk.tokens import claude_token_ignored


def _global_claude_auth(paths: JackinPaths, mode: AuthForwardMode) -> None:
    with ConfigEditor(paths) as editor:
        set_global_auth(editor, Agent.CLAUDE, mode)
        editor.commit()


def test_the_token_is_ignored_unless_claude_forwards_an_oauth_token(
    workspaces: JackinPaths,
) -> None:
    _global_claude_auth(workspaces, AuthForwardMode.SYNC)
    assert claude_token_ignored(workspaces, "web") is AuthForwardMode.SYNC
    assert claude_token_ignored(workspaces, "api", role="agent-smith") is AuthForwardMode.SYNC
    _global_claude_auth(workspaces, AuthForwardMode.OAUTH_TOKEN)
    assert claude_token_ignored(workspaces, "web") is None
    assert claude_token_ignored(workspaces, "api", role="agent-smith") is None


def test_an_unknown_workspace_is_e007(workspaces: JackinPaths) -> None:
    with pytest.raises(CodedError, match="E007"):
        claude_token_ignored(workspaces, "nope")
