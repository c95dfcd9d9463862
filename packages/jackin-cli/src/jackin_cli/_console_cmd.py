"""`jackin console` and bare `jackin` on a terminal: hand the terminal to the console.

The console is its own program (`jackin-tui`, Textual); the CLI replaces itself with it
rather than importing it, so no consumer imports another and the console's ~1 s of
Textual import is never paid by a command that does not open it. In debug mode
(`--debug` or `JACKIN_DEBUG`) the console is started with `JACKIN_DEBUG=1` and the
invocation id the CLI printed (`JACKIN_INVOCATION_ID`), so its status-row chip shows
that id.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

__all__ = ["console", "open_console", "start_console"]


def open_console(invocation_id: str | None = None) -> NoReturn:
    """Replace this process with the console, on the same terminal; in debug mode with
    the CLI's `invocation_id`."""
    env = dict(os.environ)
    if invocation_id is not None:
        from jackin_sdk.debug import DEBUG_ENV, INVOCATION_ENV  # noqa: PLC0415

        env |= {DEBUG_ENV: "1", INVOCATION_ENV: invocation_id}
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, "-m", "jackin_tui"], env)  # noqa: S606


def start_console(invocation_id: str | None = None) -> NoReturn:
    """`jackin console`: the console, or E0xx saying why this terminal cannot host it."""
    from jackin_sdk.console import console_refusal  # noqa: PLC0415
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

    refusal = console_refusal()
    if refusal is not None:
        raise JackinError(f"jackin❯ console requires an interactive terminal: {refusal}")
    open_console(invocation_id)


def console() -> None:
    """Open the console: the workspace manager, launches and settings (needs a terminal)."""
    start_console()
