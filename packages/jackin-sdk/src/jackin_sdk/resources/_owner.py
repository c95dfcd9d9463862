"""Which jackin objects on an engine a command of this jackin home may act on.

Several homes can share an engine, and their objects all carry `jackin.managed=true`.
An object labelled `jackin.home` belongs to the home with that id. An object without the
label was made by a jackin from before homes were labelled ("unowned legacy"): the home
whose records (index row or state folder) name its instance adopts it; any other home
leaves it alone, as it leaves another home's objects. `--foreign` (`Ownership.foreign`)
is the operator's explicit word to act on every jackin object of the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.resources._labels import (
    LABEL_HOME,
    LABEL_HOME_PATH,
    LABEL_KIND,
    LABEL_ROLE,
    ResourceKind,
)

__all__ = ["ForeignObject", "Owner", "Ownership", "instance_of", "whose"]


class Owner(StrEnum):
    """Whose an object is, from one home's point of view."""

    OWN = "own"
    """Labelled with this home's id, or unlabelled and named by this home's records."""
    FOREIGN = "foreign"
    """Labelled with another home's id."""
    LEGACY = "legacy"
    """Unlabelled (an older jackin made it) and not named by this home's records."""


def instance_of(name: str, labels: Mapping[str, str]) -> str:
    """The role container an object belongs to: `jackin.role`, or the name of a role
    container itself; "" for a probe container."""
    role = labels.get(LABEL_ROLE, "")
    if role:
        return role
    return name if labels.get(LABEL_KIND) == ResourceKind.ROLE else ""


def _never(_: str) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Ownership:
    """This home's id, which unlabelled instances its records name, and `--foreign`.

    `home_id` is None for a home without an identity yet (read-only commands do not make
    one): it owns no labelled object.
    """

    home_id: str | None
    adopts: Callable[[str], bool] = _never
    """Whether this home's records name instance `<c>` (adopts its unlabelled objects)."""
    foreign: bool = False
    """The operator asked to act on every home's objects."""

    def owner(self, name: str, labels: Mapping[str, str], *, role: bool = False) -> Owner:
        """Whose the object `name` with `labels` is (ignores `foreign`); `role`: it was
        listed as a role container, so it is the instance itself."""
        home = labels.get(LABEL_HOME)
        if home:
            return Owner.OWN if home == self.home_id else Owner.FOREIGN
        instance = name if role else instance_of(name, labels)
        return Owner.OWN if instance and self.adopts(instance) else Owner.LEGACY

    def owns(self, name: str, labels: Mapping[str, str], *, role: bool = False) -> bool:
        """Whether a command may act on the object: this home's, or any with `foreign`."""
        return self.foreign or self.owner(name, labels, role=role) is Owner.OWN

    def check(self, kind: str, name: str, labels: Mapping[str, str]) -> None:
        """Raise `ForeignObject` (E021) unless a command may act on the object."""
        if not self.owns(name, labels):
            raise ForeignObject(kind, name, labels)


def whose(labels: Mapping[str, str]) -> str:
    """`the jackin home at <path>`, or what an unlabelled object is."""
    home = labels.get(LABEL_HOME)
    if not home:
        return "no jackin home (an older jackin made it)"
    path = labels.get(LABEL_HOME_PATH)
    return f"the jackin home at {path}" if path else f"the jackin home with id {home}"


class ForeignObject(CodedError):
    """E021: a command named another home's object (or an unowned legacy one)."""

    def __init__(self, kind: str, name: str, labels: Mapping[str, str]) -> None:
        super().__init__(
            ErrorCode.E021,
            detail=f"{kind} {name} belongs to {whose(labels)}, not this one",
        )
        self.name = name
