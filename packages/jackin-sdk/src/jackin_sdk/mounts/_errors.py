"""The errors mount rules raise."""

from __future__ import annotations

import json
from typing import Literal

from jackin_sdk.errors import CodedError, ErrorCode, JackinError, Location

__all__ = ["MountError", "MountPart", "MountPathError"]

MountPart = Literal["source", "destination"]


class MountError(JackinError):
    """A mount spec, mount list, workspace layout or global mount set breaks a rule."""


class MountPathError(MountError, CodedError):
    """E018: one mount's source or destination cannot be bound into the container.

    `reason` says what is wrong with `path` (the reference's wording where it has one),
    `hint` what to do. `origin` names where the mount came from when it was not a file
    (`--mount /a:/b`); a file's mount carries a `location` (file and field) instead.
    Build one without context where the rule is checked, and add the context with `at`
    where the caller knows it.
    """

    def __init__(
        self,
        part: MountPart,
        path: str,
        reason: str,
        *,
        hint: str | None = None,
        origin: str | None = None,
        location: Location | None = None,
    ) -> None:
        self.part: MountPart = part
        self.path = path
        self.reason = reason
        self.origin = origin
        detail = f"{origin}: {reason}" if origin else reason
        super().__init__(ErrorCode.E018, detail=detail, hint=hint, location=location)

    @property
    def field(self) -> str:
        """The key of the offending path in a mount table: `src` or `dst`."""
        return "src" if self.part == "source" else "dst"

    def at(
        self,
        *,
        origin: str | None = None,
        location: Location | None = None,
        hint: str | None = None,
    ) -> MountPathError:
        """This error with where the mount came from (a flag, or a file and field), and a
        hint for that place when the general one does not fit."""
        return MountPathError(
            self.part,
            self.path,
            self.reason,
            hint=hint or self.hint,
            origin=origin if origin is not None else self.origin,
            location=location if location is not None else self.location,
        )


def quoted(text: str) -> str:
    """`text` as a JSON string: control characters (a NUL, a newline) stay visible."""
    return json.dumps(text, ensure_ascii=False)
