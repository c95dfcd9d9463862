"""A mount path Docker cannot bind is refused where it enters: every flag and file (E018)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths


@pytest.fixture
def colon_dir(tmp_path: Path) -> Path:
    path = tmp_path / "proj:x"
    path.mkdir()
    return path


def _refused(capsys: pytest.CaptureFixture[str], *expected: str) -> str:
    err = capsys.readouterr().err
    assert "error: [E018] Mount path cannot be bound into the container" in err
    assert "Traceback" not in err
    for text in expected:
        assert text in err, err
    return err


def test_workspace_create_names_the_mount_option(
    jackin_paths: JackinPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["workspace", "create", "app", "--workdir", "/w", "--mount", f"{tmp_path}:/w:rw"]
    assert run(args) == 1
    _refused(capsys, f'--mount "{tmp_path}:/w:rw"', "drop the `:rw`")
    assert not jackin_paths.workspace_file("app").exists()


def test_workspace_edit_names_the_mount_option(
    jackin_paths: JackinPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder beside jackin's roots: tmp_path itself contains them, which would be E020.
    project = tmp_path / "project"
    project.mkdir()
    assert run(["workspace", "create", "app", "--workdir", "/w", "--mount", f"{project}:/w"]) == 0
    before = jackin_paths.workspace_file("app").read_text()
    capsys.readouterr()
    assert run(["workspace", "edit", "app", "--mount", f"{project}:/jackin/run"]) == 1
    _refused(capsys, "lies in /jackin")
    assert jackin_paths.workspace_file("app").read_text() == before


def test_config_mount_add_names_the_flag(
    jackin_paths: JackinPaths, colon_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["config", "mount", "add", "m", "--src", str(colon_dir), "--dst", "/m"]) == 1
    _refused(capsys, f"--src {colon_dir}:", "symlink")
    assert "[docker" not in (
        jackin_paths.config_file.read_text() if jackin_paths.config_file.exists() else ""
    )


def test_workspace_list_names_the_file_and_field(
    jackin_paths: JackinPaths, colon_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jackin_paths.workspaces_dir.mkdir(parents=True)
    file = jackin_paths.workspace_file("app")
    file.write_text(
        f'version = "v1alpha8"\nworkdir = "/w"\n\n[[mounts]]\nsrc = "{colon_dir}"\ndst = "/w"\n'
    )
    assert run(["workspace", "list"]) == 1
    _refused(capsys, f"at {file}, field `mounts[1].src`", "[[mounts]] table 1 of 1")


def test_load_dry_run_refuses_a_mount_option(
    jackin_paths: JackinPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    del jackin_paths
    monkeypatch.chdir(tmp_path)
    assert run(["load", "agent-smith", "--mount", "/tmp:/a:b", "--dry-run"]) == 1
    _refused(capsys, '--mount "/tmp:/a:b"')


def test_load_dry_run_refuses_a_current_directory_docker_cannot_bind(
    jackin_paths: JackinPaths,
    colon_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    del jackin_paths
    monkeypatch.chdir(colon_dir)
    assert run(["load", "agent-smith", "--dry-run"]) == 1
    _refused(capsys, "the current directory:", "jackin workspace create")


def test_load_refuses_before_it_even_asks_docker(
    jackin_paths: JackinPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An engine that cannot answer: reaching it would be E001, not E018.
    del jackin_paths
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    monkeypatch.chdir(tmp_path)
    assert run(["load", "agent-smith", "--mount", f"{tmp_path}:/proc/x", "--detach"]) == 1
    err = _refused(capsys, "lies in /proc")
    assert "E001" not in err
