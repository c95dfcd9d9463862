"""Validation findings: errors and warnings pointing at a file, line and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

__all__ = ["Finding", "Severity", "ValidationReport"]


class Severity(StrEnum):
    """Errors make a role invalid; warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a role repository."""

    severity: Severity
    message: str
    file: Path | None = None
    line: int | None = None
    field: str | None = None

    def location(self) -> str:
        """`file:line` (or just the file) for messages."""
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else str(self.file)


@dataclass(slots=True)
class ValidationReport:
    """Everything validation found, plus what it learned (the construct version)."""

    root: Path
    findings: list[Finding] = field(default_factory=list)
    construct_version: str | None = None

    @property
    def errors(self) -> list[Finding]:
        """The findings that make the role invalid."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings that do not."""
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        """No errors."""
        return not self.errors

    def error(
        self,
        message: str,
        *,
        file: Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        """Record an error."""
        self.findings.append(Finding(Severity.ERROR, message, file, line, field))

    def warn(
        self,
        message: str,
        *,
        file: Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        """Record a warning."""
        self.findings.append(Finding(Severity.WARNING, message, file, line, field))

    def extend(self, findings: Iterable[Finding]) -> None:
        """Add findings from another check."""
        self.findings.extend(findings)
