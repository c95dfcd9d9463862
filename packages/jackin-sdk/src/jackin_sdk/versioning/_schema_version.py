"""Schema version stamps: `legacy < v1alpha1 < … < v1beta1 < v1 < v2alpha1` (config §5)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar

from jackin_sdk.errors import JackinError

__all__ = ["SchemaVersion", "SchemaVersionError", "Stage"]

_GRAMMAR = re.compile(r"v(?P<major>[1-9][0-9]*)(?:(?P<stage>alpha|beta)(?P<seq>[1-9][0-9]*))?")


class SchemaVersionError(JackinError):
    """A `version` value that is not a string in the version grammar."""


class Stage(IntEnum):
    """Release stage; orders before the sequence number."""

    ALPHA = 0
    BETA = 1
    STABLE = 2


@dataclass(frozen=True, order=True, slots=True)
class SchemaVersion:
    """A parsed version stamp. `legacy` (no `version` key) sorts before everything."""

    major: int
    stage: Stage
    seq: int

    LEGACY: ClassVar[SchemaVersion]

    @classmethod
    def parse(cls, text: str) -> SchemaVersion:
        """Parse `v<major>`, `v<major>alpha<n>`, `v<major>beta<n>` or `legacy`."""
        if text == "legacy":
            return cls.LEGACY
        match = _GRAMMAR.fullmatch(text)
        if match is None:
            raise SchemaVersionError(
                f"invalid schema version {text!r}: expected v<major>, v<major>alpha<n> or "
                "v<major>beta<n> (for example v1alpha9), with no leading zeros"
            )
        stage_text = match["stage"]
        if stage_text is None:
            return cls(int(match["major"]), Stage.STABLE, 0)
        stage = Stage.ALPHA if stage_text == "alpha" else Stage.BETA
        return cls(int(match["major"]), stage, int(match["seq"]))

    @classmethod
    def from_document(cls, value: object) -> SchemaVersion:
        """Read a document's `version` value: absent (`None`) is legacy, non-strings fail."""
        if value is None:
            return cls.LEGACY
        if not isinstance(value, str):
            raise SchemaVersionError(
                f'`version` must be a string like "v1alpha9", got {type(value).__name__} {value!r}'
            )
        return cls.parse(value)

    @property
    def is_legacy(self) -> bool:
        """Whether this is the implicit version of a file without a `version` key."""
        return self.major == 0

    def __str__(self) -> str:
        if self.is_legacy:
            return "legacy"
        if self.stage is Stage.STABLE:
            return f"v{self.major}"
        return f"v{self.major}{self.stage.name.lower()}{self.seq}"


SchemaVersion.LEGACY = SchemaVersion(0, Stage.ALPHA, 0)
