"""The typer-free parser of `jackin status`: what it takes and what it leaves to typer."""

from __future__ import annotations

import pytest

from jackin_cli._status_view import StatusArgs, parse_status_args


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["status"], StatusArgs()),
        (["ps"], StatusArgs()),
        (["status", "web"], StatusArgs(workspace="web")),
        (["ps", "--format", "json"], StatusArgs(output_format="json")),
        (["status", "--format=json", "--state=running"], StatusArgs(None, "running", "json")),
        (["status", "--state", "stopped", "web"], StatusArgs("web", "stopped")),
    ],
)
def test_recognised_command_lines(args: list[str], expected: StatusArgs) -> None:
    assert parse_status_args(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["load"],
        ["status", "--help"],
        ["status", "-h"],
        ["status", "--format"],  # missing value: typer's usage error
        ["status", "--format", "json", "--format", "human"],
        ["status", "a", "b"],
        ["status", "--all"],
        ["statuses"],
    ],
)
def test_everything_else_goes_to_typer(args: list[str]) -> None:
    assert parse_status_args(args) is None
