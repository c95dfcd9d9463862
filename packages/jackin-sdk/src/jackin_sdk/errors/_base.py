"""The jackin exception tree.

    JackinError                 every failure jackin reports (exit 1 unless noted)
    ├── CodedError              user-fixable, carries an ErrorCode (E001–E017)
    │   └── DockerUnavailable   E001: the Docker daemon cannot be reached
    ├── UsageError              the caller asked for something malformed (exit 2)
    ├── Cancelled               the operator cancelled a prompt (exit 0)
    ├── LockTimeout             another jackin process holds a lock
    ├── SchemaVersionError      a `version` value that is not in the grammar
    └── CommandError            an external command failed, timed out or is missing

Third-party exceptions (docker-py, tomlkit) are mapped into this tree at the
SDK boundary; callers never need to catch them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.errors._catalogue import ErrorCode

__all__ = [
    "Cancelled",
    "CodedError",
    "DockerUnavailable",
    "JackinError",
    "Location",
    "UsageError",
]


@dataclass(frozen=True, slots=True)
class Location:
    """Where in the operator's files a problem is: file, line/column and dotted field."""

    file: Path | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.field:
            parts.append(f"field `{self.field}`")
        return ", ".join(parts)


class JackinError(Exception):
    """Root of every error jackin reports to an operator."""

    exit_code: int = 1

    def __init__(self, message: str, *, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is not None and str(self.location):
            return f"{self.location}: {self.message}"
        return self.message


class CodedError(JackinError):
    """A user-fixable error with a catalogue code, a hint and optional detail."""

    def __init__(
        self,
        code: ErrorCode,
        *,
        detail: str | None = None,
        hint: str | None = None,
        location: Location | None = None,
    ) -> None:
        super().__init__(code.headline, location=location)
        self.code = code
        self.hint = hint or code.hint
        self.detail = detail

    def __str__(self) -> str:
        text = f"[{self.code.name}] {self.code.headline}"
        if self.location is not None and str(self.location):
            text += f" ({self.location})"
        if self.detail:
            text += f": {self.detail}"
        return text


class DockerUnavailable(CodedError):
    """E001: the Docker daemon could not be reached; `detail` names the endpoint tried."""

    def __init__(self, endpoint: str, reason: str) -> None:
        super().__init__(
            ErrorCode.E001,
            detail=(
                f"Tried {endpoint}: {reason}\n"
                "Run `jackin doctor` to see all pre-flight check results."
            ),
        )
        self.endpoint = endpoint
        self.reason = reason


class UsageError(JackinError):
    """The request itself is malformed (bad flag value, conflicting options)."""

    exit_code = 2


class Cancelled(JackinError):
    """The operator cancelled an interactive step; not a failure."""

    exit_code = 0

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)
