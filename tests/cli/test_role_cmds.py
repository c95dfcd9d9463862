"""`jackin-role` and `jackin role`: one parser, exit codes 0 valid / 1 invalid / 2 usage."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jackin_cli.__main__ import run as jackin_run
from jackin_role.__main__ import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "roles"
DOCKERFILE = "FROM projectjackin/construct:0.35-trixie\n"


@pytest.fixture
def role(tmp_path: Path) -> Path:
    root = tmp_path / "role"
    root.mkdir()
    (root / "jackin.role.toml").write_text(
        'version = "v1alpha6"\ndockerfile = "Dockerfile"\n'
        'published_image = "ghcr.io:443/acme/role:1.2@sha256:abc"\n\n[claude]\n'
    )
    (root / "Dockerfile").write_text(DOCKERFILE)
    return root


def test_validate_valid(role: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(role)]) == 0
    assert capsys.readouterr().out == f"Role repository is valid: {role}\n"


def test_validate_invalid_in_each_format(role: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (role / "Dockerfile").write_text("# base\nFROM projectjackin/construct:trixie\n")
    assert run(["validate", str(role)]) == 1
    human = capsys.readouterr().out
    assert f"error: {role / 'Dockerfile'}:2: the construct image must be pinned" in human
    assert run(["validate", "--format", "github", str(role)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"::error file={role / 'Dockerfile'},line=2::the construct image")
    assert run(["validate", "--format", "json", str(role)]) == 1
    data = json.loads(capsys.readouterr().out)["data"]
    assert data["valid"] is False
    assert data["findings"][0]["line"] == 2


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--format", "xml"]) == 2
    assert run(["no-such-verb"]) == 2
    assert run(["publish-labels"]) == 2
    assert "--role-git-sha" in capsys.readouterr().err


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(tmp_path / "nope")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_published_image_verbs(role: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["construct-version", str(role)]) == 0
    assert run(["published-image", str(role)]) == 0
    assert run(["published-image-repository", str(role)]) == 0
    assert run(["publish-labels", "--role-git-sha", "abc123", str(role)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "0.35-trixie",
        "ghcr.io:443/acme/role:1.2@sha256:abc",
        "ghcr.io:443/acme/role",
        "jackin.construct.version=0.35-trixie",
        "jackin.role.git.sha=abc123",
        "org.opencontainers.image.revision=abc123",
    ]


def test_no_published_image(role: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (role / "jackin.role.toml").read_text()
    (role / "jackin.role.toml").write_text(
        "\n".join(line for line in text.splitlines() if "published" not in line) + "\n"
    )
    assert run(["published-image", str(role)]) == 1
    assert "no published_image declared in jackin.role.toml" in capsys.readouterr().err


def test_migrate_legacy_role(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "arch"
    shutil.copytree(FIXTURES / "the-architect-snapshot", root)
    assert run(["migrate", "--offline", str(root)]) == 1  # the floating tag is still reported
    out = capsys.readouterr().out
    assert "Renamed jackin.agent.toml -> jackin.role.toml" in out
    assert "Migrated manifest legacy -> v1alpha6" in out
    assert "must be pinned to a version" in out
    assert (root / "Dockerfile").read_text().startswith("FROM projectjackin/construct:trixie")
    (root / "Dockerfile").write_text(DOCKERFILE)
    assert run(["migrate", "--offline", str(root)]) == 0
    assert "Manifest already at current version" in capsys.readouterr().out


def test_jackin_role_is_the_same_parser(role: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert jackin_run(["role", "validate", str(role)]) == 0
    assert capsys.readouterr().out == f"Role repository is valid: {role}\n"
    assert jackin_run(["role", "--help"]) == 0
    assert "usage: jackin role" in capsys.readouterr().out
    assert jackin_run(["role", "validate", "--format", "nope"]) == 2


def test_help_imports_nothing_heavy() -> None:
    probe = (
        "import sys; from jackin_role.__main__ import run; code = run(['validate', '--help']);"
        "print(sorted({m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = out.stdout.strip().splitlines()[-1]
    for heavy in ("typer", "pydantic", "docker", "git", "tomlkit", "textual"):
        assert f"'{heavy}'" not in loaded
