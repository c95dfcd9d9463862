"""The role verbs both front ends call: the lines they print and their exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.errors import JackinError
from jackin_sdk.roles import (
    RoleVerbOutput,
    construct_version_verb,
    migrate_verb,
    publish_labels_verb,
    published_image_verb,
    validate_verb,
)


@pytest.fixture
def role(tmp_path: Path) -> Path:
    root = tmp_path / "role"
    root.mkdir()
    (root / "jackin.role.toml").write_text(
        'version = "v1alpha6"\ndockerfile = "Dockerfile"\n'
        'published_image = "ghcr.io/acme/role:1.2"\n\n[claude]\n'
    )
    (root / "Dockerfile").write_text("FROM projectjackin/construct:0.35-trixie\n")
    return root


def test_validate_gives_one_entry_per_line(role: Path) -> None:
    assert validate_verb(role) == RoleVerbOutput((f"Role repository is valid: {role}",), 0)
    (role / "Dockerfile").write_text("FROM projectjackin/construct:trixie\n")
    invalid = validate_verb(role, "json", offline=True)
    assert invalid.exit_code == 1
    assert invalid.lines[0] == "{"
    assert all("\n" not in line for line in invalid.lines)


def test_values_of_the_manifest(role: Path) -> None:
    assert construct_version_verb(role).lines == ("0.35-trixie",)
    assert published_image_verb(role).lines == ("ghcr.io/acme/role:1.2",)
    assert published_image_verb(role, repository=True).lines == ("ghcr.io/acme/role",)
    assert publish_labels_verb(role, "abc").lines[1] == "jackin.role.git.sha=abc"


def test_a_value_that_is_not_there_raises(role: Path) -> None:
    (role / "jackin.role.toml").write_text('version = "v1alpha6"\ndockerfile = "Dockerfile"\n')
    with pytest.raises(JackinError, match="no published_image declared"):
        published_image_verb(role)
    (role / "Dockerfile").write_text("# no FROM\n")
    with pytest.raises(JackinError, match="cannot read the construct version"):
        construct_version_verb(role)


def test_migrate_says_what_it_did_before_the_report(role: Path) -> None:
    done = migrate_verb(role, offline=True)
    assert done.lines == (
        "Manifest already at current version",
        f"Role repository is valid: {role}",
    )
    assert done.exit_code == 0
