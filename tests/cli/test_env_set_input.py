"""`config env set` / `workspace env set`: the value from stdin, a hidden prompt, or argv with
a warning when it looks like a secret (jackin issue 17, item 5)."""

from __future__ import annotations

import io
import os
import pty
import select
import sys
import tomllib
from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths

PAT = "ghp_" + "Q8x2Lr7Vn4Kd9Wm3Ts6Yb1Hc5Jf0Pa2Ze7Ug"
DB_URL = "postgres://app:Pw-7f3kq9x2@db.internal/app"
JACKIN = str(Path(sys.executable).with_name("jackin"))
WARNING = "looks like a secret and was visible in the process list"


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _env(paths: JackinPaths, *table: str) -> dict[str, object]:
    if not paths.config_file.exists():
        return {}
    data: object = tomllib.loads(paths.config_file.read_text())
    for key in (*table, "env"):
        assert isinstance(data, dict)
        data = data.get(key, {})
    assert isinstance(data, dict)
    return data


@pytest.fixture
def web(jackin_paths: JackinPaths, tmp_path: Path) -> JackinPaths:
    (tmp_path / "src").mkdir()
    assert run(["workspace", "create", "web", "--workdir", "/work",
                "--mount", f"{tmp_path}/src:/work"]) == 0  # fmt: skip
    return jackin_paths


def test_config_env_set_reads_the_value_from_stdin_without_a_warning(
    jackin_paths: JackinPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, PAT + "\n")
    assert run(["config", "env", "set", "GITHUB_PAT", "--stdin"]) == 0
    out, err = capsys.readouterr()
    assert out == "Set GITHUB_PAT.\n"
    assert err == ""
    assert _env(jackin_paths) == {"GITHUB_PAT": PAT}

    _stdin(monkeypatch, DB_URL + "\r\n")
    assert run(["config", "env", "set", "DATABASE_URL", "--stdin", "--role", "agent-smith"]) == 0
    assert capsys.readouterr().err == ""
    assert _env(jackin_paths, "roles", "agent-smith") == {"DATABASE_URL": DB_URL}


def test_workspace_env_set_reads_the_value_from_stdin(
    web: JackinPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    _stdin(monkeypatch, DB_URL + "\n")
    assert run(["workspace", "env", "set", "web", "DATABASE_URL", "--stdin"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("Set DATABASE_URL.\n", "")
    stored = tomllib.loads(web.workspace_file("web").read_text())["env"]
    assert stored == {"DATABASE_URL": DB_URL}


@pytest.mark.parametrize(
    ("key", "value"),
    [("GITHUB_PAT", PAT), ("DATABASE_URL", DB_URL), ("FOO", "sk-ant-api03-" + "x" * 40),
     ("API_TOKEN", "hunter22")],
)  # fmt: skip
def test_a_secret_given_as_an_argument_is_kept_with_a_warning(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str], key: str, value: str
) -> None:
    assert run(["config", "env", "set", key, value]) == 0
    out, err = capsys.readouterr()
    assert out == f"Set {key}.\n"
    assert WARNING in err
    assert f"`jackin config env set {key} --stdin`" in err
    assert value not in err
    assert _env(jackin_paths) == {key: value}


def test_the_workspace_warning_names_the_workspace_command(
    web: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(["workspace", "env", "set", "web", "GITHUB_PAT", PAT, "--role", "agent-smith"]) == 0
    err = capsys.readouterr().err
    assert WARNING in err
    assert "`jackin workspace env set web --role agent-smith GITHUB_PAT --stdin`" in err


@pytest.mark.parametrize(
    ("key", "value"),
    [("NODE_ENV", "development"), ("GITHUB_PAT", "$PAT"), ("API_TOKEN", "${HOST_TOKEN}"),
     ("API_TOKEN", "keyring:jackin/api-token"), ("API_URL", "https://api.example.com/v1")],
)  # fmt: skip
def test_ordinary_values_and_references_never_warn(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str], key: str, value: str
) -> None:
    assert run(["config", "env", "set", key, value]) == 0
    assert capsys.readouterr().err == ""
    assert _env(jackin_paths) == {key: value}


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("", 'no value for K on standard input; to store an empty value pass ""'),
        ("\n", "no value for K on standard input"),
        ("line one\nline two\n", "the value of K spans several lines"),
    ],
)
def test_bad_stdin_is_a_usage_error_and_writes_nothing(
    jackin_paths: JackinPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stdin: str,
    message: str,
) -> None:
    _stdin(monkeypatch, stdin)
    assert run(["config", "env", "set", "K", "--stdin"]) == 2
    assert message in capsys.readouterr().err
    assert _env(jackin_paths) == {}


def test_no_value_without_a_terminal_says_how(
    web: JackinPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, PAT)  # not a terminal: never read without --stdin
    capsys.readouterr()
    assert run(["workspace", "env", "set", "web", "K"]) == 2
    err = capsys.readouterr().err
    assert "no value for K: pass --stdin to read it from standard input" in err
    assert "env" not in tomllib.loads(web.workspace_file("web").read_text())


def _drive(argv: list[str], env: dict[str, str], answer: str) -> tuple[int, str]:
    """Run `argv` on a new pseudo-terminal, type `answer` at the prompt; (status, screen)."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execve(argv[0], argv, env)  # noqa: S606 - the pty child becomes jackin
    screen = b""
    answered = False
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 60)
            if not ready:
                raise AssertionError(f"no output from {argv}: {screen!r}")
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
            if not answered and b"(input hidden): " in screen:
                os.write(fd, answer.encode() + b"\r")
                answered = True
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode(errors="replace")


def test_a_hidden_prompt_on_a_terminal_never_echoes_the_value(
    jackin_paths: JackinPaths, tmp_path: Path
) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "JACKIN_CONFIG_DIR": str(jackin_paths.config_dir),
        "JACKIN_HOME_DIR": str(jackin_paths.home_dir),
        "TERM": "dumb",
    }
    code, screen = _drive([JACKIN, "config", "env", "set", "GITHUB_PAT"], env, PAT)
    assert code == 0, screen
    assert "Value of GITHUB_PAT (input hidden): " in screen
    assert "Set GITHUB_PAT." in screen
    assert PAT not in screen, "the value was echoed"
    assert WARNING not in screen
    assert _env(jackin_paths) == {"GITHUB_PAT": PAT}
