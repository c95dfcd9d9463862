"""`jackin-role`: validate and maintain role repositories, in CI or on a desktop.

Standard-library argparse keeps `--help` fast (no typer import); every verb is a thin
wrapper over `jackin_sdk.roles`. Exit codes: 0 valid, 1 invalid or failed, 2 usage.
`jackin role …` runs this same parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["build_parser", "main", "run"]


def _print(text: str) -> None:
    """A line on stdout with control, format and bidi characters escaped: reports and
    manifest values quote the role repository, which is untrusted text."""
    from jackin_sdk.text import printable  # noqa: PLC0415

    print(printable(text, multiline=True))


def build_parser(prog: str = "jackin-role") -> argparse.ArgumentParser:
    """The argument parser of every verb."""
    from jackin_sdk._version import __version__  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog=prog, description="Validate and maintain jackin role repositories."
    )
    parser.add_argument("--version", "-V", action="version", version=f"jackin-role {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")

    def path_arg(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("path", nargs="?", default=".", help="role repository (default: .)")

    validate = verbs.add_parser("validate", help="check a role repository")
    path_arg(validate)
    validate.add_argument("--format", choices=["human", "json", "github"], default="human")
    validate.add_argument(
        "--offline", action="store_true", help="skip the Claude plugin marketplace fetches"
    )
    migrate = verbs.add_parser("migrate", help="rename/restamp the manifest to the current schema")
    path_arg(migrate)
    migrate.add_argument("--offline", action="store_true")
    create = verbs.add_parser("create", help="scaffold a new role repository")
    create.add_argument("role", help="role selector: name or namespace/name")
    create.add_argument(
        "projects_dir", nargs="?", help="default: $JACKIN_PROJECTS_DIR or ~/Projects"
    )
    create.add_argument("--offline", action="store_true")
    path_arg(verbs.add_parser("construct-version", help="print the pinned construct version"))
    path_arg(verbs.add_parser("published-image", help="print published_image"))
    path_arg(verbs.add_parser("published-image-repository", help="published_image without tag"))
    labels = verbs.add_parser("publish-labels", help="print label lines for a published image")
    labels.add_argument("--role-git-sha", required=True)
    path_arg(labels)
    return parser


def _validate(path: Path, output_format: str, *, offline: bool) -> int:
    from jackin_sdk.roles import format_report, validate_role  # noqa: PLC0415

    report = validate_role(path, offline=offline)
    _print(format_report(report, output_format))
    return 0 if report.valid else 1


def _migrate(path: Path, *, offline: bool) -> int:
    from jackin_sdk.roles import LEGACY_MANIFEST_FILE, MANIFEST_FILE, migrate_role  # noqa: PLC0415

    result = migrate_role(path)
    if result.renamed_from is not None:
        how = " (git mv)" if result.renamed_with_git else ""
        _print(f"Renamed {LEGACY_MANIFEST_FILE} -> {MANIFEST_FILE}{how}")
    if result.source != result.target:
        _print(f"Migrated manifest {result.source} -> {result.target}")
    else:
        _print("Manifest already at current version")
    return _validate(result.root, "human", offline=offline)


def _create(role: str, projects_dir: str | None, *, offline: bool) -> int:
    from jackin_sdk.roles import RoleSelector, projects_default, scaffold_role  # noqa: PLC0415

    target = Path(projects_dir).expanduser() if projects_dir else projects_default()
    created = scaffold_role(RoleSelector.parse(role), target)
    code = _validate(created, "human", offline=offline)
    _print(f"Created role repository: {created}")
    _print(f"Validate it with: jackin role validate {created}")
    return code


def _manifest_value(path: Path, verb: str, sha: str | None) -> int:
    from jackin_sdk.errors import JackinError  # noqa: PLC0415
    from jackin_sdk.roles import (  # noqa: PLC0415
        ValidationReport,
        image_repository,
        load_manifest,
        publish_labels,
        validate_role,
    )

    if verb in {"construct-version", "publish-labels"}:
        report = validate_role(path, offline=True)
        if report.construct_version is None:
            problems = "; ".join(f.message for f in report.errors) or "no construct version"
            raise JackinError(f"cannot read the construct version: {problems}")
        if verb == "construct-version":
            _print(report.construct_version)
        else:
            _print("\n".join(publish_labels(report.construct_version, sha or "")))
        return 0
    report = ValidationReport(root=path.resolve())
    manifest, _ = load_manifest(path.resolve(), report)
    if manifest is None:
        raise JackinError("; ".join(f.message for f in report.errors))
    if manifest.published_image is None:
        raise JackinError("no published_image declared in jackin.role.toml")
    image = manifest.published_image
    from jackin_sdk.text import printable  # noqa: PLC0415

    _print(printable(image if verb == "published-image" else image_repository(image)))
    return 0


def _dispatch(args: argparse.Namespace) -> int:
    path = Path(getattr(args, "path", "."))
    if args.verb == "validate":
        return _validate(path, args.format, offline=args.offline)
    if args.verb == "migrate":
        return _migrate(path, offline=args.offline)
    if args.verb == "create":
        return _create(args.role, args.projects_dir, offline=args.offline)
    return _manifest_value(path, args.verb, getattr(args, "role_git_sha", None))


def run(argv: Sequence[str], *, prog: str = "jackin-role") -> int:
    """Run with `argv` (no program name) and return the exit code."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    if args.verb is None:
        parser.print_help()
        return 0
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

    try:
        return _dispatch(args)
    except JackinError as exc:
        from jackin_sdk.text import printable  # noqa: PLC0415

        sys.stderr.write(f"error: {printable(str(exc), multiline=True)}\n")
        return exc.exit_code or 1


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
