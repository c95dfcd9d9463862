"""A command run on its own builds only its branch of the tree, and behaves the same."""

from __future__ import annotations

import pytest
import typer

from jackin_cli.__main__ import run
from jackin_cli._app import _COMMANDS, ALIASES, build_app, single_command


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["load", "x", "--detach"], "load"),
        (["ps"], "status"),
        (["workspace", "list"], "workspace"),
        (["role", "validate", "."], "role"),
        (["help", "load"], None),
        (["--version"], None),
        (["--debug", "load"], None),
        ([], None),
        (["lod"], None),
    ],
)
def test_which_command_runs_alone(args: list[str], expected: str | None) -> None:
    assert single_command(args) == expected


def _help(app: typer.Typer, path: list[str]) -> str:
    group = typer.main.get_command(app)
    with group.make_context(
        "jackin", ["--help"] if not path else [], resilient_parsing=True
    ) as ctx:
        current = ctx
        for name in path:
            command = current.command.get_command(current, name)  # type: ignore[attr-defined]
            assert command is not None, name
            current = command.make_context(name, [], parent=current, resilient_parsing=True)
        return current.get_help()


@pytest.mark.parametrize("name", [n for n in _COMMANDS if n != "help"])
def test_a_lone_command_has_the_same_help_as_in_the_full_tree(name: str) -> None:
    assert _help(build_app(only=name), [name]) == _help(build_app(), [name])


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_aliases_still_resolve_alone(alias: str) -> None:
    assert _help(build_app(only=single_command([alias])), [alias]) == _help(build_app(), [alias])


def _usage_error(app: typer.Typer, args: list[str]) -> str:
    command = typer.main.get_command(app)
    with pytest.raises(typer.TyperException) as caught:
        command.main(args=args, prog_name="jackin", standalone_mode=False)
    ctx = getattr(caught.value, "ctx", None)
    usage = ctx.get_usage() if ctx is not None else ""
    return f"{usage}\n{caught.value.format_message()}"


@pytest.mark.parametrize(
    "args",
    [["load", "--no-such-flag"], ["status", "--format"], ["workspace", "nope"], ["eject"]],
)
def test_usage_errors_read_the_same(args: list[str]) -> None:
    alone = _usage_error(build_app(only=single_command(args)), args)
    assert alone == _usage_error(build_app(), args)
    assert alone.strip()


def test_run_reports_a_lone_command_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["load", "--no-such-flag"]) == 2
    err = capsys.readouterr().err
    assert "Usage: jackin load" in err
    assert "No such option: --no-such-flag" in err
