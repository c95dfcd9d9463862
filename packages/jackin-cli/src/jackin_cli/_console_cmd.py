"""`jackin console` and bare `jackin` on a terminal: hand the terminal to the console.

The console is its own program (`jackin-tui`, Textual); the CLI replaces itself with it
rather than importing it, so no consumer imports another and the console's ~1 s of
Textual import is never paid by a command that does not open it.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

__all__ = ["console", "open_console"]


def open_console() -> NoReturn:
    """Replace this process with the console, on the same terminal."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "jackin_tui"])  # noqa: S606


def console() -> None:
    """Open the console: the workspace manager, launches and settings (needs a terminal)."""
    from jackin_sdk.console import console_refusal  # noqa: PLC0415
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

    refusal = console_refusal()
    if refusal is not None:
        raise JackinError(f"jackin❯ console requires an interactive terminal: {refusal}")
    open_console()
