"""The `jackin-role` command tree: each verb parses its line and calls `jackin_sdk.roles`.

What a verb does and prints is the SDK's (`jackin_sdk.roles.*_verb`), shared with
`jackin role …`; this module only declares the command line and prints the lines.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    from jackin_sdk.roles import RoleVerbOutput

__all__ = ["build_app"]

PathArgument = Annotated[
    Path,
    typer.Argument(help="Role repository (default: .).", show_default=False),
]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Skip the Claude plugin marketplace fetches.")
]


def _emit(output: RoleVerbOutput) -> None:
    """Print the verb's lines, each escaped (they quote the role repository), and end
    with its exit code."""
    from jackin_sdk.text import printable  # noqa: PLC0415

    for line in output.lines:
        print(printable(line))
    if output.exit_code:
        raise typer.Exit(output.exit_code)


def validate(
    path: PathArgument = Path(),
    output_format: Annotated[
        Literal["human", "json", "github"], typer.Option("--format", help="Report format.")
    ] = "human",
    offline: OfflineOption = False,
) -> None:
    """Check a role repository.

    Exit 0 when it is valid, 1 when it is not.
    """
    from jackin_sdk.roles import validate_verb  # noqa: PLC0415

    _emit(validate_verb(path, output_format, offline=offline))


def migrate(path: PathArgument = Path(), offline: OfflineOption = False) -> None:
    """Migrate the manifest to the current schema.

    Renames jackin.agent.toml to jackin.role.toml, restamps its version, then validates.
    """
    from jackin_sdk.roles import migrate_verb  # noqa: PLC0415

    _emit(migrate_verb(path, offline=offline))


def create(
    role: Annotated[str, typer.Argument(help="Role selector: name or namespace/name.")],
    projects_dir: Annotated[
        str | None,
        typer.Argument(help="Default: $JACKIN_PROJECTS_DIR or ~/Projects."),
    ] = None,
    offline: OfflineOption = False,
) -> None:
    """Scaffold a new role repository."""
    from jackin_sdk.roles import create_verb  # noqa: PLC0415

    _emit(create_verb(role, projects_dir, offline=offline))


def construct_version(path: PathArgument = Path()) -> None:
    """Print the pinned construct version."""
    from jackin_sdk.roles import construct_version_verb  # noqa: PLC0415

    _emit(construct_version_verb(path))


def published_image(path: PathArgument = Path()) -> None:
    """Print published_image."""
    from jackin_sdk.roles import published_image_verb  # noqa: PLC0415

    _emit(published_image_verb(path))


def published_image_repository(path: PathArgument = Path()) -> None:
    """Print published_image without its tag."""
    from jackin_sdk.roles import published_image_verb  # noqa: PLC0415

    _emit(published_image_verb(path, repository=True))


def publish_labels(
    role_git_sha: Annotated[
        str, typer.Option("--role-git-sha", help="The role repository's commit.")
    ],
    path: PathArgument = Path(),
) -> None:
    """Print label lines for a published image."""
    from jackin_sdk.roles import publish_labels_verb  # noqa: PLC0415

    _emit(publish_labels_verb(path, role_git_sha))


def schema() -> None:
    """Print the JSON Schema of jackin.role.toml.

    Editors with taplo (Even Better TOML) use it to complete and check keys.
    """
    from jackin_sdk.roles import schema_verb  # noqa: PLC0415

    _emit(schema_verb())


def build_app() -> typer.Typer:
    """Create the `jackin-role` Typer application."""
    from jackin_role import __version__  # noqa: PLC0415

    app = typer.Typer(
        name="jackin-role",
        help="Validate and maintain jackin role repositories.",
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

    for verb in (validate, migrate, create, construct_version, published_image,
                 published_image_repository, publish_labels, schema):  # fmt: skip
        app.command(verb.__name__.replace("_", "-"))(verb)
    return app
