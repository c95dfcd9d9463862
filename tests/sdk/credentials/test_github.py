"""GitHub CLI credentials per mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.auth import GithubAuth, GithubAuthMode
from jackin_sdk.credentials import CredentialMissing, prepare_github_credentials


def _auth(mode: GithubAuthMode) -> GithubAuth:
    return GithubAuth(mode, (("global × github", mode),))


def _none() -> str | None:
    return None


def test_sync_prefers_the_configured_token(tmp_path: Path) -> None:
    creds = prepare_github_credentials(
        tmp_path, _auth(GithubAuthMode.SYNC), github_env={"GH_TOKEN": "ghp_configured123",
        "GH_HOST": "ghe.example"}, host_home=tmp_path, host_token=lambda: "ghp_host_token",
    )  # fmt: skip
    hosts = (tmp_path / ".config" / "gh" / "hosts.yml").read_text()
    assert "oauth_token: ghp_configured123" in hosts
    assert (tmp_path / ".config" / "gh" / "hosts.yml").stat().st_mode & 0o777 == 0o600
    assert creds.secret_env == {
        "GH_TOKEN": "ghp_configured123",
        "GITHUB_TOKEN": "ghp_configured123",
    }
    assert creds.plain_env == {"GH_HOST": "ghe.example"}
    assert [b.target for b in creds.binds] == ["/home/agent/.config/gh"]


def test_sync_falls_back_to_gh_then_hosts_yml(tmp_path: Path) -> None:
    state = tmp_path / "state"
    creds = prepare_github_credentials(
        state, _auth(GithubAuthMode.SYNC), github_env={}, host_home=tmp_path,
        host_token=lambda: "ghp_from_gh_cli",
    )  # fmt: skip
    assert creds.secret_env["GH_TOKEN"] == "ghp_from_gh_cli"
    host_gh = tmp_path / ".config" / "gh"
    host_gh.mkdir(parents=True)
    (host_gh / "hosts.yml").write_text(
        "github.com:\n    oauth_token: ghp_from_file\n    user: op\n"
    )
    creds = prepare_github_credentials(
        state, _auth(GithubAuthMode.SYNC), github_env={}, host_home=tmp_path, host_token=_none
    )
    assert creds.secret_env["GH_TOKEN"] == "ghp_from_file"
    assert "user: op" in (state / ".config" / "gh" / "hosts.yml").read_text()


def test_sync_without_any_token_keeps_an_in_container_login(tmp_path: Path) -> None:
    gh = tmp_path / ".config" / "gh"
    gh.mkdir(parents=True)
    (gh / "hosts.yml").write_text("github.com:\n    oauth_token: made-inside\n")
    creds = prepare_github_credentials(
        tmp_path, _auth(GithubAuthMode.SYNC), github_env={}, host_home=tmp_path / "h",
        host_token=_none,
    )  # fmt: skip
    assert creds.secret_env == {}
    assert "made-inside" in (gh / "hosts.yml").read_text()


def test_token_mode_requires_gh_token_and_removes_hosts(tmp_path: Path) -> None:
    gh = tmp_path / ".config" / "gh"
    gh.mkdir(parents=True)
    (gh / "hosts.yml").write_text("old")
    with pytest.raises(CredentialMissing, match="GH_TOKEN"):
        prepare_github_credentials(
            tmp_path, _auth(GithubAuthMode.TOKEN), github_env={}, host_home=tmp_path
        )
    creds = prepare_github_credentials(
        tmp_path, _auth(GithubAuthMode.TOKEN), github_env={"GH_TOKEN": "ghp_tok_12345"},
        host_home=tmp_path,
    )  # fmt: skip
    assert creds.secret_env == {"GH_TOKEN": "ghp_tok_12345", "GITHUB_TOKEN": "ghp_tok_12345"}
    assert not (gh / "hosts.yml").exists()


def test_ignore_forwards_nothing(tmp_path: Path) -> None:
    creds = prepare_github_credentials(
        tmp_path, _auth(GithubAuthMode.IGNORE), github_env={"GH_TOKEN": "ghp_x_123456"},
        host_home=tmp_path,
    )  # fmt: skip
    assert creds.secret_env == {}
    assert creds.plain_env == {}
