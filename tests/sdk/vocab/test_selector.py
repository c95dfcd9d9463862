from __future__ import annotations

import pytest

from jackin_sdk.config import AppConfig, RoleSource, with_builtin_roles
from jackin_sdk.errors import UsageError
from jackin_sdk.roles import RoleSelector, resolve_role_source


@pytest.mark.parametrize(
    ("text", "key", "slug", "compact"),
    [
        ("agent-smith", "agent-smith", "agent-smith", "agentsmith"),
        (
            "Chainargos/Agent-Brown",
            "chainargos/agent-brown",
            "chainargos_agent-brown",
            "agentbrown",
        ),
        ("ns/jk-x", "ns/jk-x", "ns_jk-x", "jkx"),
    ],
)
def test_parse(text: str, key: str, slug: str, compact: str) -> None:
    selector = RoleSelector.parse(text)
    assert (selector.key, selector.slug, selector.compact) == (key, slug, compact)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "selector cannot be empty"),
        ("a/b/c", "invalid selector"),
        ("a b", "invalid selector"),
        ("/x", "invalid selector"),
        ("jk-abc", "container-name prefix"),
        ("a_b", "invalid selector"),
    ],
)
def test_rejects(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        RoleSelector.parse(text)


def test_sources() -> None:
    app = with_builtin_roles(
        AppConfig(roles={"acme/web": RoleSource(git="https://example.org/web.git")})
    )
    smith = resolve_role_source(app, RoleSelector.parse("agent-smith"))
    assert smith.trusted
    assert smith.builtin
    web = resolve_role_source(app, RoleSelector.parse("acme/web"))
    assert (web.git, web.trusted, web.configured) == ("https://example.org/web.git", False, True)
    brown = resolve_role_source(app, RoleSelector.parse("chainargos/agent-brown"))
    assert brown.git == "https://github.com/chainargos/jackin-agent-brown.git"
    assert not brown.trusted
    assert not brown.configured
    kept = resolve_role_source(app, RoleSelector.parse("ns/jackin-tool"))
    assert kept.git == "https://github.com/ns/jackin-tool.git"
    bare = resolve_role_source(AppConfig(), RoleSelector.parse("neo"))
    assert bare.git == "https://github.com/jackin-project/jackin-neo.git"
    assert not bare.trusted
