"""`jackin config …` through a local command tree that handles errors as `__main__.run` does."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer

from jackin_cli._config_cmds import config_app
from jackin_sdk.errors import JackinError
from jackin_sdk.paths import JackinPaths
from jackin_sdk.text import render_error


def _run(args: list[str]) -> int:
    """`jackin config …` with `__main__.run`'s rendering and exit codes."""
    app = typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.add_typer(config_app, name="config")
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="jackin", standalone_mode=False)
    except JackinError as exc:
        if exc.exit_code != 0:
            sys.stderr.write(render_error(exc) + "\n")
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:
        sys.stderr.write(f"Error: {exc.format_message()}\n")
        return exc.exit_code
    return result if isinstance(result, int) else 0


def _config(paths: JackinPaths) -> dict[str, object]:
    """config.toml as data ({} while no command has written it)."""
    if not paths.config_file.exists():
        return {}
    return tomllib.loads(paths.config_file.read_text())


def _table(data: dict[str, object], *path: str) -> dict[str, object]:
    current: object = data
    for key in path:
        assert isinstance(current, dict), f"{key}: not a table"
        current = current[key]
    assert isinstance(current, dict)
    return current


class _Terminal(io.StringIO):
    """A stdin that claims to be a terminal and answers with its text."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    user = tmp_path / "user"
    user.mkdir()
    monkeypatch.setenv("HOME", str(user))
    return user


# ── groups ───────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "path",
    [
        ["config"],
        ["config", "mount"],
        ["config", "trust"],
        ["config", "auth"],
        ["config", "env"],
        ["config", "git"],
        ["config", "git", "coauthor-trailer"],
        ["config", "git", "dco"],
    ],
)
def test_a_group_without_subcommand_prints_its_help(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str], path: list[str]
) -> None:
    del jackin_paths
    assert _run(path) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Usage: jackin {' '.join(path)} [OPTIONS] COMMAND")
    assert captured.err == ""


def test_unknown_subcommand_is_a_usage_error(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    assert _run(["config", "mount", "nope"]) == 2
    assert "No such command 'nope'" in capsys.readouterr().err


# ── mounts ───────────────────────────────────────────────────────────────────────────────


def test_mount_add_replace_list_remove(
    jackin_paths: JackinPaths,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    cwd = Path.cwd()
    assert _run(["config", "mount", "list"]) == 0
    assert capsys.readouterr().out == "No mounts configured.\n"

    assert _run(["config", "mount", "add", "cache", "--src", "~/cache", "--dst", "/cache"]) == 0
    assert (
        capsys.readouterr().out
        == f'Added mount "cache" (global):\n  /cache\n  host: {home}/cache\n'
    )
    args = ["--src", "data/./x/..", "--dst", "/data", "--readonly", "--scope", "acme/*"]
    assert _run(["config", "mount", "add", "data", *args]) == 0
    assert capsys.readouterr().out == (
        f'Added mount "data" (acme/*):\n  /data\n  host: {cwd}/data (read-only)\n'
    )
    assert _run(["config", "mount", "add", "cache", "--src", "/srv/c", "--dst", "/c2"]) == 0
    assert capsys.readouterr().out == (
        f'Replaced mount "cache" (global):\n  was: {home}/cache -> /cache\n  now: /srv/c -> /c2\n'
    )
    assert _table(_config(jackin_paths), "docker", "mounts") == {
        "cache": {"src": "/srv/c", "dst": "/c2"},
        "acme/*": {"data": {"src": f"{cwd}/data", "dst": "/data", "readonly": True}},
    }

    assert _run(["config", "mount", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Global mounts:\n┌")
    assert "│ cache │ /c2 (host: /srv/c) │ read-write │" in out
    assert "\n\nScoped global mounts:\n┌" in out
    assert f"│ acme/* │ data │ /data (host: {cwd}/data) │ read-only │" in out
    assert "│ Scope  │ Name │ Mount" in out

    assert _run(["config", "mount", "remove", "data"]) == 0
    assert capsys.readouterr().out == 'Mount "data" not found.\n'
    assert _run(["config", "mount", "remove", "data", "--scope", "acme/*"]) == 0
    assert _run(["config", "mount", "remove", "cache"]) == 0
    assert capsys.readouterr().out == 'Removed mount "data".\nRemoved mount "cache".\n'
    assert "docker" not in _config(jackin_paths)
    assert _run(["config", "mount", "list"]) == 0
    assert capsys.readouterr().out == "No mounts configured.\n"


def test_mount_list_shows_only_the_tables_in_use(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    assert (
        _run(["config", "mount", "add", "s", "--src", "/s", "--dst", "/s", "--scope", "a/b"]) == 0
    )
    capsys.readouterr()
    assert _run(["config", "mount", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Scoped global mounts:\n")
    assert "│ a/b   │ s    │ /s    │ read-write │" in out
    assert "Global mounts:" not in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["m", "--src", "/x", "--dst", "relative"], 1, "destination must be an absolute path"),
        (["m", "--src", "/x", "--dst", "/a/../etc"], 1, "must not contain `.` or `..`"),
        (["", "--src", "/x", "--dst", "/x"], 1, "global mount name cannot be empty"),
        (["m", "--src", "/x", "--dst", "/x", "--scope", " "], 1, "has an empty scope"),
        (["m", "--src", "", "--dst", "/x"], 2, "--src cannot be empty"),
        (["m", "--dst", "/x"], 2, "Missing option '--src'"),
        (["m", "--src", "/x"], 2, "Missing option '--dst'"),
        (["--src", "/x", "--dst", "/x"], 2, "Missing argument"),
    ],
)
def test_mount_add_rejects_bad_input(
    jackin_paths: JackinPaths,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    assert _run(["config", "mount", "add", *args]) == code
    assert message in capsys.readouterr().err
    assert "docker" not in _config(jackin_paths)


def test_mount_destination_clash_between_overlapping_scopes(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["config", "mount", "add", "a", "--src", "/a", "--dst", "/shared"]) == 0
    before = jackin_paths.config_file.read_text()
    capsys.readouterr()
    args = ["config", "mount", "add", "b", "--src", "/b", "--dst", "/shared", "--scope", "acme/*"]
    assert _run(args) == 1
    assert "duplicate global mount destination in overlapping scope: /shared" in (
        capsys.readouterr().err
    )
    assert jackin_paths.config_file.read_text() == before


def test_mount_scope_cannot_reuse_an_unscoped_mount_name(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    assert _run(["config", "mount", "add", "acme", "--src", "/a", "--dst", "/a"]) == 0
    capsys.readouterr()
    assert (
        _run(["config", "mount", "add", "x", "--src", "/x", "--dst", "/x", "--scope", "acme"]) == 1
    )
    assert '"acme" already names an unscoped mount' in capsys.readouterr().err


def test_sensitive_mount_needs_yes_without_a_terminal(
    jackin_paths: JackinPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ssh = tmp_path / ".ssh"
    ssh.mkdir()
    args = ["config", "mount", "add", "keys", "--src", str(ssh), "--dst", "/keys"]
    assert _run(args) == 1
    captured = capsys.readouterr()
    assert "error: [E020] Sensitive host path mounted without confirmation" in captured.err
    assert f"  {ssh} — SSH keys and configuration\n" in captured.err
    assert "stdin is not a terminal" in captured.err
    assert "--yes" in captured.err
    assert captured.out == ""
    assert "docker" not in _config(jackin_paths)
    assert _run([*args, "--yes"]) == 0
    assert capsys.readouterr().out.startswith('Added mount "keys" (global):')
    assert _table(_config(jackin_paths), "docker", "mounts", "keys")["src"] == str(ssh)


@pytest.mark.parametrize(("answer", "code"), [("n\n", 1), ("\n", 1), ("y\n", 0)])
def test_sensitive_mount_is_confirmed_on_a_terminal(
    jackin_paths: JackinPaths,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
    code: int,
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal(answer))
    assert _run(["config", "mount", "add", "aws", "--src", "~/.aws", "--dst", "/aws"]) == code
    captured = capsys.readouterr()
    assert f"  {home}/.aws — AWS credentials and configuration\n" in captured.err
    assert "Continue with these mounts? [y/N]: " in captured.err
    if code:
        assert "aborted — sensitive mount paths were not confirmed" in captured.err
        assert "docker" not in _config(jackin_paths)
    else:
        assert captured.out.startswith('Added mount "aws" (global):')


# ── trust ────────────────────────────────────────────────────────────────────────────────


def test_trust_grant_revoke_list(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["config", "trust", "grant", "Chainargos/Agent-Brown"]) == 0
    assert _run(["config", "trust", "grant", "chainargos/agent-brown"]) == 0
    assert _run(["config", "trust", "grant", "agent-smith"]) == 0
    assert capsys.readouterr().out == (
        "Trusted chainargos/agent-brown.\n"
        "chainargos/agent-brown is already trusted.\n"
        "agent-smith is already trusted.\n"
    )
    assert _table(_config(jackin_paths), "roles", "chainargos/agent-brown") == {
        "git": "https://github.com/chainargos/jackin-agent-brown.git",
        "trusted": True,
    }
    assert _run(["config", "trust", "list"]) == 0
    assert capsys.readouterr().out == "agent-smith\nchainargos/agent-brown\nthe-architect\n"

    assert _run(["config", "trust", "revoke", "chainargos/agent-brown"]) == 0
    assert _run(["config", "trust", "revoke", "chainargos/agent-brown"]) == 0
    assert _run(["config", "trust", "revoke", "nobody/else"]) == 0
    assert capsys.readouterr().out == (
        "Revoked trust for chainargos/agent-brown.\n"
        "chainargos/agent-brown is not currently trusted.\n"
        "nobody/else is not currently trusted.\n"
    )
    assert _run(["config", "trust", "list"]) == 0
    assert capsys.readouterr().out == "agent-smith\nthe-architect\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["revoke", "agent-smith"], 1, "agent-smith is a built-in role and is always trusted."),
        (["revoke", "The-Architect"], 1, "the-architect is a built-in role"),
        (["grant", "Bad Role"], 2, "invalid selector: Bad Role"),
        (["grant", "a/b/c"], 2, "invalid selector: a/b/c"),
        (["grant", "jk-abc"], 2, "`jk-` is the container-name prefix"),
        (["revoke", ""], 2, "selector cannot be empty"),
        (["grant"], 2, "Missing argument"),
    ],
)
def test_trust_rejects_bad_input(
    jackin_paths: JackinPaths,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    del jackin_paths
    assert _run(["config", "trust", *args]) == code
    assert message in capsys.readouterr().err


# ── auth ─────────────────────────────────────────────────────────────────────────────────


def test_auth_set_and_show(jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["config", "auth", "show"]) == 0
    assert capsys.readouterr().out == (
        "claude: sync\ncodex:  sync\namp:    sync\nkimi:   sync\nopencode: sync\ngrok:   sync\n"
    )
    assert _run(["config", "auth", "set", "oauth_token"]) == 0
    assert _run(["config", "auth", "set", "api_key", "--agent", "grok"]) == 0
    assert _run(["config", "auth", "set", "ignore", "--agent", "opencode"]) == 0
    assert capsys.readouterr().out == (
        "Set global claude auth forwarding to oauth_token.\n"
        "Set global grok auth forwarding to api_key.\n"
        "Set global opencode auth forwarding to ignore.\n"
    )
    data = _config(jackin_paths)
    assert _table(data, "claude")["auth_forward"] == "oauth_token"
    assert _table(data, "grok")["auth_forward"] == "api_key"
    assert _run(["config", "auth", "show"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "claude: oauth_token",
        "codex:  sync",
        "amp:    sync",
        "kimi:   sync",
        "opencode: ignore",
        "grok:   api_key",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["sync", "--agent", "gpt"],
            'unknown agent: "gpt"; supported: claude, codex, amp, kimi, opencode, grok',
        ),
        (["sync", "--agent", "Claude"], 'unknown agent: "Claude"'),
        (
            ["magic"],
            'invalid auth_forward mode "magic"; '
            "expected one of: sync, api_key, oauth_token, ignore",
        ),
        (
            ["oauth_token", "--agent", "codex"],
            "auth_forward oauth_token is not supported for codex; "
            "supported modes: [sync, api_key, ignore]",
        ),
        ([], "Missing argument"),
    ],
)
def test_auth_set_rejects_bad_input(
    jackin_paths: JackinPaths,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    assert _run(["config", "auth", "set", *args]) == 2
    assert message in capsys.readouterr().err
    assert "auth_forward" not in json.dumps(_config(jackin_paths))


# ── env ──────────────────────────────────────────────────────────────────────────────────


def test_env_set_list_unset(jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["config", "env", "list"]) == 0
    assert capsys.readouterr().out == "No env vars set.\n"
    assert _run(["config", "env", "set", "API_URL", "https://x", "--comment", "from docs"]) == 0
    assert _run(["config", "env", "set", "TOKEN", "$HOST_TOKEN", "--role", "Agent-Smith"]) == 0
    assert capsys.readouterr().out == "Set API_URL.\nSet TOKEN.\n"
    text = jackin_paths.config_file.read_text()
    assert 'API_URL = "https://x" # from docs' in text
    assert _table(_config(jackin_paths), "roles", "agent-smith", "env") == {"TOKEN": "$HOST_TOKEN"}

    assert _run(["config", "env", "list"]) == 0
    out = capsys.readouterr().out
    assert "│ Key     │ Value     │" in out
    assert "│ API_URL │ https://x │" in out
    assert "TOKEN" not in out
    assert _run(["config", "env", "list", "--role", "agent-smith"]) == 0
    assert "│ TOKEN │ $HOST_TOKEN │" in capsys.readouterr().out
    assert _run(["config", "env", "list", "--role", "nobody/else"]) == 0
    assert capsys.readouterr().out == "No env vars set.\n"

    assert _run(["config", "env", "unset", "API_URL"]) == 0
    assert _run(["config", "env", "unset", "API_URL"]) == 0
    assert _run(["config", "env", "unset", "TOKEN", "--role", "agent-smith"]) == 0
    assert _run(["config", "env", "unset", "TOKEN", "--role", "nobody/else"]) == 0
    assert capsys.readouterr().out == (
        "Removed API_URL.\nAPI_URL not set.\nRemoved TOKEN.\nTOKEN not set.\n"
    )
    assert _run(["config", "env", "list"]) == 0
    assert capsys.readouterr().out == "No env vars set.\n"


def test_env_list_shows_op_refs_and_on_demand_values_as_stored(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["config", "env", "list"]) == 0  # creates the default config
    capsys.readouterr()
    jackin_paths.config_file.write_text(
        jackin_paths.config_file.read_text()
        + "\n[env]\n"
        + 'A = {op = "op://Work/Item/field", path = "Work/Item/field", account = "ACME"}\n'
        + 'B = {op = "op://Work/Other/pw", path = "Work/Other/pw"}\n'
        + 'C = {value = "$LATE", on_demand = true}\n'
    )
    assert _run(["config", "env", "list"]) == 0
    out = capsys.readouterr().out
    assert "│ A   │ op://Work/Item/field (account ACME) │" in out
    assert "│ B   │ op://Work/Other/pw                  │" in out
    assert "│ C   │ $LATE (on demand)                   │" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["JACKIN_ROLE", "x"], 2, 'env name "JACKIN_ROLE" is reserved by the jackin runtime'),
        (["DOCKER_HOST", "op://v/i/f"], 2, 'env name "DOCKER_HOST" is reserved'),
        (["", "x"], 2, "env var key cannot be empty"),
        (["K", "x", "--role", "nobody/else"], 1, 'role "nobody/else" is not configured'),
        (["K", "op://v/i/f", "--role", "nobody/else"], 1, "jackin config trust grant nobody/else"),
        (["K", "x", "--role", "Bad Role"], 2, "invalid selector: Bad Role"),
        (["K", "op://vault/item/field"], 1, "[E013]"),
        (["K", "op://vault/item"], 2, "must look like op://<vault>/<item>/[<section>/]<field>"),
        (["K", "x", "--op-account", "ACME"], 2, "--op-account applies only to op:// values"),
        (["K"], 2, "no value for K: pass --stdin to read it from standard input"),
        (["K", "x", "--stdin"], 2, "give the value as an argument or with --stdin, not both"),
    ],
)
def test_env_set_rejects_bad_input(
    jackin_paths: JackinPaths,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    code: int,
    message: str,
) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no `op` on PATH
    assert _run(["config", "env", "set", *args]) == code
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""
    assert "env" not in _config(jackin_paths)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["unset", ""], "env var key cannot be empty"),
        (["unset", "K", "--role", "a/b/c"], "invalid selector: a/b/c"),
        (["list", "--role", "Bad Role"], "invalid selector: Bad Role"),
        (["unset", "K", "--role", ""], "selector cannot be empty"),
    ],
)
def test_env_unset_and_list_reject_bad_input(
    jackin_paths: JackinPaths,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    del jackin_paths
    assert _run(["config", "env", *args]) == 2
    assert message in capsys.readouterr().err


# ── git ──────────────────────────────────────────────────────────────────────────────────


def test_git_flags(jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["config", "git", "coauthor-trailer", "enable"]) == 0
    assert _run(["config", "git", "dco", "enable"]) == 0
    assert capsys.readouterr().out == "coauthor_trailer: enabled\ndco: enabled\n"
    assert _table(_config(jackin_paths), "git") == {"coauthor_trailer": True, "dco": True}
    assert _run(["config", "git", "coauthor-trailer", "disable"]) == 0
    assert _table(_config(jackin_paths), "git") == {"dco": True}
    assert _run(["config", "git", "dco", "disable"]) == 0
    assert _run(["config", "git", "dco", "disable"]) == 0
    assert capsys.readouterr().out == ("coauthor_trailer: disabled\ndco: disabled\ndco: disabled\n")
    assert "git" not in _config(jackin_paths)


@pytest.mark.parametrize(
    "args", [["git", "dco", "on"], ["git", "signoff", "enable"], ["git", "dco", "enable", "x"]]
)
def test_git_rejects_bad_input(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    del jackin_paths
    assert _run(["config", *args]) == 2
    assert "Error:" in capsys.readouterr().err


# ── start-up ─────────────────────────────────────────────────────────────────────────────

_PROBE = """
import json, sys
import typer
from jackin_cli._config_cmds import config_app
app = typer.Typer()
app.add_typer(config_app, name="config")
typer.main.get_command(app).main(
    args=["config", "mount", "add", "--help"], prog_name="jackin", standalone_mode=False
)
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))
"""


def test_importing_and_rendering_help_stays_light() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "Usage: jackin config mount add" in result.stdout
    assert loaded.isdisjoint({"pydantic", "tomlkit", "docker", "textual", "requests"})


MOUNT_ADD = ("config", "mount", "add", "cache", "--src", "/srv/c", "--dst", "/cache")


def test_mount_add_over_an_existing_mount_keeps_its_comments(jackin_paths: JackinPaths) -> None:
    """The real `jackin` process: replacing a mount updates its table in place, so the
    operator's notes above, inside and after it survive (it used to rebuild the table)."""
    assert _run(list(MOUNT_ADD)) == 0
    config = jackin_paths.config_file
    config.write_text(
        config.read_text().replace(
            '[docker.mounts.cache]\nsrc = "/srv/c"\n',
            '# shared cache\n[docker.mounts.cache]\n# why\nsrc = "/srv/c"  # on the host\n',
        )
        + "# end note\n"
    )
    before = config.read_text()
    assert "# on the host" in before, before
    result = subprocess.run(
        [sys.executable, "-m", "jackin_cli", *MOUNT_ADD, "--readonly"],
        capture_output=True,
        text=True,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "JACKIN_CONFIG_DIR": str(jackin_paths.config_dir),
            "JACKIN_HOME_DIR": str(jackin_paths.home_dir),
        },
    )
    assert result.returncode == 0, result.stderr
    after = config.read_text()
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        "readonly = true"
    ]
    assert _table(_config(jackin_paths), "docker", "mounts", "cache")["readonly"] is True
