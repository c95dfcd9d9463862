"""Validation reports as human text, JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
from pathlib import Path

from jackin_sdk.roles._findings import Finding, ValidationReport
from jackin_sdk.text import printable

__all__ = ["REPORT_FORMATS", "format_report"]

REPORT_FORMATS = ("human", "json", "github")


def _shown_path(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return printable(str(path.relative_to(Path.cwd())))
    except ValueError:
        return printable(str(path))


def _human_line(finding: Finding) -> str:
    where = _shown_path(finding.file)
    if where and finding.line:
        where += f":{finding.line}"
    return f"{finding.severity}: {where + ': ' if where else ''}{printable(finding.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(finding: Finding) -> str:
    properties = []
    if finding.file is not None:
        properties.append(f"file={_escape_property(_shown_path(finding.file))}")
    if finding.line:
        properties.append(f"line={finding.line}")
    head = f"::{finding.severity} {','.join(properties)}" if properties else f"::{finding.severity}"
    return f"{head}::{_escape_data(printable(finding.message))}"


def _summary(report: ValidationReport) -> str:
    root = printable(str(report.root))
    if report.valid:
        return f"Role repository is valid: {root}"
    return f"Role repository is invalid: {len(report.errors)} error(s) in {root}"


def format_report(report: ValidationReport, output_format: str) -> str:
    """The report in `human`, `json` or `github` form (no trailing newline).

    Messages and paths may quote the role's own text; every form is safe to print (see
    `jackin_sdk.text.printable`; JSON escapes control characters itself).
    """
    if output_format == "json":
        data = {
            "root": str(report.root),
            "valid": report.valid,
            "construct_version": report.construct_version,
            "findings": [
                {
                    "severity": f.severity.value,
                    "message": f.message,
                    "file": str(f.file) if f.file else None,
                    "line": f.line,
                    "field": f.field,
                }
                for f in report.findings
            ],
        }
        return json.dumps({"schema_version": "v1", "data": data}, indent=2)
    render = _github_line if output_format == "github" else _human_line
    return "\n".join([*(render(f) for f in report.findings), _summary(report)])
