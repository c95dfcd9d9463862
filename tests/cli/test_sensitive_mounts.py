"""A mount of `/`, of the home or of any parent of a credential store asks first, wherever
the mount enters, and without a terminal refuses (E020) unless `--yes` (jackin#17 item 2).

pytest's stdin is not a terminal, so every command here runs as a script would. The
launch behind an accepted gate is not reached: DOCKER_HOST names a socket nobody
listens on, so getting past the gate shows as E001 (the real launch is
tests/security/test_sensitive_mounts.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths

E020 = "error: [E020] Sensitive host path mounted without confirmation"
HOME_REASON = "your home folder, where SSH keys, cloud credentials and tokens live"


@pytest.fixture
def host_home(jackin_paths: JackinPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    del jackin_paths
    home = tmp_path / "host-home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nfake\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/engine/no-engine.sock")
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    return home


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project"
    path.mkdir()
    return path


def _refused(capsys: pytest.CaptureFixture[str], *expected: str) -> str:
    captured = capsys.readouterr()
    assert E020 in captured.err, captured.err
    assert "stdin is not a terminal" in captured.err
    assert "--yes" in captured.err
    assert "Traceback" not in captured.err
    assert "E001" not in captured.err  # refused before the engine is asked anything
    assert captured.out == ""
    for text in expected:
        assert text in captured.err, captured.err
    return captured.err


def _accepted_up_to_the_engine(capsys: pytest.CaptureFixture[str], *listed: str) -> None:
    err = capsys.readouterr().err
    assert "E020" not in err
    assert "[E001] Docker daemon not reachable" in err, err
    assert "Sensitive host paths in these mounts:" in err
    for text in listed:
        assert text in err, err


# ── load: the target, the current directory, --mount ─────────────────────────────────


def test_load_of_the_home_is_refused_without_a_terminal(
    host_home: Path, project: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(project)
    assert run(["load", "agent-smith", str(host_home), "--detach"]) == 1
    _refused(capsys, f"  {host_home} — {HOME_REASON}")
    assert run(["load", "agent-smith", "~", "--detach"]) == 1
    _refused(capsys, f"  {host_home} — {HOME_REASON}")


def test_load_of_the_home_with_yes_goes_on(
    host_home: Path, project: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(project)
    assert run(["load", "agent-smith", str(host_home), "--detach", "--yes"]) == 1
    _accepted_up_to_the_engine(capsys, f"  {host_home} — {HOME_REASON}")


def test_load_from_the_home_as_current_directory_is_refused(
    host_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(host_home)
    assert run(["load", "agent-smith", "--detach"]) == 1
    _refused(capsys, f"  {host_home} — {HOME_REASON}")


def test_load_of_a_symlink_to_the_home_is_refused(
    host_home: Path, tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    link = tmp_path / "innocent"
    link.symlink_to(host_home)
    monkeypatch.chdir(project)
    assert run(["load", "agent-smith", str(link), "--detach"]) == 1
    _refused(capsys, HOME_REASON)  # the target is named by the path it resolves to
    assert run(["load", "agent-smith", "--mount", f"{link}:/h", "--detach"]) == 1
    _refused(capsys, f"  {link} — {HOME_REASON}")


@pytest.mark.parametrize(
    ("spec", "listed"),
    [
        ("/:/host", "  / — the host's whole filesystem"),
        ("/var/run:/r", "docker.sock (a container engine socket"),
        ("/etc:/e:ro", "  /etc — contains /etc/shadow (the host's password hashes)"),
    ],
)
def test_load_mount_option_of_a_host_secret_is_refused(
    host_home: Path, project: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, spec: str, listed: str,
) -> None:  # fmt: skip
    del host_home
    monkeypatch.chdir(project)
    assert run(["load", "agent-smith", "--mount", spec, "--detach"]) == 1
    _refused(capsys, listed)
    assert run(["load", "agent-smith", "--mount", spec, "--detach", "--yes"]) == 1
    _accepted_up_to_the_engine(capsys, listed)


def test_load_of_a_project_beside_the_home_asks_nothing(
    host_home: Path, project: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    del host_home
    monkeypatch.chdir(project)
    assert run(["load", "agent-smith", "--detach"]) == 1
    err = capsys.readouterr().err
    assert "[E001]" in err
    assert "Sensitive" not in err


# ── files on disk: a workspace, a global mount ───────────────────────────────────────


def test_a_workspace_file_that_mounts_the_home_is_refused_at_load(
    host_home: Path, jackin_paths: JackinPaths, project: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    jackin_paths.workspaces_dir.mkdir(parents=True)
    jackin_paths.workspace_file("all").write_text(
        f'version = "v1alpha9"\nworkdir = "/w"\n\n[[mounts]]\nsrc = "{host_home}"\ndst = "/w"\n'
    )
    monkeypatch.chdir(project)
    assert run(["load", "agent-smith", "all", "--detach"]) == 1
    _refused(capsys, f"  {host_home} — {HOME_REASON}")
    assert run(["load", "agent-smith", "all", "--detach", "--yes"]) == 1
    _accepted_up_to_the_engine(capsys, str(host_home))


def test_confirming_at_workspace_create_does_not_acknowledge_the_loads(
    host_home: Path, project: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    create = ["workspace", "create", "all", "--workdir", "/w", "--mount", "~:/w"]
    assert run(create) == 1
    _refused(capsys, f"  {host_home} — {HOME_REASON}")
    assert run([*create, "--yes"]) == 0
    capsys.readouterr()
    monkeypatch.chdir(project)
    assert run(["load", "agent-smith", "all", "--detach"]) == 1
    _refused(capsys, str(host_home))


def test_workspace_edit_adding_a_parent_of_secrets_asks(
    host_home: Path, jackin_paths: JackinPaths, project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert run(["workspace", "create", "app", "--workdir", "/w", "--mount", f"{project}:/w"]) == 0
    before = jackin_paths.workspace_file("app").read_text()
    capsys.readouterr()
    edit = ["workspace", "edit", "app", "--mount", f"{host_home.parent}:/up"]
    assert run(edit) == 1
    _refused(capsys, f"  {host_home.parent} — contains ~ ({HOME_REASON})")
    assert jackin_paths.workspace_file("app").read_text() == before
    assert run([*edit, "--yes"]) == 0


def test_a_global_mount_of_the_root_in_config_toml_is_refused_at_load(
    host_home: Path, jackin_paths: JackinPaths, project: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    del host_home
    jackin_paths.config_dir.mkdir(parents=True, exist_ok=True)
    jackin_paths.config_file.write_text(
        'version = "v1alpha10"\n\n[docker.mounts.everything]\nsrc = "/"\ndst = "/host"\n'
    )
    monkeypatch.chdir(project)
    assert run(["load", "agent-smith", "--detach"]) == 1
    _refused(capsys, "  / — the host's whole filesystem")
    assert run(["load", "agent-smith", "--detach", "--yes"]) == 1
    _accepted_up_to_the_engine(capsys, "  / — the host's whole filesystem")


def test_config_mount_add_of_the_home_asks(
    host_home: Path, jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    add = ["config", "mount", "add", "home", "--src", "~", "--dst", "/h"]
    assert run(add) == 1
    _refused(capsys, f"  {host_home} — {HOME_REASON}")
    assert not jackin_paths.config_file.exists() or "home" not in (
        jackin_paths.config_file.read_text()
    )
    assert run([*add, "--yes"]) == 0
    assert 'Added mount "home" (global):' in capsys.readouterr().out
