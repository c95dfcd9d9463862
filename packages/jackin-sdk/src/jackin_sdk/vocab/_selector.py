"""Role selectors: `name` or `namespace/name` (upstream-config.md §4.6)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jackin_sdk.errors import UsageError

__all__ = ["RoleSelector"]

_SEGMENT = re.compile(r"[a-z0-9-]+")


@dataclass(frozen=True, slots=True)
class RoleSelector:
    """A parsed selector. `key` is how config files name the role."""

    name: str
    namespace: str | None = None

    @classmethod
    def parse(cls, text: str) -> RoleSelector:
        """Parse (lowercased); raise UsageError with the reference's messages."""
        lowered = text.strip().lower()
        if not lowered:
            raise UsageError("selector cannot be empty")
        parts = lowered.split("/")
        if len(parts) > 2 or not all(_SEGMENT.fullmatch(p) for p in parts):
            raise UsageError(
                f"invalid selector: {text} (use `name` or `namespace/name` with a-z, 0-9 and -)"
            )
        if len(parts) == 1:
            if lowered.startswith("jk-"):
                raise UsageError(
                    f"invalid selector: {text} (`jk-` is the container-name prefix; pass the "
                    "role name instead)"
                )
            return cls(name=lowered)
        return cls(name=parts[1], namespace=parts[0])

    @property
    def key(self) -> str:
        """`name` or `ns/name`."""
        return self.name if self.namespace is None else f"{self.namespace}/{self.name}"

    @property
    def slug(self) -> str:
        """`name` or `ns_name`, for image tags and lock files."""
        return self.name if self.namespace is None else f"{self.namespace}_{self.name}"

    @property
    def compact(self) -> str:
        """The name with only lowercase alphanumerics, as used in container names."""
        return re.sub(r"[^a-z0-9]", "", self.name)

    def __str__(self) -> str:
        return self.key
