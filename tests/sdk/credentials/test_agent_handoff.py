"""Agent hand-off slots per auth mode, against a temporary host home."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.auth import Agent, AgentAuth, AuthForwardMode
from jackin_sdk.credentials import CredentialMissing, prepare_agent_credentials
from jackin_sdk.debug import redact
from jackin_sdk.errors import JackinError

SECRET = "sk-ant-oat01-very-secret-value"


def _auth(agent: Agent, mode: AuthForwardMode, source: str | None = None) -> AgentAuth:
    trace = (("ws × role × agent", None), ("ws × agent", mode), ("global × agent", None))
    return AgentAuth(agent, mode, source, trace)


@pytest.fixture
def host(tmp_path: Path) -> Path:
    home = tmp_path / "host"
    (home / ".claude").mkdir(parents=True)
    (home / ".claude" / ".credentials.json").write_text(f'{{"token": "{SECRET}"}}')
    (home / ".claude.json").write_text('{"userID": "u1"}')
    (home / ".kimi-code" / "credentials" / "nested").mkdir(parents=True)
    (home / ".kimi-code" / "config.toml").write_text("x = 1\n")
    (home / ".kimi-code" / "credentials" / "nested" / "k.json").write_text("{}")
    (home / ".kimi-code" / "credentials" / "link").symlink_to("/etc/passwd")
    return home


def test_sync_copies_0600_and_leaves_unchanged_files_alone(tmp_path: Path, host: Path) -> None:
    state = tmp_path / "state"
    creds = prepare_agent_credentials(
        state, _auth(Agent.CLAUDE, AuthForwardMode.SYNC), env_values={}, host_home=host
    )
    slot = state / "claude"
    assert [(b.target, b.read_only) for b in creds.binds] == [("/jackin/claude", True)]
    assert (slot / "credentials.json").read_text() == f'{{"token": "{SECRET}"}}'
    assert (slot / "credentials.json").stat().st_mode & 0o777 == 0o600
    assert slot.stat().st_mode & 0o777 == 0o700
    inode = (slot / "credentials.json").stat().st_ino
    prepare_agent_credentials(
        state, _auth(Agent.CLAUDE, AuthForwardMode.SYNC), env_values={}, host_home=host
    )
    assert (slot / "credentials.json").stat().st_ino == inode, "identical content not rewritten"
    assert SECRET not in redact(f"token {SECRET}")
    assert (host / ".claude" / ".credentials.json").read_text().endswith("}"), "host untouched"


def test_sync_keeps_an_in_container_login_when_the_host_has_none(tmp_path: Path) -> None:
    state = tmp_path / "state"
    (state / "codex").mkdir(parents=True)
    (state / "codex" / "auth.json").write_text("from a login inside the container")
    empty = tmp_path / "empty-host"
    empty.mkdir()
    creds = prepare_agent_credentials(
        state, _auth(Agent.CODEX, AuthForwardMode.SYNC), env_values={}, host_home=empty
    )
    assert (state / "codex" / "auth.json").read_text() == "from a login inside the container"
    assert "log in inside the container" in creds.notes[0]


def test_sync_source_dir_replaces_the_host_home(tmp_path: Path, host: Path) -> None:
    other = tmp_path / "other"
    (other / ".codex").mkdir(parents=True)
    (other / ".codex" / "auth.json").write_text("other account")
    state = tmp_path / "state"
    prepare_agent_credentials(
        state, _auth(Agent.CODEX, AuthForwardMode.SYNC, str(other)), env_values={}, host_home=host
    )
    assert (state / "codex" / "auth.json").read_text() == "other account"


def test_kimi_tree_skips_links_with_private_modes(tmp_path: Path, host: Path) -> None:
    state = tmp_path / "state"
    prepare_agent_credentials(
        state, _auth(Agent.KIMI, AuthForwardMode.SYNC), env_values={}, host_home=host
    )
    slot = state / "kimi-code"
    assert (slot / "config.toml").read_text() == "x = 1\n"
    assert (slot / "credentials" / "nested" / "k.json").stat().st_mode & 0o777 == 0o600
    assert (slot / "credentials" / "nested").stat().st_mode & 0o777 == 0o700
    assert not (slot / "credentials" / "link").exists()


def test_a_symlinked_slot_file_is_refused(tmp_path: Path, host: Path) -> None:
    state = tmp_path / "state"
    (state / "claude").mkdir(parents=True)
    (state / "claude" / "credentials.json").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(JackinError, match="symlink"):
        prepare_agent_credentials(
            state, _auth(Agent.CLAUDE, AuthForwardMode.SYNC), env_values={}, host_home=host
        )


def test_api_key_needs_the_key_and_names_the_layers_not_the_value(tmp_path: Path) -> None:
    state = tmp_path / "state"
    auth = _auth(Agent.CODEX, AuthForwardMode.API_KEY)
    presence = [("global [env]", False), ("workspace app [env]", False)]
    with pytest.raises(CredentialMissing) as caught:
        prepare_agent_credentials(state, auth, env_values={}, presence=presence, host_home=tmp_path)
    text = str(caught.value)
    assert "OPENAI_API_KEY" in text
    assert "ws × agent: api_key" in text
    assert "global [env]: missing" in text
    creds = prepare_agent_credentials(
        state, auth, env_values={"OPENAI_API_KEY": "sk-openai-123456"}, host_home=tmp_path
    )
    assert creds.secret_env == {"OPENAI_API_KEY": "sk-openai-123456"}
    assert creds.binds == ()


def test_api_key_after_sync_removes_forwarded_files(tmp_path: Path, host: Path) -> None:
    state = tmp_path / "state"
    prepare_agent_credentials(
        state, _auth(Agent.CLAUDE, AuthForwardMode.SYNC), env_values={}, host_home=host
    )
    prepare_agent_credentials(
        state, _auth(Agent.CLAUDE, AuthForwardMode.IGNORE), env_values={}, host_home=host
    )
    assert not (state / "claude" / "credentials.json").exists()
    assert not (state / "claude" / "account.json").exists()


def test_oauth_token_writes_the_onboarding_account_only(tmp_path: Path, host: Path) -> None:
    state = tmp_path / "state"
    prepare_agent_credentials(
        state, _auth(Agent.CLAUDE, AuthForwardMode.SYNC), env_values={}, host_home=host
    )
    creds = prepare_agent_credentials(
        state,
        _auth(Agent.CLAUDE, AuthForwardMode.OAUTH_TOKEN),
        env_values={"CLAUDE_CODE_OAUTH_TOKEN": SECRET},
        host_home=host,
    )
    assert creds.secret_env == {"CLAUDE_CODE_OAUTH_TOKEN": SECRET}
    assert not (state / "claude" / "credentials.json").exists()
    assert (state / "claude" / "account.json").read_text().strip() == (
        '{"hasCompletedOnboarding":true}'
    )
