"""Entry point of `jackin-tui`: the console, then whatever the operator chose in it."""

from __future__ import annotations

import sys

__all__ = ["main", "run"]


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
    from jackin_tui._app import JackinConsole  # noqa: PLC0415 - textual costs ~1 s to import

    app = JackinConsole()
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
