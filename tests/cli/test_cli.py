"""The `jackin` entry point: flags, help, exit codes and error rendering."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_cli._app import ALIASES, AliasGroup
from jackin_sdk import __version__
from jackin_sdk.debug import LOGGER_NAME
from jackin_sdk.errors import CodedError, DockerUnavailable, ErrorCode, JackinError, Location
from jackin_sdk.text import render_error

VERSION_LINE = f"jackin {__version__} (sdk {__version__}, capsule {__version__})\n"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0
    assert capsys.readouterr().out == VERSION_LINE
    assert run(["-V"]) == 0
    assert capsys.readouterr().out == VERSION_LINE


def test_version_through_typer_when_debugging(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version", "--debug"]) == 0
    captured = capsys.readouterr()
    assert captured.out == VERSION_LINE
    assert "[jackin] debug mode — invocation id: " in captured.err


def test_debug_leaves_logging_as_it_found_it(capsys: pytest.CaptureFixture[str]) -> None:
    """An in-process `run` takes its debug handler off again: none outlives its stream."""
    logger = logging.getLogger(LOGGER_NAME)
    before = (list(logger.handlers), logger.level)
    assert run(["--debug", "--version"]) == 0
    assert run(["--debug", "help", "doctor"]) == 0
    assert (list(logger.handlers), logger.level) == before
    capsys.readouterr()


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["help"]])
def test_root_help_exits_zero(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: jackin [OPTIONS] COMMAND [ARGS]...")
    assert "doctor" in out


def test_help_for_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["help", "doctor"]) == 0
    assert "Usage: jackin doctor [OPTIONS]" in capsys.readouterr().out


def test_help_for_an_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["help", "nope", "deeper"]) == 1
    assert "error: no such subcommand: `nope`" in capsys.readouterr().err


def test_usage_error_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--bogus"]) == 2
    assert "No such option: --bogus" in capsys.readouterr().err
    assert run(["doctor", "--format"]) == 2


def test_debug_is_global_before_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["help", "--debug", "doctor"]) == 0
    assert "invocation id" in capsys.readouterr().err


def test_ps_alias_resolves_to_status() -> None:
    import typer  # noqa: PLC0415

    assert ALIASES == {"ps": "status"}
    app = typer.Typer(cls=AliasGroup)

    @app.command("status")
    def status() -> None:
        typer.echo("status ran")

    @app.command("other")
    def other() -> None: ...

    command = typer.main.get_command(app)
    ctx = command.make_context("jackin", ["ps"], resilient_parsing=True)
    assert isinstance(command, AliasGroup)
    resolved = command.get_command(ctx, "ps")
    assert resolved is not None
    assert resolved.name == "status"


def test_coded_error_block_format() -> None:
    err = CodedError(
        ErrorCode.E008,
        detail="Config declares version v1alpha99.",
        location=Location(file=Path("/c/workspaces/web.toml"), line=1, field="version"),
    )
    assert render_error(err) == (
        "error: [E008] Workspace config version is not supported\n"
        "  → what to try:\n"
        "    Upgrade jackin\n"
        "  → more detail:\n"
        "    at /c/workspaces/web.toml:1, field `version`\n"
        "    Config declares version v1alpha99."
    )


def test_coded_error_without_detail_and_with_debug_chain() -> None:
    err = CodedError(ErrorCode.E012)
    try:
        try:
            raise OSError("gh exited 1")
        except OSError as inner:
            raise err from inner
    except CodedError as caught:
        text = render_error(caught, debug=True)
    assert "→ more detail" not in text
    assert text.endswith("\n\n  detail: [E012] GitHub CLI authentication failed: gh exited 1")


def test_plain_error_block() -> None:
    assert render_error(JackinError("first line\nsecond line")) == (
        "\n  error: first line\nsecond line"
    )


def test_e001_rendering_names_the_socket() -> None:
    text = render_error(DockerUnavailable("unix:///nope.sock", "connection refused"))
    assert text.startswith("error: [E001] Docker daemon not reachable\n")
    assert "Tried unix:///nope.sock: connection refused" in text


def test_doctor_json_with_unreachable_docker_exits_zero(
    jackin_paths: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/jackin-test.sock")
    assert run(["doctor", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema_version"] == "v1"
    daemon = document["data"][0]
    assert (daemon["name"], daemon["status"]) == ("docker_daemon", "fail")
    assert "/nonexistent/jackin-test.sock" in daemon["message"]


def test_doctor_human_with_unreachable_docker_fails(
    jackin_paths: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/jackin-test.sock")
    assert run(["doctor"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("jackin❯\n\ndoctor\n")
    assert "  fail  docker_daemon  " in captured.out
    assert "✗  one or more checks failed — see hints above" in captured.out
    assert captured.err.strip() == "error: doctor checks failed"


def test_console_script_is_installed() -> None:
    jackin = Path(sys.executable).with_name("jackin")
    result = subprocess.run([jackin, "--version"], capture_output=True, text=True, check=True)
    assert result.stdout == VERSION_LINE


def test_console_without_a_terminal_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["console"]) == 1
    err = capsys.readouterr().err
    assert "jackin❯ console requires an interactive terminal" in err
    assert "stdin and stdout must be a terminal" in err


def test_bare_jackin_without_a_terminal_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([]) == 0
    assert "Usage: jackin" in capsys.readouterr().out
