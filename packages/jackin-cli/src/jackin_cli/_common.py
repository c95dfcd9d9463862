"""Helpers shared by commands: paths, config loading, JSON output, path display."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.env import EnvValue
    from jackin_sdk.paths import JackinPaths

__all__ = [
    "command_group",
    "describe_env_value",
    "echo_json",
    "err",
    "load_config",
    "resolve_paths",
    "tilde",
]


def resolve_paths() -> JackinPaths:
    """Host paths from the environment."""
    from jackin_sdk.paths import JackinPaths  # noqa: PLC0415

    return JackinPaths.resolve()


def load_config(*, write: bool = True) -> OperatorConfig:
    """Load (and migrate) the operator config, as every non-role command does first."""
    from jackin_sdk.config import load_operator_config  # noqa: PLC0415

    return load_operator_config(resolve_paths(), write=write)


def echo_json(data: object) -> None:
    """Print `data` in the `{"schema_version": "v1", "data": …}` envelope."""
    from jackin_sdk.doctor import json_envelope  # noqa: PLC0415

    typer.echo(json.dumps(json_envelope(data), indent=2, ensure_ascii=False))


def err(message: str) -> None:
    """A line on stderr."""
    typer.echo(message, err=True)


def tilde(path: str) -> str:
    """`path` with the home folder shown as `~`."""
    home = str(Path.home())
    if path == home:
        return "~"
    if path.startswith(home + "/"):
        return "~" + path[len(home) :]
    return path


def describe_env_value(value: EnvValue) -> str:
    """How a stored value is shown (never resolved)."""
    from jackin_sdk.env import ExtendedValue, OpRef  # noqa: PLC0415

    if isinstance(value, OpRef):
        text = value.op + (f" (account {value.account})" if value.account else "")
        return text + (" (on demand)" if value.on_demand else "")
    if isinstance(value, ExtendedValue):
        return value.value + (" (on demand)" if value.on_demand else "")
    return value


def _help_without_subcommand(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def command_group(help_text: str) -> typer.Typer:
    """A command group that prints its help and exits 0 when called without a subcommand."""
    group = typer.Typer(
        help=help_text,
        invoke_without_command=True,
        add_completion=False,
        rich_markup_mode=None,
    )
    group.callback()(_help_without_subcommand)
    return group
