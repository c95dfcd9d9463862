from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit

from jackin_sdk.migrations import DocumentKind, MigrationError, migrate_document, restamp_chain
from jackin_sdk.versioning import SchemaVersion

KIND = DocumentKind(
    label="thing.toml",
    current=SchemaVersion.parse("v1alpha3"),
    steps=restamp_chain(["legacy", "v1alpha1", "v1alpha2", "v1alpha3"]),
)


def test_legacy_gets_version_first_after_the_header_comment() -> None:
    document = tomlkit.parse("# header\n\nkey = 1 # note\n[t]\nx = 2\n")
    result = migrate_document(document, KIND)
    assert (str(result.source), str(result.target), len(result.applied)) == (
        "legacy",
        "v1alpha3",
        3,
    )
    assert document.as_string() == '# header\n\nversion = "v1alpha3"\nkey = 1 # note\n[t]\nx = 2\n'


def test_version_not_first_is_moved_first() -> None:
    document = tomlkit.parse('key = 1\nversion = "v1alpha1"\n')
    migrate_document(document, KIND)
    assert document.as_string().startswith('version = "v1alpha3"\nkey = 1\n')


def test_current_is_untouched() -> None:
    text = 'version = "v1alpha3"\nkey = 1\n'
    document = tomlkit.parse(text)
    assert not migrate_document(document, KIND).changed
    assert document.as_string() == text


def test_too_new_and_no_path() -> None:
    with pytest.raises(MigrationError, match=r"thing\.toml is at v1beta1, this jackin only"):
        migrate_document(tomlkit.parse('version = "v1beta1"\n'), KIND, file=Path("/t.toml"))
    gapped = DocumentKind(
        "gap", SchemaVersion.parse("v1alpha3"), restamp_chain(["v1alpha2", "v1alpha3"])
    )
    with pytest.raises(
        MigrationError, match="no longer includes a migration path for gap from legacy"
    ):
        migrate_document(tomlkit.parse("a = 1\n"), gapped)


def test_transform_runs_at_its_step() -> None:
    seen: list[str] = []

    def mark(document: tomlkit.TOMLDocument, file: Path | None) -> None:
        del file
        seen.append(str(document.get("version")))
        document["migrated"] = True

    kind = DocumentKind(
        "k",
        SchemaVersion.parse("v1alpha2"),
        restamp_chain(["legacy", "v1alpha1", "v1alpha2"], {"v1alpha2": (mark, "mark")}),
    )
    document = tomlkit.parse("")
    migrate_document(document, kind)
    assert seen == ["v1alpha1"]
    assert document["migrated"] is True
