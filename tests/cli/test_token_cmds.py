"""`jackin workspace claude-token set|show-source|clear` end to end through the entry point."""

from __future__ import annotations

import io
import secrets
import stat
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths
from tests.sdk.env._keyrings import keyring_file, no_keyring
from tests.sdk.env._op_stub import OpStub, op_stub
from tests.sdk.tokens._fake_claude import claude

__all__ = ["claude", "keyring_file", "op_stub"]

REF = "op://Private/Claude/oauth-token"


@pytest.fixture(autouse=True)
def _no_host_keyring() -> Iterator[KeyringBackend]:
    """Nothing reaches the keyring of the machine running the tests."""
    with no_keyring() as backend:
        yield backend


@pytest.fixture
def web(jackin_paths: JackinPaths, tmp_path: Path) -> JackinPaths:
    """A saved workspace `web` that only allows the role `agent-smith`."""
    (tmp_path / "src").mkdir()
    create = [
        "workspace",
        "create",
        "web",
        "--workdir",
        "/work",
        "--mount",
        f"{tmp_path}/src:/work",
    ]
    assert run([*create, "--allowed-role", "agent-smith"]) == 0
    return jackin_paths


@pytest.fixture
def token() -> str:
    return "sk-ant-oat01-" + secrets.token_urlsafe(72) + "AA"


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _workspace_env(paths: JackinPaths) -> dict[str, object]:
    env = tomllib.loads(paths.workspace_file("web").read_text()).get("env", {})
    assert isinstance(env, dict)
    return env


