"""Tab codenames: animal words, unique for the container's lifetime (spec A8)."""

from __future__ import annotations

__all__ = ["CODENAMES", "Codenames"]

CODENAMES = (
    "badger", "crane", "falcon", "heron", "lynx", "marten", "osprey", "otter",
    "puma", "raven", "stoat", "viper", "wren", "bison", "cobra", "dingo",
    "egret", "ferret", "gecko", "ibis", "jackal", "kestrel", "lemur", "mink",
    "newt", "ocelot", "panther", "quail", "rook", "shrike", "tapir", "urchin",
)  # fmt: skip


class Codenames:
    """Hands out codenames in order; a retired one is never reused.

    After the list runs out, names get a numeric suffix (`badger-2`, …).
    """

    def __init__(self) -> None:
        self._issued = 0

    def next(self) -> str:
        """The next unused codename."""
        index = self._issued
        self._issued += 1
        word = CODENAMES[index % len(CODENAMES)]
        lap = index // len(CODENAMES)
        return word if lap == 0 else f"{word}-{lap + 1}"
