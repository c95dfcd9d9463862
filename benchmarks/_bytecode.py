"""Compile every module the timed commands import, as an installed jackin would have it.

This machine (and many CI images) sets `PYTHONDONTWRITEBYTECODE=1`, so without this step
each timed run compiles hundreds of modules from source: about 1 s of a `jackin load`
that an operator's installation (pip and `uv tool install` write bytecode) never pays.
"""

from __future__ import annotations

import compileall
import sysconfig
from pathlib import Path

__all__ = ["ensure_bytecode"]

_ROOT = Path(__file__).resolve().parents[1]


def ensure_bytecode() -> None:
    """Write `.pyc` files for the workspace packages and the venv's site-packages."""
    folders = [*sorted(_ROOT.glob("packages/*/src")), Path(sysconfig.get_paths()["purelib"])]
    for folder in folders:
        compileall.compile_dir(folder, quiet=2, workers=0)
