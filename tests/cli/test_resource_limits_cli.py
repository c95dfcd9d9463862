"""`jackin load --dry-run` shows the resource limits, and a bad one is E023 naming its file,
line and field, with no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleCache, RoleSelector
from tests.sdk.launch.conftest import role_repository, write_config


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = T\n\temail = t@example.invalid\n[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def project(jackin_paths: JackinPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = role_repository(tmp_path)
    write_config(jackin_paths, repo)
    RoleCache(jackin_paths).ensure(RoleSelector.parse("stand-in"), repo.as_uri())
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _limits(paths: JackinPaths, lines: str) -> None:
    paths.config_file.write_text(paths.config_file.read_text() + lines)


def test_the_dry_run_shows_the_limits_in_both_formats(
    jackin_paths: JackinPaths, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _limits(jackin_paths, 'pids_limit = 2048\nmemory = "8g"\ncpus = 2.5\n')

    assert run(["load", "stand-in", "--dry-run"]) == 0
    human = capsys.readouterr().out
    assert run(["load", "stand-in", "--dry-run", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["data"]

    assert (
        "Limits:     pids 2048 (config.toml), memory 8g (config.toml), cpus 2.5 (config.toml)"
    ) in human
    assert data["limits"] == {
        "pids_limit": 2048,
        "memory": 8 * 1024**3,
        "cpus": 2.5,
        "sources": {"pids_limit": "config.toml", "memory": "config.toml", "cpus": "config.toml"},
    }


def test_a_bad_limit_is_e023_with_file_line_and_field(
    jackin_paths: JackinPaths, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _limits(jackin_paths, 'memory = "a lot"\n')
    line = len(jackin_paths.config_file.read_text().splitlines())

    assert run(["load", "stand-in", "--dry-run"]) != 0
    out = capsys.readouterr()
    text = out.out + out.err

    assert "[E023]" in text
    assert f"{jackin_paths.config_file}:{line}" in text
    assert "docker.memory" in text
    assert "'a lot' is not a size" in text
    assert "Traceback" not in text
