"""Schema migrations on the raw, format-preserving TOML document (upstream-config.md §5).

Each kind of file has a current version and a chain of steps `from → to`. A step may
transform the document; every step then stamps `version = to` as the first key. Comments
and formatting the operator wrote stay where they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from tomlkit import TOMLDocument

from jackin_sdk.errors import JackinError, Location
from jackin_sdk.versioning import SchemaVersion, SchemaVersionError

__all__ = [
    "DocumentKind",
    "MigrationError",
    "MigrationResult",
    "MigrationStep",
    "document_version",
    "migrate_document",
    "restamp_chain",
    "stamp_version",
]

Transform = Callable[[TOMLDocument, Path | None], None]


class MigrationError(JackinError):
    """A file cannot be brought to the current schema version."""


@dataclass(frozen=True, slots=True)
class MigrationStep:
    """One step of a kind's chain; `transform` edits the document in place (or is None)."""

    source: SchemaVersion
    target: SchemaVersion
    transform: Transform | None = None
    note: str = "restamp"


@dataclass(frozen=True, slots=True)
class DocumentKind:
    """A versioned file kind: its label for messages, current version and steps."""

    label: str
    current: SchemaVersion
    steps: tuple[MigrationStep, ...]
    too_new_hint: str = "upgrade jackin"

    def step_from(self, version: SchemaVersion) -> MigrationStep | None:
        """The step that starts at `version`, if the chain has one."""
        return next((s for s in self.steps if s.source == version), None)


@dataclass(frozen=True, slots=True)
class MigrationResult:
    """What `migrate_document` did."""

    source: SchemaVersion
    target: SchemaVersion
    applied: tuple[MigrationStep, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """Whether the document was modified."""
        return bool(self.applied)


def restamp_chain(
    versions: Sequence[str], transforms: dict[str, tuple[Transform, str]] | None = None
) -> tuple[MigrationStep, ...]:
    """Steps between consecutive `versions`; `transforms` keyed by target version."""
    transforms = transforms or {}
    parsed = [SchemaVersion.parse(v) for v in versions]
    steps = []
    for source, target in pairwise(parsed):
        transform, note = transforms.get(str(target), (None, "restamp"))
        steps.append(MigrationStep(source, target, transform, note))
    return tuple(steps)


def stamp_version(document: TOMLDocument, version: SchemaVersion) -> None:
    """Set `version` and make it the first key (after any leading comment block)."""
    keys = list(document.keys())
    if keys and keys[0] == "version":
        document["version"] = str(version)
        return
    if "version" in document:
        document.remove("version")
    first_key = next(
        (index for index, (key, _) in enumerate(document.body) if key is not None),
        len(document.body),
    )
    if first_key >= len(document.body):
        document.add("version", str(version))
        return
    # tomlkit has no public positional insert; _insert_at is its own API for this.
    document._insert_at(first_key, "version", str(version))


def document_version(document: TOMLDocument, *, file: Path | None) -> SchemaVersion:
    """The document's version (absent = legacy), with the file named on error."""
    try:
        return SchemaVersion.from_document(document.get("version"))
    except SchemaVersionError as exc:
        raise MigrationError(exc.message, location=Location(file=file, field="version")) from None


def migrate_document(
    document: TOMLDocument, kind: DocumentKind, *, file: Path | None = None
) -> MigrationResult:
    """Bring `document` to `kind.current` in place; raise MigrationError when impossible."""
    source = document_version(document, file=file)
    where = Location(file=file, field="version")
    if source > kind.current:
        raise MigrationError(
            f"{kind.label} is at {source}, this jackin only understands up to {kind.current}; "
            f"{kind.too_new_hint}",
            location=where,
        )
    applied: list[MigrationStep] = []
    version = source
    while version < kind.current:
        step = kind.step_from(version)
        if step is None:
            raise MigrationError(
                f"this jackin no longer includes a migration path for {kind.label} from "
                f"{version}; upgrade through an older jackin first",
                location=where,
            )
        if step.transform is not None:
            step.transform(document, file)
        stamp_version(document, step.target)
        applied.append(step)
        version = step.target
    return MigrationResult(source, version, tuple(applied))