def test_set_show_source_clear_with_the_keyring(
    web: JackinPaths,
    keyring_file: KeyringBackend,
    token: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    _stdin(monkeypatch, token + "\n")
    assert run(["workspace", "claude-token", "set", "web", "--token-stdin"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == (
        'Stored the Claude token of workspace "web" in the OS keyring entry '
        "jackin/claude-token:web."
    )
    assert out.splitlines()[1].startswith("  token sha256:")
    assert "the token is used only in oauth_token mode" in err
    assert _workspace_env(web) == {"CLAUDE_CODE_OAUTH_TOKEN": "keyring:jackin/claude-token:web"}
    assert keyring.get_password("jackin", "claude-token:web") == token

    assert run(["workspace", "claude-token", "show-source", "web"]) == 0
    assert capsys.readouterr().out == (
        'Claude token of workspace "web": OS keyring entry jackin/claude-token:web\n'
    )
    assert run(["workspace", "claude-token", "show-source", "web", "--role", "agent-smith"]) == 0
    assert capsys.readouterr().out == (
        'Claude token of workspace "web" × role agent-smith: OS keyring entry '
        "jackin/claude-token:web\n  (inherited from workspace web [env])\n"
    )

    assert run(["workspace", "claude-token", "clear", "web"]) == 0
    assert capsys.readouterr().out == (
        'Cleared the Claude token of workspace "web" (OS keyring entry jackin/claude-token:web).\n'
        "  deleted OS keyring entry jackin/claude-token:web\n"
    )
    assert keyring.get_password("jackin", "claude-token:web") is None
    assert _workspace_env(web) == {}
    assert run(["workspace", "claude-token", "show-source", "web"]) == 0
    assert capsys.readouterr().out == 'Claude token of workspace "web": not set\n'
    assert run(["workspace", "claude-token", "clear", "web"]) == 0
    assert capsys.readouterr().out == (
        'Workspace "web" had no Claude token — config left unchanged.\n'
    )


def test_token_never_shows_even_with_debug(
    web: JackinPaths,
    token: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen: list[str] = []
    _stdin(monkeypatch, token)
    assert run(["--debug", "workspace", "claude-token", "set", "web", "--role", "agent-smith",
                "--token-stdin"]) == 0  # fmt: skip
    seen += capsys.readouterr()
    assert run(["--debug", "workspace", "claude-token", "show-source", "web", "--role",
                "agent-smith"]) == 0  # fmt: skip
    seen += capsys.readouterr()
    assert run(["--debug", "workspace", "env", "list", "web", "--role", "agent-smith"]) == 0
    seen += capsys.readouterr()
    assert run(["--debug", "workspace", "claude-token", "clear", "web", "--role",
                "agent-smith"]) == 0  # fmt: skip
    seen += capsys.readouterr()
    text = "\n".join(seen)
    assert "debug mode — invocation id" in text
    assert "private-file:" in text
    assert token not in text
    assert token[20:60] not in text
    assert token not in web.workspace_file("web").read_text()


def test_without_a_keyring_the_token_goes_to_a_private_file(
    web: JackinPaths,
    token: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    _stdin(monkeypatch, token)
    assert run(["workspace", "claude-token", "set", "web", "--token-stdin"]) == 0
    out, err = capsys.readouterr()
    path = web.home_dir / "secrets" / "claude-token-web"
    assert f"in the file {path}." in out
    assert "No usable OS keyring on this host" in err
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == token + "\n"
    assert _workspace_env(web) == {"CLAUDE_CODE_OAUTH_TOKEN": f"private-file:{path}"}
    assert run(["workspace", "claude-token", "set", "web", "--store", "keyring"]) == 1
    assert "no usable OS keyring backend on this host" in capsys.readouterr().err


def test_op_reference_is_stored_as_an_op_value(
    web: JackinPaths, op_stub: OpStub, capsys: pytest.CaptureFixture[str]
) -> None:
    op_stub.add(REF, "op-side-token-7d41")
    capsys.readouterr()
    assert run(["workspace", "claude-token", "set", "web", "--op", REF]) == 0
    out, err = capsys.readouterr()
    assert out == f'Set the Claude token of workspace "web" to the 1Password reference {REF}.\n'
    assert "op-side-token-7d41" not in out + err
    assert _workspace_env(web) == {
        "CLAUDE_CODE_OAUTH_TOKEN": {"op": REF, "path": "Private/Claude/oauth-token"}
    }
    assert run(["workspace", "claude-token", "show-source", "web"]) == 0
    assert capsys.readouterr().out == (
        f'Claude token of workspace "web": 1Password reference {REF}\n'
    )


def test_generate_runs_claude_setup_token(
    web: JackinPaths, claude: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(["workspace", "claude-token", "set", "web", "--generate", "--store", "file"]) == 0
    out, err = capsys.readouterr()
    assert "Your OAuth token (valid for 1 year):" in err
    assert claude not in out + err
    assert (web.home_dir / "secrets" / "claude-token-web").read_text() == claude + "\n"


def test_oauth_token_mode_silences_the_note(
    web: JackinPaths,
    token: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["config", "auth", "set", "oauth_token"]) == 0
    capsys.readouterr()
    _stdin(monkeypatch, token)
    assert run(["workspace", "claude-token", "set", "web", "--token-stdin"]) == 0
    assert "auth_forward" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--token-stdin", "--generate"], "--token-stdin, --generate and --op exclude each other"),
        (["--store", "op"], "--store op needs --op op://vault/item/field"),
        (["--op", REF, "--store", "file"], "--op stores a 1Password reference"),
        (["--store", "vault"], 'unknown store "vault"; expected keyring, file or op'),
        (["--op-account", "acme"], "--op-account applies only with --op"),
        ([], "no token given: pass --token-stdin, --generate or --op op://…"),
        (["--token-stdin", "--role", "the-architect"], 'role "the-architect" is not allowed'),
        (["--token-stdin", "--op", REF], "exclude each other"),
    ],
)
def test_usage_errors_exit_two(
    web: JackinPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    _stdin(monkeypatch, "sk-ant-oat01-usage-error-token\n")
    capsys.readouterr()
    assert run(["workspace", "claude-token", "set", "web", *args]) == 2
    assert message in capsys.readouterr().err
    assert _workspace_env(web) == {}


def test_unknown_workspace_is_e007(
    jackin_paths: JackinPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "sk-ant-oat01-unknown-workspace")
    assert run(["workspace", "claude-token", "set", "nope", "--token-stdin"]) == 1
    assert 'No workspace named "nope"' in capsys.readouterr().err
    assert run(["workspace", "claude-token", "show-source", "nope"]) == 1
    assert run(["workspace", "claude-token", "clear", "nope"]) == 1
