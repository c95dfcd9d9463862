"""Helpers shared by commands: paths, config loading, output, path display.

No typer here: the `load` and `status` fast paths use this module.

Output boundary: every line the CLI prints goes through `out` or `err` (or a renderer
that escapes its own fields: `render_table`, `render_error`, `PlainLaunchView`), which
escape control, format and bidi characters with `jackin_sdk.text.printable`. Role
metadata, git output, container names and replies from inside the container therefore
cannot move the cursor, erase lines, retitle the terminal or write the clipboard.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.text import printable, printable_json

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.env import EnvValue
    from jackin_sdk.paths import JackinPaths

__all__ = [
    "echo_json",
    "err",
    "load_config",
    "out",
    "print_env_values",
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

    print(printable_json(json.dumps(json_envelope(data), indent=2, ensure_ascii=False)), flush=True)


def out(text: str = "") -> None:
    """`text` and a newline on stdout, unsafe characters escaped (its newlines kept)."""
    print(printable(text, multiline=True), flush=True)


def err(message: str) -> None:
    """`message` and a newline on stderr, unsafe characters escaped (its newlines kept)."""
    print(printable(message, multiline=True), file=sys.stderr, flush=True)


def tilde(path: str) -> str:
    """`path` with the home folder shown as `~`."""
    home = str(Path.home())
    if path == home:
        return "~"
    if path.startswith(home + "/"):
        return "~" + path[len(home) :]
    return path


def print_env_values(values: Mapping[str, EnvValue], *, show_values: bool) -> None:
    """`config env list` / `workspace env list`: the stored values (never resolved) as a
    `Key | Value` table, or `No env vars set.`. Literals that look like secrets show as
    `***` unless `show_values` (`jackin_sdk.env.describe_env_value`), with a line saying so."""
    from jackin_cli._table import render_table  # noqa: PLC0415
    from jackin_sdk.env import describe_env_value, is_secret_literal  # noqa: PLC0415

    if not values:
        out("No env vars set.")
        return
    rows = [
        [key, describe_env_value(key, value, show_values=show_values)]
        for key, value in sorted(values.items())
    ]
    out(render_table(["Key", "Value"], rows))
    masked = 0 if show_values else sum(is_secret_literal(k, v) for k, v in values.items())
    if masked:
        out(f"  {masked} value(s) that look like secrets masked; --show-values prints them.")
