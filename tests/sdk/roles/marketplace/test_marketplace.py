"""Claude plugin marketplace checks against a loopback stand-in for GitHub raw files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from jackin_sdk.errors import UsageError
from jackin_sdk.roles import (
    BUILTIN_MARKETPLACE_SOURCE,
    Finding,
    MarketplaceFetchError,
    MarketplaceSource,
    Severity,
    UrllibFetcher,
    check_marketplaces,
    validate_role,
)
from tests.sdk.roles.marketplace.conftest import RawServer

MANIFEST = Path("/role/jackin.role.toml")
JACKIN = "jackin-project/jackin-marketplace"

TEXT = """\
version = "v1alpha6"
dockerfile = "Dockerfile"

[claude]
plugins = [
  "code-review@claude-plugins-official",
  "jackin-dev@jackin-marketplace",
  "missing@jackin-marketplace",
]

[[claude.marketplaces]]
source = "jackin-project/jackin-marketplace"
"""


def check(
    server: RawServer,
    plugins: Sequence[str],
    sources: Sequence[str] = (),
    *,
    text: str | None = None,
    timeout: float = 5.0,
    offline: bool = False,
) -> list[Finding]:
    return check_marketplaces(
        plugins,
        [MarketplaceSource(s) for s in sources],
        manifest_file=MANIFEST,
        text=text,
        offline=offline,
        raw_base=server.base,
        allow_http=True,
        timeout=timeout,
    )


def messages(findings: Sequence[Finding]) -> list[str]:
    return [f.message for f in findings]


@pytest.fixture
def served(raw_server: RawServer) -> RawServer:
    raw_server.catalogue(BUILTIN_MARKETPLACE_SOURCE, "claude-plugins-official", "code-review")
    raw_server.catalogue(JACKIN, "jackin-marketplace", "jackin-dev", "jackin-ops")
    return raw_server


def test_valid_plugins_pass(served: RawServer) -> None:
    findings = check(
        served,
        ["code-review@claude-plugins-official", "jackin-dev@jackin-marketplace"],
        [JACKIN],
    )
    assert findings == []
    assert sorted(served.requests) == sorted(
        [served.path(JACKIN), served.path(BUILTIN_MARKETPLACE_SOURCE)]
    )


def test_github_urls_are_accepted_as_sources(served: RawServer) -> None:
    for source in (f"https://github.com/{JACKIN}", f"https://github.com/{JACKIN}.git"):
        assert check(served, ["jackin-dev@jackin-marketplace"], [source]) == []
    assert served.requests == [served.path(JACKIN)] * 2


def test_plugin_missing_from_its_marketplace(served: RawServer) -> None:
    (finding,) = check(served, ["missing@jackin-marketplace"], [JACKIN])
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        f"plugin 'missing' is not in marketplace 'jackin-marketplace' ({JACKIN})"
    )
    assert finding.file == MANIFEST
    assert finding.field == "claude.plugins"


def test_unknown_marketplace_names_the_known_ones(served: RawServer) -> None:
    (finding,) = check(served, ["rust-best-practices@tailrocks-marketplace"], [JACKIN])
    assert "unknown marketplace 'tailrocks-marketplace'" in finding.message
    assert "(known: claude-plugins-official, jackin-marketplace)" in finding.message
    assert "[[claude.marketplaces]]" in finding.message


def test_two_sources_claiming_one_name(served: RawServer) -> None:
    served.catalogue("someone/fork", "jackin-marketplace", "jackin-dev")
    (finding,) = check(served, ["jackin-dev@jackin-marketplace"], [JACKIN, "someone/fork"])
    assert finding.message == (
        f"marketplaces '{JACKIN}' and 'someone/fork' both declare the name 'jackin-marketplace'"
    )


def test_a_source_may_not_take_the_builtin_name(served: RawServer) -> None:
    served.catalogue("someone/impostor", "claude-plugins-official", "code-review")
    (finding,) = check(served, ["code-review@claude-plugins-official"], ["someone/impostor"])
    assert "belongs to the built-in marketplace" in finding.message


def test_the_same_source_declared_twice(served: RawServer) -> None:
    (finding,) = check(
        served, ["jackin-dev@jackin-marketplace"], [JACKIN, f"https://github.com/{JACKIN}"]
    )
    assert "is declared more than once" in finding.message
    assert served.requests == [served.path(JACKIN)]


@pytest.mark.parametrize(
    "plugin", ["code-review", "@claude-plugins-official", "code-review@", "@", ""]
)
def test_bad_plugin_syntax(raw_server: RawServer, plugin: str) -> None:
    (finding,) = check(raw_server, [plugin])
    assert finding.message == f"plugin {plugin!r} must be written as `name@marketplace`"
    assert raw_server.requests == []


def test_split_happens_once(served: RawServer) -> None:
    (finding,) = check(served, ["a@b@c"])
    assert "unknown marketplace 'b@c'" in finding.message


@pytest.mark.parametrize(
    "source", ["not-a-slug", "https://gitlab.com/a/b", "git@github.com:a/b.git", "a/b/c", "a/.."]
)
def test_non_github_sources_are_refused(raw_server: RawServer, source: str) -> None:
    (finding,) = check(raw_server, [], [source])
    assert finding.message.startswith(f"marketplace source {source!r} is not a GitHub repository")
    assert raw_server.requests == []


def test_404_names_the_url(served: RawServer) -> None:
    findings = check(served, ["x@gone-marketplace"], ["someone/gone"])
    # the plugin may belong to the marketplace that failed: one error, not two
    (finding,) = findings
    assert finding.message == (
        f"marketplace 'someone/gone': could not fetch {served.url('someone/gone')}: "
        "HTTP 404 Not Found"
    )


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"{not json", "is not valid JSON"),
        (b"\xff\xfe\x00", "is not valid JSON"),
        (b"[]", "is not a JSON object"),
        ({"plugins": []}, 'has no "name" field'),
        ({"name": "  ", "plugins": []}, 'has no "name" field'),
        ({"name": "m"}, 'has no "plugins" list'),
    ],
)
def test_bad_catalogues_name_the_url(raw_server: RawServer, body: object, problem: str) -> None:
    raw_server.serve("someone/broken", body)
    (finding,) = check(raw_server, [], ["someone/broken"])
    assert finding.message.startswith(
        f"marketplace 'someone/broken': {raw_server.url('someone/broken')} {problem}"
    )


def test_oversized_catalogue_is_refused(raw_server: RawServer) -> None:
    raw_server.serve("someone/huge", b" " * (1024 * 1024 + 1))
    (finding,) = check(raw_server, [], ["someone/huge"])
    assert finding.message.endswith("response is larger than 1048576 bytes")


def test_timeout(served: RawServer) -> None:
    served.slow.add(served.path("someone/slow"))
    findings = check(
        served, ["jackin-dev@jackin-marketplace"], ["someone/slow", JACKIN], timeout=0.3
    )
    (finding,) = findings
    assert finding.message == (
        f"marketplace 'someone/slow': could not fetch {served.url('someone/slow')}: "
        "timed out after 0.3 s"
    )


def test_offline_skips_fetching_but_checks_syntax(raw_server: RawServer) -> None:
    findings = check(raw_server, ["ok@m", "broken"], [JACKIN, "not a slug"], offline=True)
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.ERROR, Severity.WARNING]
    assert findings[-1].message == "Claude plugin marketplaces were not checked (offline)"
    assert raw_server.requests == []


def test_offline_with_nothing_to_check_says_nothing(raw_server: RawServer) -> None:
    assert check(raw_server, [], offline=True) == []


def test_builtin_marketplace_needs_no_declaration(served: RawServer) -> None:
    assert check(served, ["code-review@claude-plugins-official"]) == []
    assert served.requests == [served.path(BUILTIN_MARKETPLACE_SOURCE)]
    (finding,) = check(served, ["nope@claude-plugins-official"])
    assert finding.message == (
        f"plugin 'nope' is not in marketplace 'claude-plugins-official' "
        f"({BUILTIN_MARKETPLACE_SOURCE})"
    )


def test_builtin_is_not_fetched_when_no_plugin_uses_it(served: RawServer) -> None:
    assert check(served, ["jackin-dev@jackin-marketplace"], [JACKIN]) == []
    assert served.requests == [served.path(JACKIN)]


def test_findings_carry_manifest_lines(served: RawServer) -> None:
    plugins = [
        "code-review@claude-plugins-official",
        "jackin-dev@jackin-marketplace",
        "missing@jackin-marketplace",
    ]
    (plugin,) = check(served, plugins, [JACKIN], text=TEXT)
    assert plugin.line == 8
    served.routes.clear()
    errors = check(served, ["jackin-dev@jackin-marketplace"], [JACKIN], text=TEXT)
    assert [e.line for e in errors] == [12]


def test_an_injected_fetcher_replaces_the_network() -> None:
    seen: list[tuple[str, float]] = []

    def fetch(url: str, timeout: float) -> bytes:
        seen.append((url, timeout))
        if "broken" in url:
            raise MarketplaceFetchError("connection refused")
        return b'{"name": "claude-plugins-official", "plugins": [{"name": "code-review"}]}'

    findings = check_marketplaces(
        ["code-review@claude-plugins-official"],
        [MarketplaceSource("someone/broken")],
        manifest_file=MANIFEST,
        fetch=fetch,
    )
    raw = "https://raw.githubusercontent.com/{}/HEAD/.claude-plugin/marketplace.json"
    assert seen == [
        (raw.format("someone/broken"), 10.0),
        (raw.format(BUILTIN_MARKETPLACE_SOURCE), 10.0),
    ]
    assert messages(findings) == [
        f"marketplace 'someone/broken': could not fetch {raw.format('someone/broken')}: "
        "connection refused"
    ]


def test_plain_http_base_needs_an_explicit_opt_in(raw_server: RawServer) -> None:
    with pytest.raises(UsageError, match="must be HTTPS"):
        check_marketplaces(["a@b"], [], manifest_file=MANIFEST, raw_base=raw_server.base)
    assert raw_server.requests == []


@pytest.mark.parametrize(
    ("fetcher", "url"),
    [
        (UrllibFetcher(), "http://127.0.0.1:1/x.json"),
        (UrllibFetcher(allow_http=True), "file:///etc/hostname"),
        (UrllibFetcher(allow_http=True), "ftp://127.0.0.1/x.json"),
    ],
)
def test_default_fetcher_refuses_other_schemes(fetcher: UrllibFetcher, url: str) -> None:
    with pytest.raises(MarketplaceFetchError, match="only HTTPS URLs are allowed"):
        fetcher(url, 1.0)


def test_validate_role_runs_the_marketplace_checks(served: RawServer, tmp_path: Path) -> None:
    root = tmp_path / "role"
    root.mkdir()
    (root / "Dockerfile").write_text("FROM projectjackin/construct:0.35-trixie\n")
    (root / "jackin.role.toml").write_text(TEXT)
    report = validate_role(root, raw_base=served.base, allow_http=True)
    (error,) = report.errors
    assert error.message.startswith("plugin 'missing' is not in marketplace")
    assert (error.file, error.line) == (root / "jackin.role.toml", 8)
