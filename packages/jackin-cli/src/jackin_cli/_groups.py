"""Typer command groups that behave like the root when called without a subcommand."""

from __future__ import annotations

import typer

__all__ = ["command_group"]


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
