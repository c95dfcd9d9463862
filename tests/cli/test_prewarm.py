"""`jackin prewarm --image` through `jackin_cli.__main__.run`: the argument errors, each
refusal as the CLI renders it, and the report on stdout (spec cli §3.8).

The engine is FakeDocker, handed to the command where it connects (`_load_run.engine`);
DOCKER_HOST names a socket nobody listens on, so a test that gets past the arguments
without FakeDocker shows E001.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import jackin_cli._load_run
from jackin_cli.__main__ import run
from jackin_cli._prewarm_cmds import IMAGE_ONLY
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from tests.sdk.launch.conftest import CONSTRUCT, _isolated_git, role_repository, write_config

__all__ = ["_isolated_git"]  # the fixture this module uses


@pytest.fixture(autouse=True)
def home(jackin_paths: JackinPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> JackinPaths:
    """The stand-in role (trusted), a workspace with it as default and one without."""
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    monkeypatch.setenv("HOME", str(tmp_path))
    write_config(jackin_paths, role_repository(tmp_path))
    jackin_paths.workspaces_dir.mkdir(parents=True)
    mount = f'[[mounts]]\nsrc = "{tmp_path}"\ndst = "/workspace"\n'
    for name, extra in [("web", 'default_role = "stand-in"\n'), ("bare", "")]:
        jackin_paths.workspace_file(name).write_text(
            f'version = "v1alpha10"\nworkdir = "/workspace"\n{extra}{mount}'
        )
    return jackin_paths


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeDocker:
    docker = FakeDocker(images=[CONSTRUCT])
    monkeypatch.setattr(jackin_cli._load_run, "engine", lambda: docker)
    return docker


@pytest.mark.parametrize(
    ("argv", "code", "error"),
    [
        (["--workspace", "web"], 2, f"\n  error: {IMAGE_ONLY}\n"),
        (
            ["--image"],
            2,
            "\n  error: `jackin prewarm --image` requires `--role <selector>` or "
            "`--workspace <name>`\n",
        ),
        (
            ["--image", "--role", "stand-in", "--workspace", "web"],
            2,
            "\n  error: give `--role` or `--workspace`, not both\n",
        ),
        (
            ["--image", "--role", "stand-in", "--agent", "gpt"],
            2,
            '\n  error: unknown agent: "gpt"; supported: claude, codex, amp, kimi, opencode, '
            "grok\n",
        ),
        (
            ["--image", "--workspace", "bare"],
            1,
            "\n  error: workspace `bare` has no default role; pass `--role <selector>` or set "
            "a workspace default role\n",
        ),
        (
            ["--image", "--workspace", "nope"],
            1,
            "error: [E007] Workspace not found\n"
            "  → what to try:\n"
            "    List workspaces with `jackin workspace list`, or create one with "
            "`jackin workspace create`\n"
            "  → more detail:\n"
            "    workspace `nope` is not configured\n",
        ),
        (
            ["--image", "--role", "stand-in", "--agent", "codex"],
            2,
            "\n  error: agent codex (--agent) is not supported by role stand-in; it supports: "
            "claude\n",
        ),
    ],
)
def test_refusals_before_the_engine_is_asked(
    argv: list[str], code: int, error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["prewarm", *argv]) == code
    assert capsys.readouterr() == ("", error)


def test_the_engine_is_asked_once_the_role_resolved(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["prewarm", "--image", "--role", "stand-in"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: [E001] Docker daemon not reachable\n")


def test_the_report_says_built_then_reused(
    engine: FakeDocker, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["prewarm", "--image", "--workspace", "web"]) == 0
    [image] = [tag for tag in engine.images if tag.startswith("jk_stand-in:")]
    out, err = capsys.readouterr()
    assert out == f"jackin❯\n\nprewarm\n\nimages for web\n  ✓  claude  built  {image}\n"
    assert f"    built {image}\n" in err, "the build shows on stderr as it goes"
    assert run(["prewarm", "--image", "--role", "stand-in", "--agent", "claude"]) == 0
    out, _ = capsys.readouterr()
    assert out == f"jackin❯\n\nprewarm\n\nimages for stand-in\n  ✓  claude  reused  {image}\n"


def test_help_lists_prewarm(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["prewarm", "--help"]) == 0
    text = capsys.readouterr().out
    for option in ("--image", "--workspace", "--role", "--agent", "--role-branch"):
        assert option in text
    assert run(["--help"]) == 0
    assert "prewarm" in capsys.readouterr().out
