"""Entry point of `jackin-tui`: the console, then whatever the operator chose in it."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jackin_tui._app import JackinConsole

__all__ = ["main", "make_console", "run"]


def make_console(env: Mapping[str, str] | None = None) -> JackinConsole:
    """The console on the real services (`env`: this process's environment by default);
    in jackin's debug mode (`JACKIN_DEBUG`) it gets an invocation id, shown in the status
    row of every stage (B2): the one `jackin --debug` printed before it exec'd the console
    (`JACKIN_INVOCATION_ID`), else a new one."""
    import os  # noqa: PLC0415

    from jackin_sdk.debug import invocation_id, is_debug_enabled  # noqa: PLC0415
    from jackin_tui._app import JackinConsole  # noqa: PLC0415 - textual costs ~1 s to import

    env = os.environ if env is None else env
    return JackinConsole(invocation_id=invocation_id(env) if is_debug_enabled(env) else None)


def run() -> int:
    """Open the console on this terminal; perform the outcome it exits with; the exit code.

    On a terminal that cannot host it (B1: not a TTY, `TERM=dumb`, CI, under 80x24) say
    why and exit 1 (bare `jackin` falls back to its help before getting here).
    """
    from jackin_sdk.console import console_refusal  # noqa: PLC0415

    refusal = console_refusal()
    if refusal is not None:
        sys.stderr.write(f"jackin❯ console requires an interactive terminal: {refusal}\n")
        return 1
    app = make_console()
    outcome = app.run()
    if outcome is None:
        return app.return_code or 0
    from jackin_tui._perform import perform_guarded  # noqa: PLC0415

    return perform_guarded(outcome, app.services)


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())


if __name__ == "__main__":
    main()
