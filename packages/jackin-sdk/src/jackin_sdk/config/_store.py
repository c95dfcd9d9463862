"""Loading the operator config: legacy split, migrations, backups, validation.

Writers hold the config lock for the whole load so two jackin processes never migrate
or edit the same files at once. Read-only loads migrate in memory and write nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tomlkit import TOMLDocument

from jackin_sdk.config._builtins import with_builtin_roles
from jackin_sdk.config._dump import model_to_document
from jackin_sdk.config._errors import ConfigError, config_error_from_validation
from jackin_sdk.config._models import CONFIG_SCHEMA, WORKSPACE_SCHEMA, AppConfig, WorkspaceConfig
from jackin_sdk.config._semantics import validate_app, validate_workspace
from jackin_sdk.config._toml import (
    parse_document,
    plain,
    read_config_text,
    read_document,
    write_document,
)
from jackin_sdk.config._versions import (
    CONFIG_KIND,
    CONFIG_VERSION,
    WORKSPACE_KIND,
    WORKSPACE_VERSION,
)
from jackin_sdk.errors import JackinError, Location
from jackin_sdk.fs import FileLock, atomic_write_bytes
from jackin_sdk.migrations import DocumentKind, MigrationError, MigrationResult, migrate_document
from jackin_sdk.paths import JackinPaths
from jackin_sdk.tables import Table, TableError, schema_hint, validate_table
from jackin_sdk.versioning import SchemaVersion

__all__ = [
    "CONFIG_LOCK_PURPOSE",
    "OperatorConfig",
    "config_lock",
    "load_operator_config",
    "load_operator_config_unlocked",
    "parse_workspace_text",
    "validate_documents",
]

_Model = TypeVar("_Model", bound=Table)
CONFIG_LOCK_PURPOSE = "editing the config"


@dataclass(frozen=True, slots=True)
class OperatorConfig:
    """The validated global config and every saved workspace, by name."""

    paths: JackinPaths
    app: AppConfig
    workspaces: dict[str, WorkspaceConfig]

    def workspace(self, name: str) -> WorkspaceConfig:
        """The saved workspace `name`; E007 when there is none."""
        from jackin_sdk.errors import CodedError, ErrorCode  # noqa: PLC0415

        try:
            return self.workspaces[name]
        except KeyError:
            raise CodedError(ErrorCode.E007, detail=f'No workspace named "{name}".') from None


@contextmanager
def config_lock(paths: JackinPaths, *, shared: bool = False) -> Iterator[None]:
    """Hold the config lock; shared locks are taken only if the lock file exists."""
    if shared and not paths.config_lock.exists():
        yield
        return
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(paths.config_lock, purpose=CONFIG_LOCK_PURPOSE, shared=shared):
        yield


def _validate(
    model: type[_Model], data: dict[str, Any], *, file: Path, text: str, what: str
) -> _Model:
    try:
        return validate_table(model, data)
    except TableError as exc:
        raise config_error_from_validation(exc, file=file, text=text, what=what) from None


def _backup(path: Path, version: SchemaVersion, original: str) -> None:
    """Keep `<file>.bak-<version>` (the file as it was read) next to `path` before its
    first rewrite. For a symlinked file the backup sits next to the link, in jackin's own
    folder, not in the folder the link points into."""
    backup = path.with_name(f"{path.name}.bak-{version}")
    if not backup.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        atomic_write_bytes(backup, original.encode("utf-8"), mode=mode)


@dataclass(slots=True)
class _PendingWrites:
    """What a writing load will change on disk, collected while it works in memory.

    Nothing is written until every file has been migrated and validated, so a load that
    fails leaves every file byte for byte as it was, with no backup made.
    """

    created: list[tuple[Path, TOMLDocument]] = field(default_factory=list)
    rewritten: list[tuple[Path, str, SchemaVersion, TOMLDocument]] = field(default_factory=list)

    def apply(self, paths: JackinPaths) -> None:
        """Write new files first, then each rewritten file after its backup.

        config.toml is rewritten before the workspace files, and after the workspace files
        split out of it exist: removing its legacy tables is the commit point of the split,
        so a crash in between is re-entered safely.
        """
        for path, document in self.created:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_document(path, document)
        for path, original, version, document in self.rewritten:
            _backup(path, version, original)
            write_document(path, document)


def _migrate(document: TOMLDocument, path: Path, kind: DocumentKind) -> MigrationResult:
    """Migrate `document` in memory; errors name `path`."""
    try:
        return migrate_document(document, kind, file=path)
    except MigrationError as exc:
        raise ConfigError(exc.message, location=exc.location) from None


def parse_workspace_text(text: str, *, file: Path, name: str) -> WorkspaceConfig:
    """Parse, migrate in memory and validate one workspace file's text."""
    document = parse_document(text, file=file)
    _migrate(document, file, WORKSPACE_KIND)
    return _workspace_from_document(name, document, file)


