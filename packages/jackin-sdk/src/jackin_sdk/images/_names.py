"""Image names (spec runtime §1.3): one derived image per role (and branch), all agents in it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from jackin_sdk.roles import CONSTRUCT_REPOSITORY, RoleSelector

__all__ = [
    "CONSTRUCT_IMAGE_ENV",
    "DEFAULT_CONSTRUCT_IMAGE",
    "ImageNames",
    "construct_image",
    "short_sha",
]

CONSTRUCT_IMAGE_ENV = "JACKIN_CONSTRUCT_IMAGE"
DEFAULT_CONSTRUCT_IMAGE = f"{CONSTRUCT_REPOSITORY}:trixie"
_HEX = re.compile(r"[0-9a-f]+")


def short_sha(sha: str | None) -> str | None:
    """The first 7 characters of a commit id, or None when it is unknown or not hex."""
    if not sha:
        return None
    lowered = sha.strip().lower()
    return lowered[:7] if _HEX.fullmatch(lowered) and len(lowered) >= 7 else None


def construct_image(env: Mapping[str, str] | None = None) -> str:
    """`$JACKIN_CONSTRUCT_IMAGE` (`jackin_sdk.settings`), or the default construct."""
    from jackin_sdk.settings import JackinSettings  # noqa: PLC0415 - only where it is read

    return JackinSettings.read(env).construct_image or DEFAULT_CONSTRUCT_IMAGE


@dataclass(frozen=True, slots=True)
class ImageNames:
    """`jk_<slug>[_<branch>]:<sha7>` and its role base `jk_<slug>[_<branch>]__base:<sha7>`."""

    repository: str
    tag: str | None

    @classmethod
    def for_role(
        cls, selector: RoleSelector, *, commit: str | None, branch: str | None = None
    ) -> ImageNames:
        """Names for `selector` at `commit` (the tag is dropped when the commit is unknown)."""
        repository = f"jk_{selector.slug}"
        if branch:
            repository += "_" + re.sub(r"[^a-z0-9_.-]", "-", branch.lower().replace("/", "-"))
        return cls(repository, short_sha(commit))

    def _with_tag(self, repository: str) -> str:
        return f"{repository}:{self.tag}" if self.tag else f"{repository}:latest"

    @property
    def derived(self) -> str:
        """The image containers run."""
        return self._with_tag(self.repository)

    @property
    def base(self) -> str:
        """The role's own image, built from its Dockerfile."""
        return self._with_tag(f"{self.repository}__base")
