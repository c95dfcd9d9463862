"""Entry point of `jackin-role`. Verbs are thin wrappers over `jackin_sdk` role APIs."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from jackin_sdk import __version__

__all__ = ["build_app", "main", "run"]


def build_app() -> typer.Typer:
    """Create the `jackin-role` Typer application."""
    app = typer.Typer(
        name="jackin-role",
        help="Validate and maintain jackin role repositories, in CI or on a desktop.",
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        invoke_without_command=True,
    )

    @app.callback()
    def _root(
        ctx: typer.Context,
        version: Annotated[
            bool, typer.Option("--version", "-V", help="Print the version and exit.")
        ] = False,
    ) -> None:
        if version:
            typer.echo(f"jackin-role {__version__}")
            raise typer.Exit
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())

    return app


def run(argv: Sequence[str]) -> int:
    """Run `jackin-role` with `argv` and return the exit code."""
    command = typer.main.get_command(build_app())
    try:
        command.main(args=list(argv), prog_name="jackin-role", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        return exc.exit_code
    return 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
