"""The `jackin` command tree. Each command parses input, calls the SDK and renders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from jackin_cli._config_cmds import config_app
from jackin_cli._doctor import doctor
from jackin_cli._instance_cmds import eject, exile, hardline, prune_app, purge, status
from jackin_cli._load_cmds import load
from jackin_cli._workspace_cmds import workspace_app
from jackin_sdk import __version__
from jackin_sdk.errors import JackinError

__all__ = ["ALIASES", "AliasGroup", "build_app"]

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


def _role(ctx: typer.Context) -> None:
    """Author role repositories: validate, migrate, create, construct-version, … ."""
    from jackin_role.__main__ import run as role_run  # noqa: PLC0415

    raise typer.Exit(role_run(ctx.args, prog="jackin role"))


def build_app() -> typer.Typer:
    """Create the `jackin` Typer application."""
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
            typer.echo(f"jackin {__version__}")
            raise typer.Exit
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())

    app.command(
        "help",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(_help)
    app.command("load")(load)
    app.command("hardline")(hardline)
    app.command("status")(status)
    app.command("eject")(eject)
    app.command("exile")(exile)
    app.command("purge")(purge)
    app.add_typer(prune_app, name="prune")
    app.command("doctor")(doctor)
    app.add_typer(workspace_app, name="workspace")
    app.add_typer(config_app, name="config")
    # `jackin role …` is `jackin-role …`: one parser, one behaviour (and role commands
    # never read the operator config).
    app.command(
        "role",
        add_help_option=False,
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(_role)
    return app
