"""The image recipe: what a derived image was built from, and when to rebuild it (§3.4–3.5).

The recipe is hashed into the `jackin.image.recipe.hash` label. An existing image is
reused only when its recipe version and hash match; otherwise a diagnostic label names
the precise reason. Our recipe differs from the reference's (`v9`): it also covers the
manifest's bytes, the role base image's id and the whole overlay context, so an
uncommitted role edit or a rebuilt base is never missed (see docs/decisions.md). `py2`
adds the agents' install sources: a registry agent's package and integrity are in the
hash, its version in a `jackin.agent.<slug>.version` label, so a new pin rebuilds with
the reason `agent_version_changed` and the same pin reuses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum

__all__ = [
    "HOST_IDENTITY_STRATEGY",
    "LABEL_RECIPE_HASH",
    "LABEL_RECIPE_VERSION",
    "RECIPE_VERSION",
    "ImageDecision",
    "ImageRecipe",
    "RebuildReason",
    "decide_image",
]

RECIPE_VERSION = "py2"
HOST_IDENTITY_STRATEGY = "host-uid-owned-runtime-home-v1"
LABEL_RECIPE_VERSION = "jackin.image.recipe.version"
LABEL_RECIPE_HASH = "jackin.image.recipe.hash"
AGENT_LABEL_PREFIX = "jackin.agent."


class RebuildReason(StrEnum):
    """Why an image is (re)built; the reference's reason strings plus our three."""

    EXPLICIT_REBUILD = "explicit_rebuild"
    LOCAL_IMAGE_MISSING = "local_image_missing"
    MISSING_RECIPE_LABEL = "missing_recipe_label"
    RECIPE_VERSION_CHANGED = "recipe_version_changed"
    RECIPE_HASH_CHANGED = "recipe_hash_changed"
    ROLE_GIT_SHA_CHANGED = "role_git_sha_changed"
    MANIFEST_VERSION_CHANGED = "manifest_version_changed"
    MANIFEST_CHANGED = "manifest_changed"
    CONSTRUCT_IMAGE_CHANGED = "construct_image_changed"
    CAPSULE_VERSION_CHANGED = "capsule_version_changed"
    HOST_UID_CHANGED = "host_uid_changed"
    BASE_IMAGE_CHANGED = "base_image_changed"
    AGENT_VERSION_CHANGED = "agent_version_changed"