def _fresh_config_document() -> TOMLDocument:
    return model_to_document(
        with_builtin_roles(AppConfig()),
        version=str(CONFIG_VERSION),
        schema_hint=schema_hint(CONFIG_SCHEMA),
    )


def _split_legacy_workspaces(
    document: TOMLDocument, paths: JackinPaths, pending: _PendingWrites
) -> dict[str, WorkspaceConfig]:
    """Move `[workspaces.<name>]` tables of config.toml into `workspaces/<name>.toml`, in
    memory: the tables leave `document` and the new files join `pending`.

    An existing file with the same content is kept (a split interrupted after writing
    the new files is re-entered safely). Unlike the reference, the rest of config.toml
    keeps its comments.
    """
    legacy = document.get("workspaces")
    if legacy is None:
        return {}
    file = paths.config_file
    if not hasattr(legacy, "items"):
        raise ConfigError("`workspaces` must be a table", location=Location(file=file))
    split: dict[str, WorkspaceConfig] = {}
    for name, table in legacy.items():
        from jackin_sdk.mounts import validate_workspace_name  # noqa: PLC0415

        where = Location(file=file, field=f"workspaces.{name}")
        try:
            validate_workspace_name(name)
        except JackinError as exc:
            exc.location = exc.location or where
            raise
        if not hasattr(table, "items"):
            raise ConfigError(f"`workspaces.{name}` must be a table", location=where)
        data = dict(table.unwrap())
        data.pop("version", None)
        workspace_doc = parse_document("", file=file)
        for key, value in data.items():
            workspace_doc[key] = value
        try:
            migrate_document(workspace_doc, WORKSPACE_KIND, file=file)
        except MigrationError as exc:
            raise ConfigError(
                f"[workspaces.{name}]: {exc.message}", location=exc.location
            ) from None
        workspace = _validate(
            WorkspaceConfig,
            plain(workspace_doc),
            file=file,
            text=document.as_string(),
            what=f"[workspaces.{name}] in config.toml",
        )
        target = paths.workspace_file(name)
        if target.exists():
            existing = parse_workspace_text(read_config_text(target), file=target, name=name)
            unversioned = {"version": None}
            if existing.model_copy(update=unversioned) != workspace.model_copy(update=unversioned):
                raise ConfigError(
                    f'workspace "{name}" is defined both in config.toml [workspaces.{name}] and '
                    f"in {target}, with different content",
                    location=Location(file=file, field=f"workspaces.{name}"),
                    hint="Keep one of them: delete the other, then run the command again",
                )
        else:
            created = model_to_document(
                workspace, version=str(WORKSPACE_VERSION), schema_hint=schema_hint(WORKSPACE_SCHEMA)
            )
            pending.created.append((target, created))
        split[name] = workspace
    document.remove("workspaces")
    return split


