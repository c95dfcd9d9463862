"""`validate_role` on a repository per rule, and on the reference role snapshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from jackin_sdk.errors import JackinError
from jackin_sdk.roles import Severity, format_report, migrate_role, validate_role

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "roles"
DOCKERFILE = "FROM projectjackin/construct:0.35-trixie\n"
VALID = 'version = "v1alpha6"\ndockerfile = "Dockerfile"\n\n[claude]\n'


def _repo(tmp_path: Path, manifest: str, files: dict[str, str] | None = None) -> Path:
    root = tmp_path / "role"
    root.mkdir()
    (root / "jackin.role.toml").write_text(manifest)
    for name, content in {"Dockerfile": DOCKERFILE, **(files or {})}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)
    return root


def _errors(root: Path) -> list[str]:
    return [f.message for f in validate_role(root, offline=True).errors]


def test_valid_minimal_role(tmp_path: Path) -> None:
    report = validate_role(_repo(tmp_path, VALID), offline=True)
    assert report.valid, report.findings
    assert report.construct_version == "0.35-trixie"
    assert format_report(report, "human").endswith(f"Role repository is valid: {report.root}")


def test_the_full_example_manifest_is_valid(tmp_path: Path) -> None:
    manifest = (FIXTURES / "full-example.toml").read_text()
    hooks = {f"hooks/{n}.sh": "echo hi\n" for n in ("setup-once", "source", "preflight")}
    root = _repo(tmp_path, manifest, {"docker/Dockerfile": DOCKERFILE, **hooks})
    report = validate_role(root, offline=True)
    assert report.errors == []


CASES = [
    ("missing dockerfile key", 'version = "v1alpha6"\n[claude]\n', {}, "`dockerfile`: required key"),
    ("unknown key", VALID + "modle = 'x'\n", {}, "`claude.modle`: unknown key"),
    ("too new", 'version = "v1alpha99"\ndockerfile = "Dockerfile"\n[claude]\n', {}, "[E005]"),
    ("empty agents", 'version = "v1alpha6"\ndockerfile = "Dockerfile"\nagents = []\n', {}, "`agents` must not be empty"),
    ("missing agent table", 'version = "v1alpha6"\ndockerfile = "Dockerfile"\nagents = ["codex"]\n', {}, "[codex] table required when codex is in `agents`"),
    ("no claude table", 'version = "v1alpha6"\ndockerfile = "Dockerfile"\n', {}, "[claude] table required"),
    ("gate opencode", 'version = "v1alpha2"\ndockerfile = "Dockerfile"\nagents = ["opencode"]\n[opencode]\n', {}, "needs manifest version v1alpha3"),
    ("gate kimi", 'version = "v1alpha3"\ndockerfile = "Dockerfile"\nagents = ["kimi"]\n[kimi]\n', {}, "needs manifest version v1alpha4"),
    ("gate providers", 'version = "v1alpha4"\ndockerfile = "Dockerfile"\n[claude.providers.zai]\nmodel = "glm"\n', {}, "needs manifest version v1alpha5"),
    ("gate docker", 'version = "v1alpha5"\ndockerfile = "Dockerfile"\n[claude]\n[docker]\ndind = "none"\n', {}, "needs manifest version v1alpha6"),
    ("env name", VALID + '[env."1BAD"]\ndefault = "x"\n', {}, "env var 1BAD: name must match"),
    ("env reserved", VALID + "[env.JACKIN_ROLE]\ndefault = 'x'\n", {}, "env var JACKIN_ROLE: reserved for jackin runtime"),
    ("env no default", VALID + "[env.A]\n", {}, "env var A: non-interactive variable must have a default value"),
    ("env options", VALID + "[env.A]\ndefault = 'x'\noptions = ['a']\n", {}, "env var A: options requires interactive = true"),
    ("env option placeholder", VALID + "[env.B]\ndefault='b'\n[env.A]\ninteractive = true\noptions = ['${env.B}']\n", {}, "options cannot contain interpolation"),
    ("env depends form", VALID + "[env.A]\ninteractive = true\ndepends_on = ['B']\n", {}, 'depends_on entry "B" must have the form env.NAME'),
    ("env depends self", VALID + "[env.A]\ninteractive = true\ndepends_on = ['env.A']\n", {}, "env var A: cannot depend on itself"),
    ("env depends dup", VALID + "[env.B]\ndefault='b'\n[env.A]\ninteractive = true\ndepends_on = ['env.B', 'env.B']\n", {}, "duplicate depends_on entry"),
    ("env depends undeclared", VALID + "[env.A]\ninteractive = true\ndepends_on = ['env.NOPE']\n", {}, 'depends on "env.NOPE", which is not declared'),
    ("env placeholder not in depends", VALID + "[env.B]\ndefault='b'\n[env.A]\ndefault = 'x-${env.B}'\n", {}, "${env.B} is used in prompt or default"),
    ("env cycle", VALID + "[env.A]\ninteractive = true\ndepends_on = ['env.B']\n[env.B]\ninteractive = true\ndepends_on = ['env.A']\n", {}, "env var dependency cycle detected: A -> B -> A"),
    ("hook absolute", VALID + "[hooks]\nsource = '/etc/x.sh'\n", {}, "hooks.source must be a path relative"),
    ("hook dotdot", VALID + "[hooks]\nsource = '../x.sh'\n", {}, "hooks.source must not contain `..`"),
    ("hook missing", VALID + "[hooks]\nsource = 'x.sh'\n", {}, "hooks.source does not exist"),
    ("hook empty", VALID + "[hooks]\npreflight = 'p.sh'\n", {"p.sh": "  \n"}, "hooks.preflight is empty: p.sh"),
    ("dockerfile missing", 'version = "v1alpha6"\ndockerfile = "docker/Dockerfile"\n[claude]\n', {}, "dockerfile does not exist"),
    ("no FROM", VALID, {"Dockerfile": "RUN true\n"}, "Dockerfile must contain at least one FROM instruction"),
    ("floating tag", VALID, {"Dockerfile": "FROM projectjackin/construct:trixie\n"}, "must be pinned to a version"),
    ("latest tag", VALID, {"Dockerfile": "FROM projectjackin/construct:latest\n"}, "must be pinned to a version"),
    ("untagged", VALID, {"Dockerfile": "FROM projectjackin/construct\n"}, "must be pinned to a version"),
    ("platform", VALID, {"Dockerfile": "FROM --platform=linux/amd64 projectjackin/construct:0.35-trixie\n"}, "must not use --platform"),
    ("other image", VALID, {"Dockerfile": "FROM projectjackin/construct:0.35-trixie AS base\nFROM debian:13\n"}, "final Dockerfile stage must use literal FROM projectjackin/construct"),
    ("bad provider id", 'version = "v1alpha6"\ndockerfile = "Dockerfile"\n[claude.providers.ZAI]\n', {}, "provider ids are lowercase"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("manifest", "files", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_rule(tmp_path: Path, manifest: str, files: dict[str, str], message: str) -> None:
    errors = _errors(_repo(tmp_path, manifest, files))
    assert any(message in e for e in errors), errors


def test_findings_point_at_the_right_line(tmp_path: Path) -> None:
    root = _repo(tmp_path, VALID + "\n[env.A]\ninteractive = false\n")
    report = validate_role(root, offline=True)
    (finding,) = report.errors
    assert (finding.file, finding.line) == (root / "jackin.role.toml", 6)
    github = format_report(report, "github").splitlines()[0]
    assert github.startswith(f"::error file={root / 'jackin.role.toml'},line=6::env var A:")


def test_dockerfile_finding_points_at_the_final_from(tmp_path: Path) -> None:
    root = _repo(
        tmp_path,
        VALID,
        {"Dockerfile": "# base\nFROM rust AS b\n\nFROM projectjackin/construct:trixie\n"},
    )
    (finding,) = validate_role(root, offline=True).errors
    assert (finding.file, finding.line) == (root / "Dockerfile", 4)


def test_symlinks_in_the_build_context(tmp_path: Path) -> None:
    root = _repo(tmp_path, VALID)
    (root / "link").symlink_to("Dockerfile")
    (finding,) = validate_role(root, offline=True).errors
    assert finding.file == root / "link"
    assert "symlinks" in finding.message


def test_warnings_do_not_invalidate(tmp_path: Path) -> None:
    manifest = (
        'version = "v1alpha6"\ndockerfile = "Dockerfile"\nagents = ["claude"]\n[claude]\n[codex]\n'
        "[env.A]\ndefault = 'x'\nprompt = 'ignored'\nskippable = true\n"
    )
    report = validate_role(_repo(tmp_path, manifest), offline=True)
    assert report.valid
    messages = [f.message for f in report.findings if f.severity is Severity.WARNING]
    assert "[codex] is configured but codex is not in `agents`; it is ignored" in messages
    assert "env var A: prompt is ignored without interactive = true" in messages
    assert "env var A: skippable is ignored without interactive = true" in messages


def test_unusable_path(tmp_path: Path) -> None:
    with pytest.raises(JackinError, match="does not exist"):
        validate_role(tmp_path / "nope")
    (tmp_path / "file").write_text("")
    with pytest.raises(JackinError, match="is not a directory"):
        validate_role(tmp_path / "file")


def test_agent_smith_snapshot_fails_only_on_the_floating_tag(tmp_path: Path) -> None:
    root = tmp_path / "agent-smith"
    shutil.copytree(FIXTURES / "agent-smith-snapshot", root)
    errors = _errors(root)
    assert len(errors) == 1
    assert "must be pinned to a version" in errors[0]
    result = migrate_role(root)
    assert (str(result.source), str(result.target)) == ("legacy", "v1alpha6")
    assert (root / "jackin.role.toml").read_text().startswith('version = "v1alpha6"\n')
    assert _errors(root) == errors  # the Dockerfile is reported, never rewritten
    (root / "Dockerfile").write_text(DOCKERFILE)
    assert _errors(root) == []


def test_the_architect_snapshot_is_renamed_and_migrated(tmp_path: Path) -> None:
    root = tmp_path / "the-architect"
    shutil.copytree(FIXTURES / "the-architect-snapshot", root)
    (legacy_error,) = _errors(root)
    assert "jackin.agent.toml is the old name" in legacy_error
    assert "jackin role migrate" in legacy_error
    result = migrate_role(root)
    assert result.renamed_from == root / "jackin.agent.toml"
    assert not result.renamed_with_git
    assert not (root / "jackin.agent.toml").exists()
    text = (root / "jackin.role.toml").read_text()
    assert text.startswith('version = "v1alpha6"\ndockerfile = "Dockerfile"\n')
    assert '"jackin-dev@jackin-marketplace",' in text  # formatting kept
    (root / "Dockerfile").write_text(DOCKERFILE)
    assert _errors(root) == []


def test_migrate_uses_git_mv_in_a_checkout(tmp_path: Path) -> None:
    import subprocess  # noqa: PLC0415

    root = tmp_path / "the-architect"
    shutil.copytree(FIXTURES / "the-architect-snapshot", root)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null"}
    for args in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "snapshot"],
    ):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)
    result = migrate_role(root)
    assert result.renamed_with_git
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    assert status.startswith("RM jackin.agent.toml -> jackin.role.toml")  # renamed, then restamped


def test_migrate_twice_is_a_no_op(tmp_path: Path) -> None:
    root = _repo(tmp_path, VALID)
    result = migrate_role(root)
    assert not result.changed
    assert (root / "jackin.role.toml").read_text() == VALID
