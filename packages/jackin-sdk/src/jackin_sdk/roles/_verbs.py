"""The role-authoring verbs behind `jackin-role …` and `jackin role …`.

Both front ends parse their own command line and call these functions, so a verb does
the same thing and prints the same lines from either. A verb returns its output lines
and exit code (0 valid, 1 invalid); a failure that leaves nothing to report raises
`JackinError`. None of them reads the operator config or needs a Docker engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.errors import JackinError

__all__ = [
    "RoleVerbOutput",
    "construct_version_verb",
    "create_verb",
    "migrate_verb",
    "publish_labels_verb",
    "published_image_verb",
    "schema_verb",
    "validate_verb",
]


@dataclass(frozen=True, slots=True)
class RoleVerbOutput:
    """What a verb prints on stdout and the exit code it ends with.

    Each entry of `lines` is one line of output. The lines quote the role repository,
    which is untrusted text: a front end escapes each one (a line break inside an entry
    included) before printing it.
    """

    lines: tuple[str, ...]
    exit_code: int = 0


def validate_verb(
    path: Path, output_format: str = "human", *, offline: bool = False
) -> RoleVerbOutput:
    """`validate`: the report in `output_format` (human, json, github); 1 when invalid."""
    from jackin_sdk.roles._report_format import format_report  # noqa: PLC0415
    from jackin_sdk.roles._validate import validate_role  # noqa: PLC0415

    report = validate_role(path, offline=offline)
    lines = tuple(format_report(report, output_format).split("\n"))
    return RoleVerbOutput(lines, 0 if report.valid else 1)


def migrate_verb(path: Path, *, offline: bool = False) -> RoleVerbOutput:
    """`migrate`: rename and restamp the manifest, then validate the result."""
    from jackin_sdk.roles._manifest import LEGACY_MANIFEST_FILE, MANIFEST_FILE  # noqa: PLC0415
    from jackin_sdk.roles._migrate import migrate_role  # noqa: PLC0415

    result = migrate_role(path)
    lines: list[str] = []
    if result.renamed_from is not None:
        how = " (git mv)" if result.renamed_with_git else ""
        lines.append(f"Renamed {LEGACY_MANIFEST_FILE} -> {MANIFEST_FILE}{how}")
    if result.source != result.target:
        lines.append(f"Migrated manifest {result.source} -> {result.target}")
    else:
        lines.append("Manifest already at current version")
    validated = validate_verb(result.root, offline=offline)
    return RoleVerbOutput((*lines, *validated.lines), validated.exit_code)


def create_verb(
    selector: str, projects_dir: str | None = None, *, offline: bool = False
) -> RoleVerbOutput:
    """`create`: scaffold `[ns/]jackin-<name>` under `projects_dir` and validate it."""
    from jackin_sdk.roles import RoleSelector  # noqa: PLC0415 - wherever it lives
    from jackin_sdk.roles._scaffold import projects_default, scaffold_role  # noqa: PLC0415

    target = Path(projects_dir).expanduser() if projects_dir else projects_default()
    created = scaffold_role(RoleSelector.parse(selector), target)
    validated = validate_verb(created, offline=offline)
    lines = (
        *validated.lines,
        f"Created role repository: {created}",
        f"Validate it with: jackin role validate {created}",
    )
    return RoleVerbOutput(lines, validated.exit_code)


def _construct_version(path: Path) -> str:
    from jackin_sdk.roles._validate import validate_role  # noqa: PLC0415

    report = validate_role(path, offline=True)
    if report.construct_version is None:
        problems = "; ".join(f.message for f in report.errors) or "no construct version"
        raise JackinError(f"cannot read the construct version: {problems}")
    return report.construct_version


def construct_version_verb(path: Path) -> RoleVerbOutput:
    """`construct-version`: the construct version the role's Dockerfile pins."""
    return RoleVerbOutput((_construct_version(path),))


def publish_labels_verb(path: Path, role_git_sha: str) -> RoleVerbOutput:
    """`publish-labels`: the `key=value` labels of the role's published image."""
    from jackin_sdk.roles._published import publish_labels  # noqa: PLC0415

    return RoleVerbOutput(tuple(publish_labels(_construct_version(path), role_git_sha)))


def published_image_verb(path: Path, *, repository: bool = False) -> RoleVerbOutput:
    """`published-image` (with `repository`: `published-image-repository`, no tag)."""
    from jackin_sdk.roles._findings import ValidationReport  # noqa: PLC0415
    from jackin_sdk.roles._published import image_repository  # noqa: PLC0415
    from jackin_sdk.roles._validate import load_manifest  # noqa: PLC0415

    report = ValidationReport(root=path.resolve())
    manifest, _ = load_manifest(path.resolve(), report)
    if manifest is None:
        raise JackinError("; ".join(f.message for f in report.errors))
    if manifest.published_image is None:
        raise JackinError("no published_image declared in jackin.role.toml")
    image = manifest.published_image
    return RoleVerbOutput((image_repository(image) if repository else image,))


def schema_verb() -> RoleVerbOutput:
    """`schema`: the JSON Schema of `jackin.role.toml`, as published in `schemas/`."""
    import json  # noqa: PLC0415

    from jackin_sdk.roles._manifest import manifest_json_schema  # noqa: PLC0415

    text = json.dumps(manifest_json_schema(), indent=2, ensure_ascii=False)
    return RoleVerbOutput(tuple(text.split("\n")))
