"""`jackin-role`: validate and maintain role repositories, in CI or on a desktop.

Exit codes: 0 valid, 1 invalid or failed, 2 usage. The command line is typer's
(`_app`); every verb is the SDK's (`jackin_sdk.roles.*_verb`), which `jackin role …`
calls too.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main", "run"]


def run(argv: Sequence[str]) -> int:
    """Run with `argv` (no program name) and return the exit code."""
    import typer  # noqa: PLC0415

    from jackin_role._app import build_app  # noqa: PLC0415
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

    command = typer.main.get_command(build_app())
    try:
        # Without standalone mode click returns the code of a `typer.Exit` instead of raising.
        result = command.main(args=list(argv), prog_name="jackin-role", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # usage errors: click's message, exit 2
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            sys.stderr.write(f"Error: {exc.format_message()}\n")
        return exc.exit_code
    except JackinError as exc:
        from jackin_sdk.text import printable  # noqa: PLC0415

        sys.stderr.write(f"error: {printable(str(exc), multiline=True)}\n")
        return exc.exit_code or 1
    return result if isinstance(result, int) else 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
