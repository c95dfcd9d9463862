"""Every schema version of both kinds loads, migrates, keeps comments and round-trips."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from jackin_sdk.auth import Agent, AuthForwardMode
from jackin_sdk.config import (
    CONFIG_VERSION,
    WORKSPACE_VERSION,
    ConfigError,
    load_operator_config,
)
from jackin_sdk.env import OpRef
from jackin_sdk.paths import JackinPaths

FIXTURES = Path(__file__).parent / "fixtures"
CONFIG_VERSIONS = ["legacy", *[f"v1alpha{n}" for n in range(1, 12)]]
WORKSPACE_VERSIONS = ["legacy", *[f"v1alpha{n}" for n in range(1, 11)]]


def _first_key_line(text: str) -> str:
    return next(line for line in text.splitlines() if line and not line.startswith("#"))


def _install(paths: JackinPaths, config: str | None, workspace: str | None = None) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    if config is not None:
        shutil.copy(FIXTURES / "config" / f"{config}.toml", paths.config_file)
    if workspace is not None:
        paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / "workspace" / f"{workspace}.toml", paths.workspace_file("app"))


@pytest.mark.parametrize("version", CONFIG_VERSIONS)
def test_config_fixture_migrates_to_current(jackin_paths: JackinPaths, version: str) -> None:
    _install(jackin_paths, version)
    original = jackin_paths.config_file.read_text()
    loaded = load_operator_config(jackin_paths)
    text = jackin_paths.config_file.read_text()
    assert _first_key_line(text) == f'version = "{CONFIG_VERSION}"'
    assert "# Operator notes: keep this comment." in text
    assert "unknown_top_level = 1  # lax top level: ignored, kept" in text
    assert loaded.app.role_repo_refresh_ttl_seconds == 120
    assert loaded.app.roles["agent-smith"].trusted
    assert loaded.app.roles["the-architect"].trusted  # built-in, re-synced in memory
    assert isinstance(loaded.app.env["OPENAI_API_KEY"], OpRef)
    if version == str(CONFIG_VERSION):
        assert text == original
        assert not list(jackin_paths.config_dir.glob("*.bak-*"))
    else:
        backup = jackin_paths.config_dir / f"config.toml.bak-{version}"
        assert backup.read_text() == original
    # Second load: nothing changes.
    load_operator_config(jackin_paths)
    assert jackin_paths.config_file.read_text() == text


@pytest.mark.parametrize("version", WORKSPACE_VERSIONS)
def test_workspace_fixture_migrates_to_current(jackin_paths: JackinPaths, version: str) -> None:
    _install(jackin_paths, "v1alpha9", version)
    loaded = load_operator_config(jackin_paths)
    path = jackin_paths.workspace_file("app")
    text = path.read_text()
    assert _first_key_line(text) == f'version = "{WORKSPACE_VERSION}"'
    assert "# My app workspace. Operator comment to keep." in text
    assert 'src = "/home/op/.cache/app"  # build cache' in text
    assert "op_account" not in text
    workspace = loaded.workspaces["app"]
    github_env = workspace.github.env if workspace.github else {}
    for env in (workspace.env, workspace.roles["org/agent"].env, github_env):
        for value in env.values():
            if isinstance(value, OpRef) and value.op != "op://v/o/f":
                assert value.account == "ACCT123"
    own = workspace.env["OWN"]
    assert isinstance(own, OpRef)
    assert own.account == "OTHER"  # an explicit account is never overwritten
    claude = workspace.agent_auth(Agent.CLAUDE)
    assert claude is not None
    assert claude.auth_forward is AuthForwardMode.OAUTH_TOKEN
    load_operator_config(jackin_paths)
    assert path.read_text() == text


def test_content_migration_matches_the_reference_example(jackin_paths: JackinPaths) -> None:
    _install(jackin_paths, "v1alpha9", "v1alpha4")
    load_operator_config(jackin_paths)
    data = tomllib.loads(jackin_paths.workspace_file("app").read_text())
    assert data["env"]["CLAUDE_CODE_OAUTH_TOKEN"] == {
        "op": "op://v/i/f",
        "path": "Vault/Item/Field",
        "account": "ACCT123",
    }
    assert data["env"]["PLAIN_ENV"] == "literal-value"
    assert data["roles"]["org/agent"]["env"]["ROLE_TOKEN"]["account"] == "ACCT123"
    assert data["github"]["env"]["GH_TOKEN"]["account"] == "ACCT123"


def test_fresh_install_writes_a_default_config(jackin_paths: JackinPaths) -> None:
    loaded = load_operator_config(jackin_paths)
    data = tomllib.loads(jackin_paths.config_file.read_text())
    assert data["version"] == str(CONFIG_VERSION)
    assert set(data["roles"]) == {"agent-smith", "the-architect"}
    assert loaded.workspaces == {}
    assert jackin_paths.roles_dir.is_dir()


def test_read_only_load_writes_nothing(jackin_paths: JackinPaths) -> None:
    _install(jackin_paths, "legacy", "legacy")
    before = {p: p.read_bytes() for p in jackin_paths.config_dir.rglob("*") if p.is_file()}
    loaded = load_operator_config(jackin_paths, write=False)
    after = {p: p.read_bytes() for p in jackin_paths.config_dir.rglob("*") if p.is_file()}
    assert before == after
    assert loaded.workspaces["app"].workdir == "/workspace/app"


def test_read_only_load_of_nothing_creates_nothing(jackin_paths: JackinPaths) -> None:
    loaded = load_operator_config(jackin_paths, write=False)
    assert not jackin_paths.config_dir.exists()
    assert set(loaded.app.roles) == {"agent-smith", "the-architect"}


def test_legacy_split(jackin_paths: JackinPaths) -> None:
    _install(jackin_paths, "legacy-embedded-workspaces")
    loaded = load_operator_config(jackin_paths)
    config_text = jackin_paths.config_file.read_text()
    assert "[workspaces" not in config_text
    assert 'auth_forward = "sync"  # keep this comment' in config_text  # better than the reference
    assert (jackin_paths.config_dir / "config.toml.bak-legacy").exists()
    prod = tomllib.loads(jackin_paths.workspace_file("prod").read_text())
    assert prod == {
        "version": str(WORKSPACE_VERSION),
        "workdir": "/workspace/prod",
        "allowed_roles": ["agent-smith"],
        "mounts": [
            {
                "src": "/home/op/projects/prod",
                "dst": "/workspace/prod",
                "readonly": False,
                "isolation": "shared",
            }
        ],
        "env": {"DB_URL": {"op": "op://v/db/url", "path": "Vault/DB/url", "account": "ACCT123"}},
    }
    assert set(loaded.workspaces) == {"prod", "docs"}
    assert loaded.workspaces["docs"].mounts[0].readonly


def test_legacy_split_is_crash_safe_and_detects_conflicts(jackin_paths: JackinPaths) -> None:
    _install(jackin_paths, "legacy-embedded-workspaces")
    load_operator_config(jackin_paths)
    # Simulate a crash before the commit point: config.toml still has the tables.
    shutil.copy(FIXTURES / "config" / "legacy-embedded-workspaces.toml", jackin_paths.config_file)
    loaded = load_operator_config(jackin_paths)
    assert set(loaded.workspaces) == {"prod", "docs"}
    # Now a conflicting split file.
    shutil.copy(FIXTURES / "config" / "legacy-embedded-workspaces.toml", jackin_paths.config_file)
    docs = jackin_paths.workspace_file("docs")
    docs.write_text(docs.read_text().replace("readonly = true", "readonly = false"))
    with pytest.raises(ConfigError, match=r'workspace "docs" is defined both in config\.toml'):
        load_operator_config(jackin_paths)


def test_newer_file_is_refused(jackin_paths: JackinPaths) -> None:
    jackin_paths.config_dir.mkdir(parents=True)
    jackin_paths.config_file.write_text('version = "v1alpha99"\n')
    with pytest.raises(ConfigError) as caught:
        load_operator_config(jackin_paths)
    assert "config.toml is at v1alpha99, this jackin only understands up to v1alpha11" in str(
        caught.value
    )
    assert caught.value.location is not None
    assert caught.value.location.file == jackin_paths.config_file


def test_newer_workspace_is_refused(jackin_paths: JackinPaths) -> None:
    _install(jackin_paths, "v1alpha9")
    jackin_paths.workspaces_dir.mkdir()
    jackin_paths.workspace_file("w").write_text('version = "v2"\nworkdir = "/w"\n')
    with pytest.raises(ConfigError, match=r"workspace file is at v2"):
        load_operator_config(jackin_paths)


def test_bad_version_value(jackin_paths: JackinPaths) -> None:
    jackin_paths.config_dir.mkdir(parents=True)
    jackin_paths.config_file.write_text("version = 3\n")
    with pytest.raises(ConfigError, match="`version` must be a string"):
        load_operator_config(jackin_paths)
