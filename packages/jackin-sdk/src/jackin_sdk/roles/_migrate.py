"""`migrate_role`: bring a role manifest to the current version, renaming the legacy file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.config import ConfigError, parse_document
from jackin_sdk.errors import CodedError, ErrorCode, JackinError
from jackin_sdk.fs import UnreadableFile, atomic_write_text, read_bounded_text
from jackin_sdk.migrations import MigrationError, migrate_document
from jackin_sdk.process import GitFailed, run_git
from jackin_sdk.roles._manifest import LEGACY_MANIFEST_FILE, MANIFEST_FILE, MANIFEST_KIND
from jackin_sdk.versioning import SchemaVersion

__all__ = ["RoleMigration", "migrate_role"]


@dataclass(frozen=True, slots=True)
class RoleMigration:
    """What `migrate_role` did."""

    root: Path
    source: SchemaVersion
    target: SchemaVersion
    renamed_from: Path | None = None
    renamed_with_git: bool = False

    @property
    def changed(self) -> bool:
        """Whether anything on disk changed."""
        return self.renamed_from is not None or self.source != self.target


def _tracked_by_git(root: Path, name: str) -> bool:
    """Whether `name` is tracked in the checkout at `root` (False outside one, or without git)."""
    try:
        found = run_git(
            ["ls-files", "--error-unmatch", "--", name], cwd=root, timeout=60, check=False,
            log="roles",
        )  # fmt: skip
    except GitFailed:  # git is not installed: a plain rename still works
        return False
    return found.ok


def _rename_legacy(root: Path) -> tuple[Path | None, bool]:
    legacy = root / LEGACY_MANIFEST_FILE
    current = root / MANIFEST_FILE
    if not legacy.is_file():
        return None, False
    if current.exists():
        raise JackinError(
            f"both {MANIFEST_FILE} and {LEGACY_MANIFEST_FILE} exist in {root}; "
            f"delete {LEGACY_MANIFEST_FILE} once you have checked {MANIFEST_FILE} has everything"
        )
    tracked = _tracked_by_git(root, LEGACY_MANIFEST_FILE)
    if tracked:
        try:
            run_git(
                ["mv", "--", LEGACY_MANIFEST_FILE, MANIFEST_FILE], cwd=root, timeout=60,
                log="roles",
            )  # fmt: skip
        except GitFailed as exc:
            raise JackinError(
                f"could not rename {LEGACY_MANIFEST_FILE} to {MANIFEST_FILE} in {root} with "
                f"`git mv` ({exc.reason}); rename it by hand and run again"
            ) from None
    else:
        legacy.rename(current)
    return legacy, tracked


def migrate_role(path: Path) -> RoleMigration:
    """Rename `jackin.agent.toml` if needed (with `git mv` in a checkout), then restamp the
    manifest through the version chain, rewriting it format-preservingly."""
    if not path.is_dir():
        raise JackinError(
            f"{path} does not exist" if not path.exists() else f"{path} is not a directory"
        )
    root = path.resolve()
    renamed_from, with_git = _rename_legacy(root)
    file = root / MANIFEST_FILE
    if not os.path.lexists(file):
        raise JackinError(f"missing {file}")
    try:
        document = parse_document(read_bounded_text(file), file=file)
    except (UnreadableFile, ConfigError) as exc:
        detail = exc.message.splitlines()[0]  # the problem, without the config hint
        raise CodedError(ErrorCode.E004, detail=detail, location=exc.location) from None
    try:
        result = migrate_document(document, MANIFEST_KIND, file=file)
    except MigrationError as exc:
        raise JackinError(str(exc)) from None
    if result.changed:
        atomic_write_text(file, document.as_string())
    return RoleMigration(root, result.source, result.target, renamed_from, with_git)
