"""A logger that costs nothing to import: `logging` loads only when a record can go somewhere.

Until `logging` is imported nobody can have configured a handler for jackin's records,
so a debug record would be dropped anyway; skipping it keeps `logging` (about 30 ms
here) off fast paths such as `jackin status`. Warnings always go through `logging`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

__all__ = ["LOGGER_NAME", "Tracer", "tracer"]

LOGGER_NAME = "jackin"


class Tracer:
    """`debug` and `warning` on the `jackin.<name>` logger, importing `logging` lazily."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def debug(self, message: str, *args: object) -> None:
        """A debug record, dropped without cost while `logging` is not loaded."""
        if "logging" in sys.modules:
            self._logger().debug(message, *args)

    def warning(self, message: str, *args: object) -> None:
        """A warning record (loads `logging`)."""
        self._logger().warning(message, *args)

    def _logger(self) -> logging.Logger:
        import logging  # noqa: PLC0415

        return logging.getLogger(self._name)


def tracer(name: str) -> Tracer:
    """The tracer for `jackin.<name>` (`jackin` itself for an empty name)."""
    return Tracer(f"{LOGGER_NAME}.{name}" if name else LOGGER_NAME)
