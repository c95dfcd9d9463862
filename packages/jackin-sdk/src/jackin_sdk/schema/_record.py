"""`Record`: the base of every typed table, and the constraints a field may carry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar, Literal, dataclass_transform

__all__ = ["AtLeast", "Extra", "Matches", "Record"]

Extra = Literal["forbid", "ignore"]


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
class Record:
    """A table: subclasses become keyword-only dataclasses.

    `extra="forbid"` (the default) rejects unknown keys; `extra="ignore"` drops them (the
    file keeps them, since edits go through the format-preserving document). A subclass
    inherits its first base's setting. `frozen=True` makes instances hashable.
    """

    __extra__: ClassVar[Extra] = "forbid"

    def __init_subclass__(cls, *, extra: Extra | None = None, frozen: bool = False) -> None:
        super().__init_subclass__()
        if extra is not None:
            cls.__extra__ = extra
        dataclass(kw_only=True, frozen=frozen)(cls)


@dataclass(frozen=True, slots=True)
class AtLeast:
    """`Annotated[int, AtLeast(0)]`: the smallest value allowed."""

    minimum: int

    def problem(self, value: object) -> str | None:
        """Why `value` breaks the constraint, or None."""
        assert isinstance(value, int | float)
        return None if value >= self.minimum else f"must be at least {self.minimum}"


@dataclass(frozen=True, slots=True)
class Matches:
    """`Annotated[str, Matches(r"^op://")]`: a pattern the string must match."""

    pattern: str

    def problem(self, value: object) -> str | None:
        """Why `value` breaks the constraint, or None."""
        assert isinstance(value, str)
        return None if re.search(self.pattern, value) else f"must match {self.pattern}"
