"""`validate_role`: everything `jackin role validate` checks in a role repository."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jackin_sdk._toml_locate import locate_field
from jackin_sdk.config import parse_document
from jackin_sdk.errors import JackinError
from jackin_sdk.fs import UnreadableFile, read_bounded_text
from jackin_sdk.migrations import MigrationError, document_version
from jackin_sdk.roles._dockerfile import construct_problem, final_from
from jackin_sdk.roles._env_decls import env_problems, env_warnings
from jackin_sdk.roles._findings import ValidationReport
from jackin_sdk.roles._manifest import (
    LEGACY_MANIFEST_FILE,
    MANIFEST_FILE,
    MANIFEST_VERSION,
    RoleManifest,
)
from jackin_sdk.tables import TableError, validate_table
from jackin_sdk.text import printable, unprintable_fields
from jackin_sdk.versioning import SchemaVersion
from jackin_sdk.vocab import Agent

__all__ = ["load_manifest", "validate_role"]

_GATES = (
    ("v1alpha3", "OpenCode (`opencode` in agents or an [opencode] table)"),
    ("v1alpha4", "Kimi (`kimi` in agents or a [kimi] table)"),
    ("v1alpha5", "provider tables ([<agent>.providers.<id>])"),
    ("v1alpha6", "the [docker] table"),
)


def _root(path: Path) -> Path:
    if not path.exists():
        raise JackinError(f"{path} does not exist")
    if not path.is_dir():
        raise JackinError(f"{path} is not a directory")
    return path.resolve()


def load_manifest(root: Path, report: ValidationReport) -> tuple[RoleManifest | None, str]:
    """Parse the manifest into `report`; returns the model (None on errors) and its text."""
    file = root / MANIFEST_FILE
    if not os.path.lexists(file):
        legacy = root / LEGACY_MANIFEST_FILE
        if legacy.is_file():
            report.error(
                f"{LEGACY_MANIFEST_FILE} is the old name of the manifest; run "
                f'"jackin role migrate {root}" to rename it to {MANIFEST_FILE} and migrate it',
                file=legacy,
            )
        else:
            report.error(f"missing {file}", file=file)
        return None, ""
    try:
        text = read_bounded_text(file)
    except UnreadableFile as exc:
        line = exc.location.line if exc.location else None
        hint = exc.hint[:1].lower() + exc.hint[1:]
        report.error(f"{exc.message}; {hint}", file=file, line=line)
        return None, ""
    try:
        document = parse_document(text, file=file)
        version = document_version(document, file=file)
    except (JackinError, MigrationError) as exc:
        line = exc.location.line if exc.location else None
        report.error(exc.message, file=file, line=line)
        return None, text
    if version > MANIFEST_VERSION:
        report.error(
            f"[E005] manifest declares version {version}; this jackin supports up to "
            f"{MANIFEST_VERSION}. Upgrade jackin, or pin the role to a compatible version",
            file=file,
            line=locate_field(text, ["version"]),
            field="version",
        )
        return None, text
    try:
        return validate_table(RoleManifest, document.unwrap()), text
    except TableError as exc:
        for issue in exc.issues:
            path = [str(p) for p in issue.loc if not isinstance(p, int)]
            message = issue.message
            if issue.kind == "extra":
                message = "unknown key (check its spelling, or remove it)"
            dotted = ".".join(path)
            report.error(
                f"`{dotted}`: {message}",
                file=file,
                line=locate_field(text, path),
                field=dotted,
            )
        return None, text


def _gated(manifest: RoleManifest) -> dict[str, bool]:
    agents = manifest.effective_agents
    providers = any(
        getattr(table, "providers", None)
        for table in (manifest.claude, manifest.codex, manifest.opencode)
    )
    return {
        "v1alpha3": Agent.OPENCODE in agents or manifest.opencode is not None,
        "v1alpha4": Agent.KIMI in agents or manifest.kimi is not None,
        "v1alpha5": bool(providers),
        "v1alpha6": manifest.docker is not None,
    }


def _check_gates(manifest: RoleManifest, root: Path, report: ValidationReport, text: str) -> None:
    version = SchemaVersion.from_document(manifest.version)
    used = _gated(manifest)
    for needed, feature in _GATES:
        if used[needed] and version < SchemaVersion.parse(needed):
            report.error(
                f"{feature} needs manifest version {needed} or newer (this manifest is "
                f'{version}); run "jackin role migrate {root}"',
                file=root / MANIFEST_FILE,
                line=locate_field(text, ["version"]),
                field="version",
            )


def _check_text(manifest: RoleManifest, root: Path, report: ValidationReport, text: str) -> None:
    """Every string of the manifest is printed somewhere (the name in progress, paths and
    plugins in messages): none may carry a control, format or bidi character (E017)."""
    file = root / MANIFEST_FILE
    for path, bad in unprintable_fields(manifest.model_dump(mode="json")):
        dotted = printable(".".join(path))
        report.error(
            f"[E017] `{dotted}` contains {bad}, a control or formatting character; "
            "manifest text must be plain (no escape sequences, newlines or bidi overrides)",
            file=file,
            line=locate_field(text, path),
            field=dotted,
        )


def _check_agents(manifest: RoleManifest, root: Path, report: ValidationReport, text: str) -> None:
    file = root / MANIFEST_FILE
    if manifest.agents is not None and not manifest.agents:
        report.error("`agents` must not be empty", file=file, line=locate_field(text, ["agents"]))
        return
    agents = manifest.effective_agents
    for agent in agents:
        if manifest.agent_table(agent) is None:
            report.error(
                f"[{agent}] table required when {agent} is in `agents`"
                + ("" if manifest.agents is not None else ' (`agents` defaults to ["claude"])'),
                file=file,
                line=locate_field(text, ["agents"]),
            )
    if manifest.agents is not None:
        for agent in Agent:
            if agent not in agents and manifest.agent_table(agent) is not None:
                report.warn(
                    f"[{agent}] is configured but {agent} is not in `agents`; it is ignored",
                    file=file,
                    line=locate_field(text, [agent.value]),
                )
    for agent in (Agent.CLAUDE, Agent.CODEX, Agent.OPENCODE):
        table = manifest.agent_table(agent)
        for provider in getattr(table, "providers", {}) or {}:
            if not provider or not all(c.islower() or c.isdigit() or c == "-" for c in provider):
                report.error(
                    f"[{agent}.providers.{provider}]: provider ids are lowercase "
                    "(anthropic, openai, zai, minimax, kimi)",
                    file=file,
                    line=locate_field(text, [agent.value, "providers", provider]),
                )


def _check_repo_path(
    root: Path, value: str, *, label: str, report: ValidationReport, text: str, field: list[str]
) -> Path | None:
    file = root / MANIFEST_FILE
    line = locate_field(text, field)
    relative = Path(value)
    problem = None
    if relative.is_absolute():
        problem = "must be a path relative to the role repository, not absolute"
    elif any(part in {"..", ""} for part in relative.parts) or not relative.parts:
        problem = "must not contain `..`"
    else:
        target = root / relative
        if target.is_symlink():
            problem = "must not be a symlink"
        elif not target.exists() or target.is_dir():  # a FIFO passes: `_read_repo_file`
            problem = "does not exist (or is not a regular file)"  # names what it is
        elif not target.resolve().is_relative_to(root):
            problem = "must stay inside the role repository"
        else:
            return target
    report.error(f"{label} {problem}: {value}", file=file, line=line, field=".".join(field))
    return None


def _read_repo_file(target: Path, label: str, report: ValidationReport) -> str | None:
    """The text of a file the manifest names, read bounded (`MAX_TEXT_FILE_BYTES`, UTF-8,
    regular files only, never blocking on a FIFO); None after an E004 finding naming it."""
    try:
        return read_bounded_text(target)
    except UnreadableFile as exc:
        line = exc.location.line if exc.location else None
        hint = exc.hint.split(" (")[0]  # drop "(a symlink to one is fine)": not in a role
        hint = hint[:1].lower() + hint[1:]
        report.error(f"[E004] {label} {exc.message}; {hint}", file=target, line=line)
        return None


def _check_hooks(manifest: RoleManifest, root: Path, report: ValidationReport, text: str) -> None:
    if manifest.hooks is None:
        return
    for name in ("setup_once", "source", "preflight"):
        value = getattr(manifest.hooks, name)
        if value is None:
            continue
        label = f"hooks.{name}"
        target = _check_repo_path(
            root, value, label=label, report=report, text=text, field=["hooks", name]
        )
        if target is None:
            continue
        content = _read_repo_file(target, label, report)
        if content is not None and not content.strip():
            report.error(
                f"{label} is empty: {value}",
                file=root / MANIFEST_FILE,
                line=locate_field(text, ["hooks", name]),
            )


def _check_dockerfile(
    manifest: RoleManifest, root: Path, report: ValidationReport, text: str
) -> None:
    target = _check_repo_path(
        root,
        manifest.dockerfile,
        label="dockerfile",
        report=report,
        text=text,
        field=["dockerfile"],
    )
    if target is None:
        return
    content = _read_repo_file(target, "dockerfile", report)
    if content is None:
        return
    line = final_from(content)
    if line is None:
        report.error("Dockerfile must contain at least one FROM instruction", file=target)
        return
    problem, version = construct_problem(line)
    if problem:
        report.error(problem, file=target, line=line.line)
    report.construct_version = version


def _check_symlinks(root: Path, report: ValidationReport) -> None:
    links = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in [*dirs, *files]:
            path = Path(directory) / name
            if path.is_symlink():
                links.append(path)
    for link in sorted(links):
        report.error(
            "the build context must not contain symlinks (copy the file instead)", file=link
        )


def _check_env(manifest: RoleManifest, root: Path, report: ValidationReport, text: str) -> None:
    file = root / MANIFEST_FILE
    for name, message in env_problems(manifest.env):
        line = locate_field(text, ["env", name]) if name else None
        report.error(message, file=file, line=line, field=f"env.{name}" if name else "env")
    for name, message in env_warnings(manifest.env):
        report.warn(message, file=file, line=locate_field(text, ["env", name]))


def _check_marketplaces(
    manifest: RoleManifest, root: Path, report: ValidationReport, text: str, options: dict[str, Any]
) -> None:
    if manifest.claude is None or not (manifest.claude.plugins or manifest.claude.marketplaces):
        return
    from jackin_sdk.roles._marketplace import MarketplaceSource, check_marketplaces  # noqa: PLC0415

    sources = [MarketplaceSource(m.source, tuple(m.sparse)) for m in manifest.claude.marketplaces]
    report.extend(
        check_marketplaces(
            manifest.claude.plugins,
            sources,
            manifest_file=root / MANIFEST_FILE,
            text=text,
            **options,
        )
    )


def validate_role(path: Path, *, offline: bool = False, **marketplace: Any) -> ValidationReport:
    """Validate the role repository at `path` (manifest, Dockerfile, hooks, env, plugins).

    Problems are findings in the report, never exceptions; only an unusable `path`
    raises. `offline=True` skips the network check of Claude plugin marketplaces.
    """
    root = _root(path)
    report = ValidationReport(root=root)
    manifest, text = load_manifest(root, report)
    if manifest is None:
        return report
    _check_text(manifest, root, report, text)
    _check_gates(manifest, root, report, text)
    _check_agents(manifest, root, report, text)
    _check_env(manifest, root, report, text)
    _check_hooks(manifest, root, report, text)
    _check_dockerfile(manifest, root, report, text)
    _check_symlinks(root, report)
    _check_marketplaces(manifest, root, report, text, {"offline": offline, **marketplace})
    return report
