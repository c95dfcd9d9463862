"""`jackin-role …` and `jackin role …`: the same verbs, exit codes 0 valid / 1 invalid /
2 usage, and the same output (each front end parses its own line and calls the SDK)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jackin_cli.__main__ import run as jackin_run
from jackin_role.__main__ import run as role_run

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "roles"
DOCKERFILE = "FROM projectjackin/construct:0.35-trixie\n"


Run = Callable[[list[str]], int]


def _jackin_role(argv: list[str]) -> int:
    return jackin_run(["role", *argv])


@pytest.fixture(params=["jackin-role", "jackin role"])
def run(request: pytest.FixtureRequest) -> Run:
    """Each test runs once through `jackin-role` and once through `jackin role`."""
    return role_run if request.param == "jackin-role" else _jackin_role


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


def test_validate_valid(run: Run, role: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(role)]) == 0
    assert capsys.readouterr().out == f"Role repository is valid: {role}\n"


def test_validate_invalid_in_each_format(
    run: Run, role: Path, capsys: pytest.CaptureFixture[str]
) -> None:
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


def test_usage_errors_exit_two(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--format", "xml"]) == 2
    assert run(["no-such-verb"]) == 2
    assert run(["publish-labels"]) == 2
    assert "--role-git-sha" in capsys.readouterr().err


def test_missing_path(run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(tmp_path / "nope")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_published_image_verbs(run: Run, role: Path, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_no_published_image(run: Run, role: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (role / "jackin.role.toml").read_text()
    (role / "jackin.role.toml").write_text(
        "\n".join(line for line in text.splitlines() if "published" not in line) + "\n"
    )
    assert run(["published-image", str(role)]) == 1
    assert "no published_image declared in jackin.role.toml" in capsys.readouterr().err


def test_migrate_legacy_role(run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_both_front_ends_print_the_same(role: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (role / "Dockerfile").write_text("# base\nFROM projectjackin/construct:trixie\n")
    for argv in (
        ["validate", "--format", "github", str(role)],
        ["validate", "--format", "json", "--offline", str(role)],
        ["published-image-repository", str(role)],
    ):
        alone = (role_run(argv), capsys.readouterr().out)
        within = (jackin_run(["role", *argv]), capsys.readouterr().out)
        assert alone == within, argv
        assert alone[1], argv


def test_create_scaffolds_a_valid_role(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["create", "acme/smith", str(tmp_path / "projects"), "--offline"]) == 0
    created = tmp_path / "projects" / "acme" / "jackin-smith"
    assert capsys.readouterr().out.splitlines() == [
        f"Role repository is valid: {created}",
        f"Created role repository: {created}",
        f"Validate it with: jackin role validate {created}",
    ]
    assert run(["create", "acme/smith", str(tmp_path / "projects")]) == 1  # exists


def test_schema_prints_the_published_manifest_schema(
    run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == (ROOT / "schemas" / "role.schema.json").read_text()
    assert "published_image" in json.loads(out)["properties"]


def test_help_of_a_verb(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--help"]) == 0
    out = capsys.readouterr().out
    assert "validate [OPTIONS] [path]" in out
    assert "--format <human|json|github>" in out
    assert run([]) == 0
    assert "publish-labels" in capsys.readouterr().out


def test_role_commands_never_read_the_operator_config(
    run: Run, role: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('version = "v999"\n')
    monkeypatch.setenv("JACKIN_CONFIG_DIR", str(config))
    assert run(["validate", str(role)]) == 0
    assert capsys.readouterr().out == f"Role repository is valid: {role}\n"


def test_help_imports_nothing_heavy() -> None:
    probe = (
        "import sys; from jackin_role.__main__ import run; code = run(['validate', '--help']);"
        "print(sorted({m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = out.stdout.strip().splitlines()[-1]
    for heavy in ("pydantic", "docker", "git", "tomlkit", "textual", "rich"):
        assert f"'{heavy}'" not in loaded
