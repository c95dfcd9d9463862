"""`ConfigEditor`: locked, validated, atomic edits of config.toml and workspace files.

Edits change the format-preserving documents, so the operator's comments and unknown
keys survive. `commit()` validates the whole candidate tree (global file and every
workspace) before writing any file; nothing is written when validation fails.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from tomlkit import TOMLDocument

from jackin_sdk.config._dump import model_to_document
from jackin_sdk.config._errors import ConfigError
from jackin_sdk.config._models import WORKSPACE_SCHEMA, WorkspaceConfig
from jackin_sdk.config._store import (
    CONFIG_LOCK_PURPOSE,
    OperatorConfig,
    load_operator_config_unlocked,
    validate_documents,
)
from jackin_sdk.config._toml import read_document, write_document
from jackin_sdk.config._versions import WORKSPACE_VERSION
from jackin_sdk.errors import CodedError, ErrorCode, Location
from jackin_sdk.fs import FileLock
from jackin_sdk.paths import JackinPaths
from jackin_sdk.tables import schema_hint

__all__ = ["ConfigEditor"]


class ConfigEditor:
    """Hold the config lock, edit documents, then `commit()` them all or nothing."""

    def __init__(self, paths: JackinPaths, *, lock_timeout: float = 5.0) -> None:
        self.paths = paths
        self._lock = FileLock(paths.config_lock, purpose=CONFIG_LOCK_PURPOSE, timeout=lock_timeout)
        self._config: TOMLDocument | None = None
        self._workspaces: dict[str, TOMLDocument] = {}
        self._dirty: set[str] = set()
        self._deleted: set[str] = set()
        self._config_dirty = False
        self._original: dict[str, str] = {}
        self.current: OperatorConfig | None = None

    def __enter__(self) -> ConfigEditor:
        self.paths.ensure_base_dirs()
        self._lock.acquire()
        try:
            self.current = load_operator_config_unlocked(self.paths, write=True)
            self._config, self._original[""] = read_document(self.paths.config_file)
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lock.release()

    @property
    def loaded(self) -> OperatorConfig:
        """The configuration as it was when the editor opened."""
        if self.current is None:
            raise RuntimeError("ConfigEditor used outside its `with` block")
        return self.current

    @property
    def config(self) -> TOMLDocument:
        """The config.toml document, marked dirty on access."""
        if self._config is None:
            raise RuntimeError("ConfigEditor used outside its `with` block")
        self._config_dirty = True
        return self._config

    def has_workspace(self, name: str) -> bool:
        """Whether a saved workspace `name` exists (and is not being deleted)."""
        if name in self._deleted:
            return False
        return name in self._workspaces or self.paths.workspace_file(name).is_file()

    def workspace(self, name: str) -> TOMLDocument:
        """The document of saved workspace `name` (E007 when missing), marked dirty."""
        if not self.has_workspace(name):
            raise CodedError(ErrorCode.E007, detail=f'No workspace named "{name}".')
        if name not in self._workspaces:
            document, self._original[name] = read_document(self.paths.workspace_file(name))
            self._workspaces[name] = document
        self._dirty.add(name)
        return self._workspaces[name]

    def create_workspace(self, name: str, workspace: WorkspaceConfig) -> None:
        """Add a new workspace file; refuses an existing name."""
        if self.has_workspace(name):
            raise ConfigError(
                f'workspace "{name}" already exists; use `jackin workspace edit {name}`',
                location=Location(file=self.paths.workspace_file(name)),
            )
        self._workspaces[name] = model_to_document(
            workspace, version=str(WORKSPACE_VERSION), schema_hint=schema_hint(WORKSPACE_SCHEMA)
        )
        self._original.pop(name, None)
        self._deleted.discard(name)
        self._dirty.add(name)

    def delete_workspace(self, name: str) -> None:
        """Remove workspace `name` on commit (E007 when missing)."""
        if not self.has_workspace(name):
            raise CodedError(ErrorCode.E007, detail=f'No workspace named "{name}".')
        self._workspaces.pop(name, None)
        self._dirty.discard(name)
        self._deleted.add(name)

    def rename_workspace(self, old: str, new: str) -> None:
        """Move workspace `old` (with its edits and comments) to `new` on commit."""
        if self.has_workspace(new):
            raise ConfigError(
                f'workspace "{new}" already exists; use `jackin workspace edit {new}`',
                location=Location(file=self.paths.workspace_file(new)),
            )
        document = self.workspace(old)
        self.delete_workspace(old)
        self._workspaces[new] = document
        self._original.pop(new, None)
        self._deleted.discard(new)
        self._dirty.add(new)

    def commit(self) -> OperatorConfig:
        """Validate every file as it would be, then write the changed ones atomically."""
        assert self._config is not None
        documents: dict[str, tuple[Path, TOMLDocument]] = {}
        for name in self._dirty:
            documents[name] = (self.paths.workspace_file(name), self._workspaces[name])
        result = validate_documents(
            self.paths, self._config, documents, deleted=frozenset(self._deleted)
        )
        if self._config_dirty and self._config.as_string() != self._original.get(""):
            write_document(self.paths.config_file, self._config)
        if self._dirty:
            self.paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
        for name in sorted(self._dirty):
            path, document = documents[name]
            if document.as_string() != self._original.get(name):
                write_document(path, document)
        for name in sorted(self._deleted):
            self.paths.workspace_file(name).unlink(missing_ok=True)
        self.current = result
        self._dirty.clear()
        self._deleted.clear()
        self._config_dirty = False
        self._original = {"": self._config.as_string()}
        self._workspaces.clear()
        return result