@dataclass(frozen=True, slots=True)
class ImageRecipe:
    """Everything a derived image depends on; field order is part of the hash."""

    manifest_version: str
    manifest_hash: str
    role_git_sha: str
    role_source_ref: str | None
    base_image: str
    base_image_id: str
    construct_image: str
    context_hash: str
    supported_agents: tuple[str, ...]
    capsule_version: str
    hooks_hash: str
    plugin_recipe_hash: str
    host_uid: int | None
    version: str = RECIPE_VERSION
    host_identity_strategy: str = HOST_IDENTITY_STRATEGY
    agent_sources: tuple[str, ...] = ()
    """`<slug>=installer` or `<slug>=registry:<package spec>:<integrity>`, sorted."""
    agent_versions: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """`(slug, version)` of each registry agent: labels only (the hash has the spec)."""

    @property
    def hash(self) -> str:
        """sha256 (hex) of the compact JSON of the fields, in order."""
        fields = asdict(self)
        fields.pop("agent_versions")
        ordered = {"version": fields.pop("version"), **fields}
        ordered["supported_agents"] = list(self.supported_agents)
        ordered["agent_sources"] = list(self.agent_sources)
        text = json.dumps(ordered, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def diagnostic_labels(self) -> dict[str, str]:
        """Labels that let a later launch name the reason for a rebuild."""
        return {
            "jackin.role.git.sha": self.role_git_sha,
            "jackin.manifest.version": self.manifest_version,
            "jackin.manifest.hash": self.manifest_hash,
            "jackin.construct.image": self.construct_image,
            "jackin.capsule.version": self.capsule_version,
            "jackin.host.uid": "" if self.host_uid is None else str(self.host_uid),
            "jackin.base.image.id": self.base_image_id,
            **self.agent_labels(),
        }

    def agent_labels(self) -> dict[str, str]:
        """`jackin.agent.<slug>.version`: the registry version, or `installer`."""
        versions = dict(self.agent_versions)
        return {
            f"{AGENT_LABEL_PREFIX}{slug}.version": versions.get(slug, "installer")
            for slug in self.supported_agents
        }

    def labels(self) -> dict[str, str]:
        """Every label the derived image carries (empty values are left out)."""
        labels = {LABEL_RECIPE_VERSION: self.version, LABEL_RECIPE_HASH: self.hash}
        labels.update(self.diagnostic_labels())
        return {key: value for key, value in labels.items() if value}


_DIAGNOSTICS: tuple[tuple[str, RebuildReason, str], ...] = (
    ("jackin.role.git.sha", RebuildReason.ROLE_GIT_SHA_CHANGED, "the role's commit"),
    (
        "jackin.manifest.version",
        RebuildReason.MANIFEST_VERSION_CHANGED,
        "the manifest schema version",
    ),
    ("jackin.manifest.hash", RebuildReason.MANIFEST_CHANGED, "jackin.role.toml"),
    ("jackin.construct.image", RebuildReason.CONSTRUCT_IMAGE_CHANGED, "the construct image"),
    ("jackin.capsule.version", RebuildReason.CAPSULE_VERSION_CHANGED, "the jackin-capsule version"),
    ("jackin.host.uid", RebuildReason.HOST_UID_CHANGED, "the host UID"),
    ("jackin.base.image.id", RebuildReason.BASE_IMAGE_CHANGED, "the role's base image"),
)


@dataclass(frozen=True, slots=True)
class ImageDecision:
    """Reuse the image, or build it for `reason` (`detail` says it in words)."""

    image: str
    reason: RebuildReason | None
    detail: str

    @property
    def reuse(self) -> bool:
        """Whether the existing image is used as it is."""
        return self.reason is None

    def __str__(self) -> str:
        if self.reuse:
            return f"reusing {self.image}: {self.detail}"
        return f"building {self.image} ({self.reason}): {self.detail}"


def _short(value: str) -> str:
    if value.startswith("sha256:"):
        return value[7:19]
    return value if len(value) <= 40 else value[:12] + "…"


def _mismatch(existing: Mapping[str, str], recipe: ImageRecipe) -> tuple[RebuildReason, str] | None:
    """Why an existing image's labels do not match `recipe`, or None when they do."""
    version = existing.get(LABEL_RECIPE_VERSION)
    if version is None:
        return (
            RebuildReason.MISSING_RECIPE_LABEL,
            "the image carries no recipe label (built by something else)",
        )
    if version != recipe.version:
        return (
            RebuildReason.RECIPE_VERSION_CHANGED,
            f"built with recipe {version}, this jackin uses {recipe.version}",
        )
    expected = recipe.diagnostic_labels()
    for label, reason, what in _DIAGNOSTICS:
        old, new = existing.get(label, ""), expected[label]
        if old != new:
            return reason, f"{what} changed ({_short(old) or 'none'} → {_short(new) or 'none'})"
    for label, new in recipe.agent_labels().items():
        old = existing.get(label, "")
        if old != new:
            slug = label.removeprefix(AGENT_LABEL_PREFIX).removesuffix(".version")
            return (
                RebuildReason.AGENT_VERSION_CHANGED,
                f"{slug} changed ({old or 'none'} → {new})",
            )
    if existing.get(LABEL_RECIPE_HASH) != recipe.hash:
        return (
            RebuildReason.RECIPE_HASH_CHANGED,
            "the runtime overlay changed (hooks, plugins, agents or jackin's payload)",
        )
    return None


def decide_image(
    image: str,
    existing_labels: Mapping[str, str] | None,
    recipe: ImageRecipe,
    *,
    rebuild: bool = False,
) -> ImageDecision:
    """Reuse or rebuild `image`, given its labels (`None` when it does not exist)."""
    if rebuild:
        return ImageDecision(image, RebuildReason.EXPLICIT_REBUILD, "--rebuild was requested")
    if existing_labels is None:
        return ImageDecision(image, RebuildReason.LOCAL_IMAGE_MISSING, "no local image yet")
    mismatch = _mismatch(existing_labels, recipe)
    if mismatch is None:
        return ImageDecision(image, None, "recipe unchanged")
    return ImageDecision(image, *mismatch)
