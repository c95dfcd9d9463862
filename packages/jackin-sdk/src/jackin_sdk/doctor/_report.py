"""Results of host checks and their JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["JSON_SCHEMA_VERSION", "CheckResult", "CheckStatus", "DoctorReport", "json_envelope"]

JSON_SCHEMA_VERSION = "v1"


def json_envelope(data: object) -> dict[str, object]:
    """The `{"schema_version": "v1", "data": …}` envelope of every JSON output."""
    return {"schema_version": JSON_SCHEMA_VERSION, "data": data}


class CheckStatus(StrEnum):
    """Outcome of one check; only `fail` makes the human report exit non-zero."""

    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One named check: status, a one-line message, an optional hint and structured details."""

    name: str
    status: CheckStatus
    message: str
    hint: str | None = None
    details: Mapping[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The JSON object for this check (`details` only when there are some)."""
        data: dict[str, object] = {
            "name": self.name,
            "status": self.status.value,
            "message": self.message,
            "hint": self.hint,
        }
        if self.details:
            data["details"] = dict(self.details)
        return data


@dataclass(frozen=True, slots=True)
class DoctorReport:
    """Every check that ran, in order."""

    checks: tuple[CheckResult, ...]

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        """The checks whose status is `fail`."""
        return tuple(c for c in self.checks if c.status is CheckStatus.FAIL)

    def get(self, name: str) -> CheckResult:
        """The check called `name`; KeyError when it did not run."""
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(name)

    def to_json(self) -> dict[str, object]:
        """The `jackin doctor --format json` document."""
        return json_envelope([c.to_json() for c in self.checks])
