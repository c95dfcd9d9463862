"""`config env list` and `workspace env list` mask stored literals that look like secrets
(by their key's name or the value's shape); `--show-values` prints them. References say
only where a value lives and are shown as written. Through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths

GITHUB = "ghp_" + "A1b2C3d4E5f6G7h8I9j0" * 2  # a token by its shape, under a plain name
NAMED = "tok-secret-0123456789"  # a secret by its key's name only
DB_URL = "postgres://app:hunter2pw@db.internal/app"  # the password inside a URL
ON_DEMAND = "sk-ant-" + "x9Y8z7W6v5U4t3S2r1Q0" * 2

ENV_TOML = f"""
[env]
PLAIN_SETTING = "visible"
SERVICE_TOKEN = "{NAMED}"
UPSTREAM = "{GITHUB}"
DATABASE_URL = "{DB_URL}"
FROM_HOST_TOKEN = "$HOST_TOKEN"
VAULTED_TOKEN = {{ op = "op://Work/Item/token", path = "Work/Item/token" }}
LATE_KEY = {{ value = "{ON_DEMAND}", on_demand = true }}
EMPTY_PASSWORD = ""
"""
SECRETS = (NAMED, GITHUB, DB_URL, "hunter2pw", ON_DEMAND)


def _list(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert run(list(args)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def _rows(out: str) -> dict[str, str]:
    """`Key | Value` table rows as a dict."""
    rows: dict[str, str] = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if len(cells) == 2 and cells[0] not in ("", "Key"):
            rows[cells[0]] = cells[1]
    return rows


def _check_masked(out: str) -> None:
    for secret in SECRETS:
        assert secret not in out
    assert _rows(out) == {
        "DATABASE_URL": "***",
        "EMPTY_PASSWORD": "",
        "FROM_HOST_TOKEN": "$HOST_TOKEN",
        "LATE_KEY": "*** (on demand)",
        "PLAIN_SETTING": "visible",
        "SERVICE_TOKEN": "***",
        "UPSTREAM": "***",
        "VAULTED_TOKEN": "op://Work/Item/token",
    }
    assert out.endswith("  4 value(s) that look like secrets masked; --show-values prints them.\n")


def _check_shown(out: str) -> None:
    rows = _rows(out)
    assert (rows["SERVICE_TOKEN"], rows["UPSTREAM"], rows["DATABASE_URL"]) == (
        NAMED, GITHUB, DB_URL,
    )  # fmt: skip
    assert rows["LATE_KEY"] == f"{ON_DEMAND} (on demand)"
    assert "masked" not in out


def test_config_env_list_masks_secret_literals(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _list(capsys, "config", "env", "list")  # writes the default config
    config = jackin_paths.config_file
    config.write_text(config.read_text() + ENV_TOML)

    _check_masked(_list(capsys, "config", "env", "list"))
    _check_shown(_list(capsys, "config", "env", "list", "--show-values"))


def test_config_env_list_of_a_role_masks_too(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _list(capsys, "config", "env", "list")
    config = jackin_paths.config_file
    config.write_text(config.read_text() + f'\n[roles.agent-smith.env]\nAPI_KEY = "{NAMED}"\n')
    out = _list(capsys, "config", "env", "list", "--role", "agent-smith")
    assert NAMED not in out
    assert _rows(out) == {"API_KEY": "***"}


def test_workspace_env_list_masks_secret_literals(
    jackin_paths: JackinPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app").mkdir()
    assert run(["workspace", "create", "app", "--workdir", "/work/app",
                "--mount", f"{tmp_path}/app:/work/app"]) == 0  # fmt: skip
    workspace = jackin_paths.workspace_file("app")
    workspace.write_text(workspace.read_text() + ENV_TOML)
    capsys.readouterr()

    _check_masked(_list(capsys, "workspace", "env", "list", "app"))
    _check_shown(_list(capsys, "workspace", "env", "list", "app", "--show-values"))


@pytest.mark.parametrize("command", [["config", "env"], ["workspace", "env"]])
def test_show_values_is_documented(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*command, "list", "--help"]) == 0
    assert "--show-values" in capsys.readouterr().out
