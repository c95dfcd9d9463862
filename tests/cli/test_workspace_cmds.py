"""`jackin workspace …` end to end through the entry point."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths


@pytest.fixture
def src(tmp_path: Path) -> Path:
    (tmp_path / "src" / "app" / "sub").mkdir(parents=True)
    return tmp_path / "src"


def _create(src: Path, *extra: str) -> int:
    return run(
        [
            "workspace",
            "create",
            "app",
            "--workdir",
            "/work/app",
            "--mount",
            f"{src}/app:/work/app",
            *extra,
        ]
    )


def _file(paths: JackinPaths) -> dict[str, object]:
    return tomllib.loads(paths.workspace_file("app").read_text())


def test_create_list_show_remove(
    jackin_paths: JackinPaths, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        _create(
            src,
            "--mount",
            f"{src}/app/sub:/work/app/sub",
            "--allowed-role",
            "agent-smith",
            "--default-role",
            "agent-smith",
            "--default-agent",
            "codex",
            "--mount-isolation",
            "/work/app=worktree",
            "--git-pull",
        )
        == 0
    )
    captured = capsys.readouterr()
    assert captured.out == 'Created workspace "app" (workdir: /work/app, 1 mount(s)).\n'
    assert f"collapsed 1 redundant mount(s) under {src}/app: {src}/app/sub" in captured.err
    data = _file(jackin_paths)
    assert data["mounts"] == [
        {"src": f"{src}/app", "dst": "/work/app", "readonly": False, "isolation": "worktree"}
    ]
    assert data["git_pull_on_entry"] is True

    assert run(["workspace", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == {
        "schema_version": "v1",
        "data": [
            {
                "name": "app",
                "workdir": "/work/app",
                "mounts": 1,
                "allowed_roles": ["agent-smith"],
                "default_role": "agent-smith",
                "default_agent": "codex",
            }
        ],
    }
    assert run(["workspace", "list"]) == 0
    human = capsys.readouterr().out
    assert "│ app  │ /work/app │ 1" in human
    assert "Run jackin workspace show <name> for details." in human

    assert run(["workspace", "show", "app", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)["data"]
    assert shown["mounts"][0]["isolation"] == "worktree"
    assert run(["workspace", "show", "app"]) == 0
    assert "Git Pull" in capsys.readouterr().out

    assert run(["workspace", "remove", "app"]) == 0
    assert capsys.readouterr().out == 'Removed workspace "app".\n'
    assert not jackin_paths.workspace_file("app").exists()


def test_empty_list(jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]) -> None:
    del jackin_paths
    assert run(["workspace", "list"]) == 0
    assert capsys.readouterr().out.startswith("No workspaces configured.\n\nAdd one with:\n")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--mount", "/x:relative"], 1, "mount destination must be an absolute path: relative"),
        (["--default-agent", "gpt"], 2, 'unknown agent: "gpt"'),
        (["--mount-isolation", "nonsense"], 1, "expected DST=TYPE"),
        (["--mount-isolation", "/nope=clone"], 1, "references unknown destination `/nope`"),
        (["--mount-isolation", "/work/app=magic"], 1, "invalid isolation `magic`"),
        (["--allowed-role", "a", "--default-role", "b"], 1, "default_role"),
    ],
)
def test_create_rejects_bad_input(
    jackin_paths: JackinPaths,
    src: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    assert _create(src, *args) == code
    assert message in capsys.readouterr().err
    assert not jackin_paths.workspace_file("app").exists()


def test_create_refuses_an_existing_name_and_a_bad_name(
    jackin_paths: JackinPaths, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    assert _create(src) == 0
    assert _create(src) == 1
    assert "already exists; use `jackin workspace edit app`" in capsys.readouterr().err
    assert run(["workspace", "create", "a/b", "--workdir", "/w", "--mount", "/w"]) == 1
    assert "a/b" in capsys.readouterr().err


def test_sensitive_mount_needs_yes_without_a_terminal(
    jackin_paths: JackinPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ssh = tmp_path / ".ssh"
    ssh.mkdir()
    args = ["workspace", "create", "keys", "--workdir", "/k", "--mount", f"{ssh}:/k"]
    assert run(args) == 1
    captured = capsys.readouterr()
    assert "[E020] Sensitive host path mounted without confirmation" in captured.err
    assert "SSH keys" in captured.err
    assert "pass `--yes`" in captured.err
    assert not jackin_paths.workspace_file("keys").exists()
    assert run([*args, "--yes"]) == 0


def test_edit_reports_each_change(
    jackin_paths: JackinPaths, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _create(src) == 0
    capsys.readouterr()
    assert (
        run(
            [
                "workspace",
                "edit",
                "app",
                "--mount",
                "/data:/work/app/data:ro",
                "--allowed-role",
                "agent-smith",
                "--default-role",
                "agent-smith",
                "--default-agent",
                "amp",
                "--keep-awake",
                "--git-pull",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.splitlines() == [
        'Updated workspace "app":',
        "  - added mount /data → /work/app/data",
        "  - allowed role agent-smith",
        "  - default role → agent-smith",
        "  - default agent → amp",
        "  - keep-awake → enabled",
        "  - git-pull-on-entry → enabled",
    ]
    assert (
        run(["workspace", "edit", "app", "--remove-destination", "/work/app/data", "--no-git-pull"])
        == 0
    )
    data = _file(jackin_paths)
    assert "git_pull_on_entry" not in data
    assert len(data["mounts"]) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--remove-destination", "/nope"], 1, "unknown workspace mount destination: /nope"),
        (["--default-role", "x", "--clear-default-role"], 1, "cannot be used together"),
        (["--mount", "/any:/work/app/../etc"], 1, ".."),
        (["--default-agent", "nobody"], 2, 'unknown agent: "nobody"'),
    ],
)
def test_edit_bad_input(
    jackin_paths: JackinPaths,
    src: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    del jackin_paths
    assert _create(src) == 0
    capsys.readouterr()
    assert run(["workspace", "edit", "app", *args]) == code
    assert message in capsys.readouterr().err


def test_edit_collapse_needs_confirmation(
    jackin_paths: JackinPaths, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    assert (
        run(
            [
                "workspace",
                "create",
                "app",
                "--workdir",
                "/work/app",
                "--mount",
                f"{src}/app/sub:/work/app/sub",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert run(["workspace", "edit", "app", "--mount", f"{src}/app:/work/app"]) == 1
    captured = capsys.readouterr()
    assert "Adding mount(s) will subsume 1 existing mount(s):" in captured.err
    assert "refusing to collapse mounts without confirmation; pass --yes" in captured.err
    assert run(["workspace", "edit", "app", "--mount", f"{src}/app:/work/app", "--yes"]) == 0


def test_prune(jackin_paths: JackinPaths, src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _create(src) == 0
    file = jackin_paths.workspace_file("app")
    file.write_text(
        file.read_text()
        + f'\n[[mounts]]\nsrc = "{src}/app/sub"\ndst = "/work/app/sub"\n'
        + 'readonly = false\nisolation = "shared"\n'
    )
    capsys.readouterr()
    assert run(["workspace", "edit", "app", "--git-pull"]) == 1
    assert "already contains redundant mounts" in capsys.readouterr().err
    assert run(["workspace", "prune", "app"]) == 1
    assert run(["workspace", "prune", "app", "--yes"]) == 0
    assert capsys.readouterr().out.endswith('Pruned 1 redundant mount(s) from workspace "app".\n')
    assert run(["workspace", "prune", "app"]) == 0
    assert capsys.readouterr().out == 'Workspace "app" has no redundant mounts.\n'


def test_env_commands(
    jackin_paths: JackinPaths, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _create(src) == 0
    assert run(["workspace", "env", "set", "app", "API_URL", "https://x", "--comment", "docs"]) == 0
    assert (
        run(["workspace", "env", "set", "app", "TOKEN", "$HOST_TOKEN", "--role", "agent-smith"])
        == 0
    )
    capsys.readouterr()
    assert run(["workspace", "env", "list", "app"]) == 0
    assert "│ API_URL │ https://x │" in capsys.readouterr().out
    assert run(["workspace", "env", "list", "app", "--role", "agent-smith"]) == 0
    assert "$HOST_TOKEN" in capsys.readouterr().out
    assert run(["workspace", "env", "unset", "app", "API_URL"]) == 0
    assert run(["workspace", "env", "unset", "app", "API_URL"]) == 0
    assert capsys.readouterr().out == "Removed API_URL.\nAPI_URL not set.\n"
    assert run(["workspace", "env", "list", "app"]) == 0
    assert capsys.readouterr().out == "No env vars set.\n"
    assert "# docs" not in jackin_paths.workspace_file("app").read_text()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["app", "JACKIN_ROLE", "x"], 2, 'env name "JACKIN_ROLE" is reserved'),
        (["app", "", "x"], 2, "env var key cannot be empty"),
        (["nope", "K", "x"], 1, "[E007] Workspace not found"),
        (["app", "K", "x", "--role", "Bad Role"], 2, "invalid selector"),
        (["app", "K", "op://vault/item/field"], 1, "[E013]"),
    ],
)
def test_env_set_bad_input(
    jackin_paths: JackinPaths,
    src: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    code: int,
    message: str,
) -> None:
    del jackin_paths
    assert _create(src) == 0
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no `op` on PATH
    capsys.readouterr()
    assert run(["workspace", "env", "set", *args]) == code
    assert message in capsys.readouterr().err


def test_unknown_workspace_everywhere(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    for args in (
        ["show", "x"],
        ["edit", "x", "--git-pull"],
        ["remove", "x"],
        ["prune", "x"],
        ["env", "list", "x"],
    ):
        assert run(["workspace", *args]) == 1
        assert "[E007] Workspace not found" in capsys.readouterr().err


def test_op_account_needs_an_op_value(
    jackin_paths: JackinPaths, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    assert _create(src) == 0
    assert run(["workspace", "env", "set", "app", "K", "plain", "--op-account", "ACME"]) == 2
    assert "--op-account applies only to op:// values" in capsys.readouterr().err


def test_groups_without_subcommand_print_help(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    assert run(["workspace"]) == 0
    assert "Usage: jackin workspace" in capsys.readouterr().out
    assert run(["workspace", "env"]) == 0
    assert "Usage: jackin workspace env" in capsys.readouterr().out


def test_unusable_config_file_is_a_clean_error(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    jackin_paths.config_file.mkdir(parents=True)  # a folder where the file should be
    assert run(["workspace", "list"]) == 1
    err = capsys.readouterr().err
    assert f"error: {jackin_paths.config_file}: is a directory, not a regular file" in err
    assert "Traceback" not in err


def test_removing_mounts_refused_without_a_terminal_shows_exactly_what_would_go(
    jackin_paths: JackinPaths, src: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`edit --prune` and `prune` list the mounts, then refuse naming `--yes` (exit 1),
    the file untouched; the question and its rule are the SDK's (flows)."""
    assert _create(src) == 0
    file = jackin_paths.workspace_file("app")
    file.write_text(
        file.read_text()
        + f'\n[[mounts]]\nsrc = "{src}/app/sub"\ndst = "/work/app/sub"\n'
        + 'readonly = false\nisolation = "shared"\n'
    )
    before = file.read_text()
    capsys.readouterr()
    assert run(["workspace", "edit", "app", "--prune"]) == 1
    assert capsys.readouterr().err == (
        "Cleaning up 1 pre-existing redundant mount(s):\n"
        f"  • {src}/app/sub\n"
        "These will be removed from the workspace.\n"
        "\n  error: refusing to collapse mounts without confirmation; "
        "pass --yes to proceed non-interactively\n"
    )
    assert run(["workspace", "prune", "app"]) == 1
    assert capsys.readouterr().err == (
        'Will remove 1 redundant mount(s) from workspace "app":\n'
        f"  • {src}/app/sub (covered by {src}/app)\n"
        "\n  error: refusing to prune mounts without confirmation; "
        "pass --yes to proceed non-interactively\n"
    )
    assert file.read_text() == before
