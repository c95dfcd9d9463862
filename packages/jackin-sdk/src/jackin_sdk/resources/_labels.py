"""The labels jackin puts on the Docker objects it creates (spec runtime §1.2, §5.2, §5.4).

`jackin.managed=true` marks every object jackin owns; cleanup and GC never touch an
object without it. `jackin.home` is the id of the jackin home that made the object
(`paths.home_identity`), `jackin.home.path` that home's folder (shown to the operator,
never compared): commands act on their own home's objects only (`Ownership`).
`jackin.role` on sidecars and networks holds the role *container name* (spec §12.6),
which is how orphans are tied back to their instance. Throwaway probe containers (the
DinD privilege probe, the doctor's probe sidecar) belong to no instance: `jackin.kind=probe`
and no `jackin.role`, so GC and `prune` can find them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jackin_sdk.paths import HomeIdentity

__all__ = [
    "LABEL_CLASS",
    "LABEL_DISPLAY_NAME",
    "LABEL_HOME",
    "LABEL_HOME_PATH",
    "LABEL_KIND",
    "LABEL_MANAGED",
    "LABEL_ROLE",
    "ResourceKind",
    "home_labels",
    "managed_labels",
    "probe_labels",
]

LABEL_MANAGED = "jackin.managed"
LABEL_KIND = "jackin.kind"
LABEL_ROLE = "jackin.role"
LABEL_CLASS = "jackin.class"
LABEL_DISPLAY_NAME = "jackin.display.name"
LABEL_HOME = "jackin.home"
LABEL_HOME_PATH = "jackin.home.path"


class ResourceKind(StrEnum):
    """The `jackin.kind` label value."""

    ROLE = "role"
    DIND = "dind"
    PROBE = "probe"


def home_labels(home: HomeIdentity) -> dict[str, str]:
    """`jackin.home` (the id commands compare) and `jackin.home.path` (for the operator)."""
    return {LABEL_HOME: home.id, LABEL_HOME_PATH: str(home.path)}


def managed_labels(
    container: str, kind: ResourceKind | None = None, *, home: HomeIdentity
) -> dict[str, str]:
    """Labels of an object of `home`'s instance whose role container is `container`.

    Role containers carry `kind=role` and no `jackin.role`; sidecars carry both;
    networks and volumes carry `jackin.role` only (`kind=None`).
    """
    labels = {LABEL_MANAGED: "true", **home_labels(home)}
    if kind is ResourceKind.ROLE:
        labels[LABEL_KIND] = kind.value
        return labels
    if kind is not None:
        labels[LABEL_KIND] = kind.value
    labels[LABEL_ROLE] = container
    return labels


def probe_labels(home: HomeIdentity) -> dict[str, str]:
    """Labels of a throwaway probe container of `home`: managed, `kind=probe`, no instance."""
    return {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.PROBE.value, **home_labels(home)}
