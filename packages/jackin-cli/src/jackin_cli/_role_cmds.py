"""`jackin role …`: author role repositories, the verbs of `jackin-role`.

Each verb is the SDK's (`jackin_sdk.roles.*_verb`), which `jackin-role` calls too: the
same work and the same lines from either program. Role commands never read the
operator config and need no Docker engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from jackin_cli._common import out
from jackin_cli._groups import command_group
from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.roles import RoleVerbOutput

__all__ = ["role_app"]

role_app = command_group("Author role repositories: validate, migrate, create, … .")

PathArgument = Annotated[
    Path, typer.Argument(help="Role repository (default: .).", show_default=False)
]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Skip the Claude plugin marketplace fetches.")
]


def _emit(output: RoleVerbOutput) -> None:
    """Print the verb's lines, each kept to one line (they quote the role repository),
    and end with its exit code."""
    out("\n".join(printable(line) for line in output.lines))
    if output.exit_code:
        raise typer.Exit(output.exit_code)


@role_app.command("validate")
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


@role_app.command("migrate")
def migrate(path: PathArgument = Path(), offline: OfflineOption = False) -> None:
    """Migrate the manifest to the current schema.

    Renames jackin.agent.toml to jackin.role.toml, restamps its version, then validates.
    """
    from jackin_sdk.roles import migrate_verb  # noqa: PLC0415

    _emit(migrate_verb(path, offline=offline))


@role_app.command("create")
def create(
    role: Annotated[str, typer.Argument(help="Role selector: name or namespace/name.")],
    projects_dir: Annotated[
        str | None, typer.Argument(help="Default: $JACKIN_PROJECTS_DIR or ~/Projects.")
    ] = None,
    offline: OfflineOption = False,
) -> None:
    """Scaffold a new role repository."""
    from jackin_sdk.roles import create_verb  # noqa: PLC0415

    _emit(create_verb(role, projects_dir, offline=offline))


@role_app.command("construct-version")
def construct_version(path: PathArgument = Path()) -> None:
    """Print the pinned construct version."""
    from jackin_sdk.roles import construct_version_verb  # noqa: PLC0415

    _emit(construct_version_verb(path))


@role_app.command("published-image")
def published_image(path: PathArgument = Path()) -> None:
    """Print published_image."""
    from jackin_sdk.roles import published_image_verb  # noqa: PLC0415

    _emit(published_image_verb(path))


@role_app.command("published-image-repository")
def published_image_repository(path: PathArgument = Path()) -> None:
    """Print published_image without its tag."""
    from jackin_sdk.roles import published_image_verb  # noqa: PLC0415

    _emit(published_image_verb(path, repository=True))


@role_app.command("publish-labels")
def publish_labels(
    role_git_sha: Annotated[
        str, typer.Option("--role-git-sha", help="The role repository's commit.")
    ],
    path: PathArgument = Path(),
) -> None:
    """Print label lines for a published image."""
    from jackin_sdk.roles import publish_labels_verb  # noqa: PLC0415

    _emit(publish_labels_verb(path, role_git_sha))


@role_app.command("schema")
def schema() -> None:
    """Print the JSON Schema of jackin.role.toml.

    Editors with taplo (Even Better TOML) use it to complete and check keys.
    """
    from jackin_sdk.roles import schema_verb  # noqa: PLC0415

    _emit(schema_verb())
