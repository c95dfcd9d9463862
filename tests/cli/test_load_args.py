"""`load`'s typer-free parser reads exactly what the typer command reads."""

from __future__ import annotations

from dataclasses import fields

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_cli._app import build_app
from jackin_cli._load_args import FLAGS, MULTI_OPTIONS, VALUE_OPTIONS, LoadArgs, parse_load_args

_LOAD = typer.main.get_command(build_app(only="load")).commands["load"]  # type: ignore[attr-defined]


def _typer_parse(args: list[str]) -> LoadArgs | None:
    """What typer makes of `load ARGS…`, as LoadArgs; None when it is a usage error."""
    try:
        with _LOAD.make_context("load", list(args)) as ctx:
            params = dict(ctx.params)
    except (typer.Exit, typer.TyperException):
        return None
    params["mount"] = list(params["mount"] or [])
    params["mount_isolation"] = list(params["mount_isolation"] or [])
    return LoadArgs(**params)


def test_the_options_table_matches_the_typer_command() -> None:
    flags: dict[str, tuple[str, bool]] = {}
    values: dict[str, str] = {}
    multi: dict[str, str] = {}
    arguments: list[str] = []
    for param in _LOAD.params:
        if param.param_type_name == "argument":
            arguments.append(param.name)
        elif param.is_flag:
            flags |= dict.fromkeys(param.opts, (param.name, True))
            flags |= dict.fromkeys(param.secondary_opts, (param.name, False))
        elif param.multiple:
            multi |= dict.fromkeys(param.opts, param.name)
        else:
            values |= dict.fromkeys(param.opts, param.name)
    flags.pop("--help", None)
    assert flags == FLAGS
    assert values == VALUE_OPTIONS
    assert multi == MULTI_OPTIONS
    assert arguments == ["selector", "target"]
    assert {f.name for f in fields(LoadArgs)} == {p.name for p in _LOAD.params if p.name}


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["stand-in"],
        ["stand-in", "--detach"],
        ["ns/role", "/work:/src", "-d", "-y", "--agent", "codex"],
        ["--mount", "/a", "--mount=/b:/c:ro", "role", "--mount-isolation", "/c=worktree"],
        ["role", "--git-pull", "--no-git-pull", "--keep-awake"],
        ["role", "--agent", "claude", "--agent=amp"],
        ["role", "--agent", "-d"],
        ["--", "-role-with-dash"],
        ["role", "--dry-run", "--format", "json"],
        ["-", "--force", "--rebuild", "--role-branch", "dev", "--provider", "zai"],
    ],
)
def test_common_lines_parse_as_typer_parses_them(args: list[str]) -> None:
    fast = parse_load_args(["load", *args])
    assert fast is not None
    assert fast == _typer_parse(args)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--bogus"],
        ["-dy"],
        ["--detach=yes"],
        ["--agent"],
        ["a", "b", "c"],
    ],
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert parse_load_args(["load", *args]) is None


def test_other_commands_are_not_load() -> None:
    assert parse_load_args(["status"]) is None
    assert parse_load_args([]) is None


_TOKENS = st.sampled_from(
    [*FLAGS, *VALUE_OPTIONS, *MULTI_OPTIONS, "--", "-", "role", "/tmp:/x", "-x", "--help",
     "--agent=amp", "--mount=/a", "--detach=1", "-dy", "ns/r", ""]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, max_size=7))
def test_whenever_the_fast_parser_answers_typer_agrees(args: list[str]) -> None:
    fast = parse_load_args(["load", *args])
    if fast is not None:
        assert fast == _typer_parse(args)
