"""Version chains of config.toml and workspace files, with the one content migration."""

from __future__ import annotations

from pathlib import Path

from tomlkit import TOMLDocument
from tomlkit.container import Container
from tomlkit.items import Table

from jackin_sdk.errors import Location
from jackin_sdk.migrations import DocumentKind, MigrationError, restamp_chain
from jackin_sdk.versioning import SchemaVersion

__all__ = ["CONFIG_KIND", "CONFIG_VERSION", "WORKSPACE_KIND", "WORKSPACE_VERSION"]

#: jackin's own versions after the reference's (v1alpha9 / v1alpha8): config v1alpha10 and
#: workspace v1alpha9 add the DinD settings (`[docker] dind`, `dind_image`,
#: `dind_privilege`), config v1alpha11 and workspace v1alpha10 the resource limits
#: (`[docker] pids_limit`, `memory`, `cpus`); see docs/decisions.md.
CONFIG_VERSION = SchemaVersion.parse("v1alpha11")
WORKSPACE_VERSION = SchemaVersion.parse("v1alpha10")

_ALPHAS = [f"v1alpha{n}" for n in range(1, 12)]


def _tables(container: object) -> list[Table | Container]:
    return [container] if isinstance(container, Table | Container) else []


def _env_tables(document: TOMLDocument) -> list[Table | Container]:
    """`[env]`, `[github.env]`, `[roles.*.env]` and `[roles.*.github.env]`."""
    found: list[Table | Container] = []
    scopes: list[object] = [document]
    roles = document.get("roles")
    if isinstance(roles, Table | Container):
        scopes += list(roles.values())
    for scope in scopes:
        if not isinstance(scope, Table | Container | TOMLDocument):
            continue
        found += _tables(scope.get("env"))
        github = scope.get("github")
        if isinstance(github, Table | Container):
            found += _tables(github.get("env"))
    return found


def move_op_account(document: TOMLDocument, file: Path | None) -> None:
    """Workspace v1alpha5: top-level `op_account` becomes `account` on each op reference."""
    if "op_account" not in document:
        return
    account = document["op_account"]
    value = account.unwrap() if hasattr(account, "unwrap") else account
    if not isinstance(value, str):
        raise MigrationError(
            f"`op_account` must be a string, got {type(value).__name__}",
            location=Location(file=file, field="op_account"),
        )
    for table in _env_tables(document):
        for entry in table.values():
            if hasattr(entry, "keys") and "op" in entry and "account" not in entry:
                entry["account"] = value
    document.remove("op_account")


CONFIG_KIND = DocumentKind(
    label="config.toml",
    current=CONFIG_VERSION,
    steps=restamp_chain(["legacy", *_ALPHAS]),
)

WORKSPACE_KIND = DocumentKind(
    label="workspace file",
    current=WORKSPACE_VERSION,
    steps=restamp_chain(
        ["legacy", *_ALPHAS[:10]],
        {"v1alpha5": (move_op_account, "op_account moved onto each 1Password reference")},
    ),
)
