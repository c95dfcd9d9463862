"""The labels jackin puts on the Docker objects it creates (spec runtime §1.2, §5.2, §5.4).

`jackin.managed=true` marks every object jackin owns; cleanup and GC never touch an
object without it. `jackin.role` on sidecars and networks holds the role *container
name* (spec §12.6), which is how orphans are tied back to their instance. Throwaway
probe containers (the DinD privilege probe, the doctor's probe sidecar) belong to no
instance: `jackin.kind=probe` and no `jackin.role`, so GC and `prune` can find them.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "LABEL_CLASS",
    "LABEL_DISPLAY_NAME",
    "LABEL_KIND",
    "LABEL_MANAGED",
    "LABEL_ROLE",
    "ResourceKind",
    "managed_labels",
    "probe_labels",
]

LABEL_MANAGED = "jackin.managed"
LABEL_KIND = "jackin.kind"
LABEL_ROLE = "jackin.role"
LABEL_CLASS = "jackin.class"
LABEL_DISPLAY_NAME = "jackin.display.name"


class ResourceKind(StrEnum):
    """The `jackin.kind` label value."""

    ROLE = "role"
    DIND = "dind"
    PROBE = "probe"


def managed_labels(container: str, kind: ResourceKind | None = None) -> dict[str, str]:
    """Labels of an object belonging to the instance whose role container is `container`.

    Role containers carry `kind=role` and no `jackin.role`; sidecars carry both;
    networks and volumes carry `jackin.role` only (`kind=None`).
    """
    labels = {LABEL_MANAGED: "true"}
    if kind is ResourceKind.ROLE:
        labels[LABEL_KIND] = kind.value
        return labels
    if kind is not None:
        labels[LABEL_KIND] = kind.value
    labels[LABEL_ROLE] = container
    return labels


def probe_labels() -> dict[str, str]:
    """Labels of a throwaway probe container: managed, `kind=probe`, no instance."""
    return {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.PROBE.value}
