"""`role create`: the scaffolded repository's layout, contents and Renovate wiring."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from jackin_sdk.errors import JackinError
from jackin_sdk.roles import (
    SCAFFOLD_CONSTRUCT_TAG,
    RoleSelector,
    final_from,
    projects_default,
    scaffold_role,
    validate_role,
)

FILES = {
    ".dockerignore",
    ".github/workflows/validate.yml",
    ".gitignore",
    "Dockerfile",
    "README.md",
    "jackin.role.toml",
    "renovate.json",
}


def create(tmp_path: Path, selector: str) -> Path:
    return scaffold_role(RoleSelector.parse(selector), tmp_path / "projects")


def python_regex(renovate_regex: str) -> re.Pattern[str]:
    """Renovate writes named groups as `(?<x>…)`; Python spells them `(?P<x>…)`."""
    return re.compile(renovate_regex.replace("(?<", "(?P<"))


def test_layout(tmp_path: Path) -> None:
    root = create(tmp_path, "agent-smith")
    assert root == tmp_path / "projects" / "jackin-agent-smith"
    found = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    assert found == FILES


def test_manifest(tmp_path: Path) -> None:
    root = create(tmp_path, "agent-smith")
    manifest = tomllib.loads((root / "jackin.role.toml").read_text())
    assert manifest == {
        "version": "v1alpha6",
        "dockerfile": "Dockerfile",
        "identity": {"name": "Agent Smith"},
        "claude": {"plugins": []},
    }


def test_dockerfile_pins_the_construct(tmp_path: Path) -> None:
    root = create(tmp_path, "agent-smith")
    line = final_from((root / "Dockerfile").read_text())
    assert line is not None
    assert line.image == f"projectjackin/construct:{SCAFFOLD_CONSTRUCT_TAG}"
    assert SCAFFOLD_CONSTRUCT_TAG == "0.35-trixie"


def test_the_scaffold_validates(tmp_path: Path) -> None:
    report = validate_role(create(tmp_path, "agent-smith"), offline=True)
    assert report.findings == []
    assert report.construct_version == SCAFFOLD_CONSTRUCT_TAG


def test_ignore_files(tmp_path: Path) -> None:
    root = create(tmp_path, "agent-smith")
    assert (root / ".dockerignore").read_text().split() == [".git", ".github", "README.md"]
    assert ".DS_Store" in (root / ".gitignore").read_text().splitlines()


def test_readme_says_how_to_validate_and_load(tmp_path: Path) -> None:
    readme = (create(tmp_path, "neo") / "README.md").read_text()
    assert readme.startswith("# Neo\n")
    assert "jackin role validate ." in readme
    assert "jackin-role validate ." in readme
    assert "jackin load <owner>/neo" in readme
    namespaced = (create(tmp_path, "zion/neo") / "README.md").read_text()
    assert "`zion/jackin-neo`" in namespaced
    assert "jackin load zion/neo" in namespaced


def test_renovate_manages_the_construct_from_line(tmp_path: Path) -> None:
    root = create(tmp_path, "agent-smith")
    config = json.loads((root / "renovate.json").read_text())
    (manager,) = config["customManagers"]
    assert manager["customType"] == "regex"
    assert manager["datasourceTemplate"] == "docker"
    assert manager["depNameTemplate"] == "projectjackin/construct"
    assert manager["versioningTemplate"] == r"regex:^(?<major>\d+)\.(?<minor>\d+)-trixie$"
    assert python_regex(manager["managerFilePatterns"][0].strip("/")).search("Dockerfile")

    dockerfile = (root / "Dockerfile").read_text()
    (match_string,) = manager["matchStrings"]
    found = python_regex(match_string).search(dockerfile)
    assert found is not None
    assert found["currentValue"] == SCAFFOLD_CONSTRUCT_TAG
    assert found["currentDigest"] is None
    pinned = dockerfile.replace(SCAFFOLD_CONSTRUCT_TAG, SCAFFOLD_CONSTRUCT_TAG + "@sha256:ab12")
    digest = python_regex(match_string).search(pinned)
    assert digest is not None
    assert digest["currentDigest"] == "sha256:ab12"

    versioning = python_regex(manager["versioningTemplate"].removeprefix("regex:"))
    version = versioning.fullmatch(SCAFFOLD_CONSTRUCT_TAG)
    assert version is not None
    assert (version["major"], version["minor"]) == ("0", "35")
    for floating in ("trixie", "latest", "0.35-bookworm"):
        assert versioning.fullmatch(floating) is None
    (rule,) = config["packageRules"]
    assert rule == {
        "description": "The regex manager above owns the construct image",
        "matchManagers": ["dockerfile"],
        "matchPackageNames": ["projectjackin/construct"],
        "enabled": False,
    }


def test_validate_workflow(tmp_path: Path) -> None:
    workflow = (create(tmp_path, "agent-smith") / ".github/workflows/validate.yml").read_text()
    lines = workflow.splitlines()
    assert "\t" not in workflow
    assert all((len(line) - len(line.lstrip(" "))) % 2 == 0 for line in lines)
    assert lines[0] == "name: validate"
    assert "  pull_request:" in lines
    steps = [line.strip() for line in lines if line.strip().startswith(("- uses:", "run:"))]
    assert steps == [
        "- uses: actions/checkout@v4",
        "- uses: actions/setup-python@v5",
        "run: python -m pip install jackin-role",
        "run: jackin-role validate --format github .",
    ]


def test_namespaced_path(tmp_path: Path) -> None:
    root = create(tmp_path, "Zion/Neo")
    assert root == tmp_path / "projects" / "zion" / "jackin-neo"
    name = tomllib.loads((root / "jackin.role.toml").read_text())["identity"]["name"]
    assert name == "Neo"


def test_a_jackin_prefix_is_kept_once(tmp_path: Path) -> None:
    root = create(tmp_path, "jackin-the-architect")
    assert root.name == "jackin-the-architect"
    name = tomllib.loads((root / "jackin.role.toml").read_text())["identity"]["name"]
    assert name == "The Architect"


@pytest.mark.parametrize(
    ("selector", "title"),
    [("agent-smith", "Agent Smith"), ("neo", "Neo"), ("r2-d2", "R2 D2"), ("a--b-", "A B")],
)
def test_title_case(tmp_path: Path, selector: str, title: str) -> None:
    root = create(tmp_path, selector)
    assert tomllib.loads((root / "jackin.role.toml").read_text())["identity"]["name"] == title


def test_an_existing_directory_is_refused(tmp_path: Path) -> None:
    existing = tmp_path / "projects" / "jackin-neo"
    existing.mkdir(parents=True)
    (existing / "keep.txt").write_text("mine")
    with pytest.raises(JackinError, match=f"^{re.escape(str(existing))} already exists$"):
        create(tmp_path, "neo")
    assert [p.name for p in existing.iterdir()] == ["keep.txt"]


def test_an_existing_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "jackin-neo").write_text("")
    with pytest.raises(JackinError, match="already exists"):
        create(tmp_path, "neo")


def test_projects_default(tmp_path: Path) -> None:
    home = str(tmp_path)
    assert projects_default({"HOME": home}) == tmp_path / "Projects"
    assert projects_default({"HOME": home, "JACKIN_PROJECTS_DIR": ""}) == tmp_path / "Projects"
    assert projects_default({"HOME": home, "JACKIN_PROJECTS_DIR": "/srv/roles"}) == Path(
        "/srv/roles"
    )
    assert projects_default({"HOME": home, "JACKIN_PROJECTS_DIR": "~/src"}) == tmp_path / "src"


def test_projects_default_reads_the_process_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JACKIN_PROJECTS_DIR", str(tmp_path / "roles"))
    assert projects_default() == tmp_path / "roles"