def _app_from_document(document: TOMLDocument, file: Path) -> AppConfig:
    if "workspaces" in document:
        raise ConfigError(
            "global config.toml must not contain [workspaces] tables",
            location=Location(file=file, field="workspaces"),
            hint="Each workspace lives in its own file under workspaces/",
        )
    text = document.as_string()
    app = _validate(AppConfig, plain(document), file=file, text=text, what="config.toml")
    validate_app(app, file=file)
    return app


def _workspace_from_document(name: str, document: TOMLDocument, file: Path) -> WorkspaceConfig:
    text = document.as_string()
    workspace = _validate(
        WorkspaceConfig, plain(document), file=file, text=text, what=f'workspace "{name}"'
    )
    validate_workspace(name, workspace, file=file)
    return workspace


def validate_documents(
    paths: JackinPaths,
    config: TOMLDocument,
    workspaces: dict[str, tuple[Path, TOMLDocument]],
    *,
    deleted: frozenset[str] = frozenset(),
) -> OperatorConfig:
    """Validate a candidate tree: `config`, the given workspace documents and every other
    workspace file on disk (except `deleted`). Writes nothing."""
    app = _app_from_document(config, paths.config_file)
    result: dict[str, WorkspaceConfig] = {}
    names = set(workspaces)
    if paths.workspaces_dir.is_dir():
        names |= {path.stem for path in paths.workspaces_dir.glob("*.toml")}
    for name in sorted(names - deleted):
        if name in workspaces:
            file, document = workspaces[name]
        else:
            file = paths.workspace_file(name)
            document = read_document(file)[0]
            _migrate(document, file, WORKSPACE_KIND)
        result[name] = _workspace_from_document(name, document, file)
    return OperatorConfig(paths=paths, app=with_builtin_roles(app), workspaces=result)


def load_operator_config_unlocked(paths: JackinPaths, *, write: bool) -> OperatorConfig:
    """`load_operator_config` for a caller that already holds the config lock.

    Everything happens in memory first: the legacy split, each file's migration and the
    validation of the whole tree. Only when all of it succeeded, and `write` is set, are
    the new and migrated files written (each after its `*.bak-<version>` backup).
    """
    file = paths.config_file
    pending = _PendingWrites()
    original: str | None = None
    if os.path.lexists(file):  # a dangling symlink is an error, not a fresh install
        document, original = read_document(file)
    else:
        document = _fresh_config_document()
    had_legacy = "workspaces" in document
    split = _split_legacy_workspaces(document, paths, pending)
    migrated = _migrate(document, file, CONFIG_KIND)
    app = _app_from_document(document, file)
    if original is None:
        pending.created.append((file, document))
    elif had_legacy or migrated.changed:
        pending.rewritten.append((file, original, migrated.source, document))

    workspaces = dict(split)
    if paths.workspaces_dir.is_dir():
        for path in sorted(paths.workspaces_dir.glob("*.toml")):
            ws_document, ws_original = read_document(path)
            ws_migrated = _migrate(ws_document, path, WORKSPACE_KIND)
            workspaces[path.stem] = _workspace_from_document(path.stem, ws_document, path)
            if ws_migrated.changed:
                pending.rewritten.append((path, ws_original, ws_migrated.source, ws_document))
    if write:
        pending.apply(paths)
    return OperatorConfig(paths=paths, app=with_builtin_roles(app), workspaces=workspaces)


def load_operator_config(paths: JackinPaths, *, write: bool = True) -> OperatorConfig:
    """Load, migrate and validate the operator config.

    With `write=True` (every command that may change state) the folders are created, a
    default config.toml is written on first use, legacy workspace tables are split out
    and migrated files are rewritten atomically after a `*.bak-<version>` backup, all
    under the config lock. With `write=False` nothing on disk changes.
    """
    if write:
        paths.ensure_base_dirs()
    with config_lock(paths, shared=not write):
        return load_operator_config_unlocked(paths, write=write)
