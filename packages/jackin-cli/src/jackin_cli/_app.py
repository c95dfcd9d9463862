"""The `jackin` command tree. Each command parses input, calls the SDK and renders."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from jackin_cli import __version__, version_line
from jackin_sdk.errors import JackinError

__all__ = ["ALIASES", "AliasGroup", "build_app", "single_command"]

#: Visible alias → command name (`ps` joins `status` once instances exist).
ALIASES: dict[str, str] = {"ps": "status"}


if TYPE_CHECKING:
    from typer._click import Command, Context


class AliasGroup(TyperGroup):
    """A command group that also answers to the aliases in `ALIASES`."""

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in ALIASES:
            command = super().get_command(ctx, ALIASES[cmd_name])
        return command


def _help(ctx: typer.Context) -> None:
    """Show help for jackin or a command: `jackin help [COMMAND]...`."""
    # The path is read from the raw extra args: a typed list argument would make typer
    # import pydantic for its coercion, ~0.4 s of a command that only prints text.
    current = ctx.find_root()
    path: list[str] = []
    for name in ctx.args:
        path.append(name)
        group = current.command
        sub = group.get_command(current, name) if isinstance(group, TyperGroup) else None
        if sub is None:
            raise JackinError(f"no such subcommand: `{' '.join(path)}`")
        current = type(current)(sub, info_name=name, parent=current)
    typer.echo(current.get_help())


def _register_help(app: typer.Typer) -> None:
    app.command(
        "help",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(_help)


#: Every top-level command, in help order: where it lives (module, attribute, whether it
#: is a group), or a function adding it (`help`, with its special settings). A module is
#: imported only when its command joins an app.
_COMMANDS: dict[str, tuple[str, str, bool] | Callable[[typer.Typer], None]] = {
    "help": _register_help,
    "load": ("jackin_cli._load_cmds", "load", False),
    "hardline": ("jackin_cli._instance_cmds", "hardline", False),
    "status": ("jackin_cli._instance_cmds", "status", False),
    "eject": ("jackin_cli._instance_cmds", "eject", False),
    "exile": ("jackin_cli._instance_cmds", "exile", False),
    "purge": ("jackin_cli._instance_cmds", "purge", False),
    "prune": ("jackin_cli._instance_cmds", "prune_app", True),
    "prewarm": ("jackin_cli._prewarm_cmds", "prewarm", False),
    "doctor": ("jackin_cli._doctor", "doctor", False),
    "workspace": ("jackin_cli._workspace_cmds", "workspace_app", True),
    "config": ("jackin_cli._config_cmds", "config_app", True),
    "role": ("jackin_cli._role_cmds", "role_app", True),
    "console": ("jackin_cli._console_cmd", "console", False),
}


def _add_command(app: typer.Typer, name: str) -> None:
    source = _COMMANDS[name]
    if callable(source):
        source(app)
        return
    module, attribute, group = source
    target = getattr(importlib.import_module(module), attribute)
    if group:
        app.add_typer(target, name=name)
    else:
        app.command(name)(target)


def single_command(args: list[str]) -> str | None:
    """The top-level command `args` run, when the app needs only that one, else None.

    Importing every command module and building click's tree for all of them costs about
    0.1 s; a command that is not `help` (which walks the tree) needs only its own branch.
    """
    if not args or args[0].startswith("-"):
        return None
    name = ALIASES.get(args[0], args[0])
    return name if name in _COMMANDS and name != "help" else None


def build_app(only: str | None = None) -> typer.Typer:
    """Create the `jackin` Typer application (with `only`, just that top-level command)."""
    app = typer.Typer(
        name="jackin",
        cls=AliasGroup,
        help=(
            "jackin❯ runs AI coding agents at full speed inside isolated Docker containers.\n\n"
            f"Version {__version__}. Pass --debug anywhere to trace external commands."
        ),
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        invoke_without_command=True,
    )

    @app.callback()
    def _root(
        ctx: typer.Context,
        debug: Annotated[
            bool, typer.Option("--debug", help="Trace external commands (also JACKIN_DEBUG).")
        ] = False,
        version: Annotated[
            bool, typer.Option("--version", "-V", help="Print the version and exit.")
        ] = False,
    ) -> None:
        del debug  # handled before parsing so it works after subcommands too
        if version:
            typer.echo(version_line())
            raise typer.Exit
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())

    for name in _COMMANDS if only is None else [only]:
        _add_command(app, name)
    return app
