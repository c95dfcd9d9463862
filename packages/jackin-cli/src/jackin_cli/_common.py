"""Helpers shared by commands: paths, config loading, JSON output, path display."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.paths import JackinPaths

__all__ = ["echo_json", "err", "load_config", "resolve_paths", "tilde"]


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
