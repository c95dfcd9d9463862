"""Lazy package exports (PEP 562), so importing a package does not import its heavy parts.

A package lists `name → submodule` in `_EXPORTS` and ends with
`__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)`; type checkers read
the names from an `if TYPE_CHECKING:` import block.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str], names: Sequence[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The module `__getattr__` and `__dir__` that load each export on first use."""

    def load(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def listing() -> list[str]:
        return list(names)

    return load, listing
