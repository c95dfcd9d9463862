from __future__ import annotations

import pytest

from jackin_sdk.config import load_operator_config
from jackin_sdk.errors import CodedError, ErrorCode, JackinError
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import (
    RoleSelector,
    RoleSource,
    TrustPrompt,
    require_branch_confirmation,
    require_trust,
    resolve_role_source,
)


def _source(paths: JackinPaths, text: str) -> RoleSource:
    return resolve_role_source(load_operator_config(paths).app, RoleSelector.parse(text))


def test_trusted_sources_pass_without_asking(jackin_paths: JackinPaths) -> None:
    def never(prompt: TrustPrompt) -> bool:
        raise AssertionError(f"asked: {prompt}")

    assert require_trust(jackin_paths, _source(jackin_paths, "agent-smith"), never) is False


def test_non_interactive_untrusted_fails_with_the_grant_command(jackin_paths: JackinPaths) -> None:
    with pytest.raises(CodedError) as caught:
        require_trust(jackin_paths, _source(jackin_paths, "acme/tools"), None)
    assert caught.value.code is ErrorCode.E006
    assert "jackin config trust grant acme/tools" in caught.value.hint
    assert "acme/tools" not in load_operator_config(jackin_paths).app.roles


def test_declined(jackin_paths: JackinPaths) -> None:
    with pytest.raises(CodedError, match="E006"):
        require_trust(jackin_paths, _source(jackin_paths, "acme/tools"), lambda p: False)
    assert "acme/tools" not in load_operator_config(jackin_paths).app.roles


def test_accepted_is_persisted(jackin_paths: JackinPaths) -> None:
    asked: list[TrustPrompt] = []

    def yes(prompt: TrustPrompt) -> bool:
        asked.append(prompt)
        return True

    assert require_trust(jackin_paths, _source(jackin_paths, "acme/tools"), yes) is True
    assert asked[0].git_url == "https://github.com/acme/jackin-tools.git"
    assert "Dockerfile runs on this machine" in asked[0].text
    role = load_operator_config(jackin_paths).app.roles["acme/tools"]
    assert role.trusted
    assert require_trust(jackin_paths, _source(jackin_paths, "acme/tools"), None) is False


def test_branch_always_asks(jackin_paths: JackinPaths) -> None:
    source = _source(jackin_paths, "agent-smith")
    with pytest.raises(JackinError, match='branch "exp" not confirmed'):
        require_branch_confirmation(source, "exp", None)
    with pytest.raises(JackinError, match="not confirmed"):
        require_branch_confirmation(source, "exp", lambda p: False)
    seen: list[str | None] = []

    def yes(prompt: TrustPrompt) -> bool:
        seen.append(prompt.branch)
        return True

    require_branch_confirmation(source, "exp", yes)
    assert seen == ["exp"]
