"""Loading the operator config: legacy split, migrations, backups, validation.

Writers hold the config lock for the whole load so two jackin processes never migrate
or edit the same files at once. Read-only loads migrate in memory and write nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from tomlkit import TOMLDocument

from jackin_sdk.config._builtins import with_builtin_roles
from jackin_sdk.config._dump import model_to_document
from jackin_sdk.config._errors import ConfigError, config_error_from_validation
from jackin_sdk.config._models import AppConfig, WorkspaceConfig
from jackin_sdk.config._semantics import validate_app, validate_workspace
from jackin_sdk.config._toml import parse_document, plain, read_document, write_document
from jackin_sdk.config._versions import (
    CONFIG_KIND,
    CONFIG_VERSION,
    WORKSPACE_KIND,
    WORKSPACE_VERSION,
)
from jackin_sdk.errors import Location
from jackin_sdk.fs import FileLock, atomic_write_bytes
from jackin_sdk.migrations import MigrationError, migrate_document
from jackin_sdk.paths import JackinPaths
from jackin_sdk.schema import Record, SchemaError, validate
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

_Model = TypeVar("_Model", bound=Record)
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
        return validate(model, data)
    except SchemaError as exc:
        raise config_error_from_validation(exc, file=file, text=text, what=what) from None


def _backup(path: Path, version: SchemaVersion) -> None:
    """Keep `<file>.bak-<version>` next to `path` before its first rewrite."""
    backup = path.with_name(f"{path.name}.bak-{version}")
    if not backup.exists():
        atomic_write_bytes(backup, path.read_bytes())
        shutil.copymode(path, backup)


def _migrate(document: TOMLDocument, path: Path, *, kind_is_config: bool, write: bool) -> None:
    kind = CONFIG_KIND if kind_is_config else WORKSPACE_KIND
    try:
        result = migrate_document(document, kind, file=path)
    except MigrationError as exc:
        raise ConfigError(exc.message, location=exc.location) from None
    if result.changed and write:
        _backup(path, result.source)
        write_document(path, document)


def parse_workspace_text(text: str, *, file: Path, name: str) -> WorkspaceConfig:
    """Parse, migrate in memory and validate one workspace file's text."""
    document = parse_document(text, file=file)
    try:
        migrate_document(document, WORKSPACE_KIND, file=file)
    except MigrationError as exc:
        raise ConfigError(exc.message, location=exc.location) from None
    return _workspace_from_document(name, document, file)


def _fresh_config_document() -> TOMLDocument:
    return model_to_document(with_builtin_roles(AppConfig()), version=str(CONFIG_VERSION))


def _split_legacy_workspaces(
    document: TOMLDocument, paths: JackinPaths, *, write: bool
) -> dict[str, WorkspaceConfig]:
    """Move `[workspaces.<name>]` tables of config.toml into `workspaces/<name>.toml`.

    New files are written first; removing the tables from config.toml is the commit
    point, so a crash in between is re-entered safely (equal files are skipped). Unlike
    the reference, the rest of config.toml keeps its comments.
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

        validate_workspace_name(name)
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
            existing = parse_workspace_text(target.read_text(), file=target, name=name)
            if replace(existing, version=None) != replace(workspace, version=None):
                raise ConfigError(
                    f'workspace "{name}" is defined both in config.toml [workspaces.{name}] and '
                    f"in {target}, with different content",
                    location=Location(file=file, field=f"workspaces.{name}"),
                    hint="Keep one of them: delete the other, then run the command again",
                )
        elif write:
            paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
            write_document(target, model_to_document(workspace, version=str(WORKSPACE_VERSION)))
        split[name] = workspace
    if write:
        _backup(file, SchemaVersion.from_document(document.get("version")))
    document.remove("workspaces")
    if write:
        write_document(file, document)
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
            try:
                migrate_document(document, WORKSPACE_KIND, file=file)
            except MigrationError as exc:
                raise ConfigError(exc.message, location=exc.location) from None
        result[name] = _workspace_from_document(name, document, file)
    return OperatorConfig(paths=paths, app=with_builtin_roles(app), workspaces=result)


def load_operator_config_unlocked(paths: JackinPaths, *, write: bool) -> OperatorConfig:
    """`load_operator_config` for a caller that already holds the config lock."""
    file = paths.config_file
    if file.exists():
        document, _ = read_document(file)
    else:
        document = _fresh_config_document()
        if write:
            paths.config_dir.mkdir(parents=True, exist_ok=True)
            write_document(file, document)
    split = _split_legacy_workspaces(document, paths, write=write)
    _migrate(document, file, kind_is_config=True, write=write)
    app = _app_from_document(document, file)

    workspaces = dict(split)
    if paths.workspaces_dir.is_dir():
        for path in sorted(paths.workspaces_dir.glob("*.toml")):
            ws_document, _ = read_document(path)
            _migrate(ws_document, path, kind_is_config=False, write=write)
            workspaces[path.stem] = _workspace_from_document(path.stem, ws_document, path)
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
