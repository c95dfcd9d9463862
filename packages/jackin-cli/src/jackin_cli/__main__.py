"""Entry point of `jackin`: global flags, error rendering and exit codes.

Exit codes (upstream-cli.md §2.5): 0 success or operator cancel, 1 any jackin error,
2 usage error, 130 interrupted.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Sequence

__all__ = ["main"]


def _split_debug(args: list[str]) -> tuple[list[str], bool]:
    """Remove `--debug` from anywhere before `--`, so it is global."""
    kept: list[str] = []
    debug = False
    for index, arg in enumerate(args):
        if arg == "--":
            kept.extend(args[index:])
            break
        if arg == "--debug":
            debug = True
        else:
            kept.append(arg)
    return kept, debug


def _fast_path(args: list[str]) -> str | None:
    """The output of `--version` without importing typer, else None.

    Bare `jackin` on a terminal that can host the console opens it instead (never
    returns); elsewhere it prints the root help, through typer like every other line.
    """
    if args in (["--version"], ["-V"]):
        from jackin_cli import version_line  # noqa: PLC0415

        return version_line() + "\n"
    _bare_console(args)
    return None


def _bare_console(args: list[str], invocation_id: str | None = None) -> None:
    """Bare `jackin` on a terminal that can host the console: open it (never returns)."""
    if not args:
        from jackin_sdk.console import console_refusal  # noqa: PLC0415

        if console_refusal() is None:
            from jackin_cli._console_cmd import open_console  # noqa: PLC0415

            open_console(invocation_id)


def run(argv: Sequence[str]) -> int:
    """Run `jackin` with `argv` (without the program name) and return the exit code."""
    from jackin_sdk._env import is_debug_enabled  # noqa: PLC0415

    args, debug_flag = _split_debug(list(argv))
    debug = debug_flag or is_debug_enabled()
    if not debug:
        fast = _fast_path(args)
        if fast is not None:
            sys.stdout.write(fast)
            return 0
    if not debug:
        return _invoke(args, debug=False)
    from jackin_sdk.debug import disable_debug, enable_debug, new_invocation_id  # noqa: PLC0415

    handler = enable_debug()
    try:
        invocation = new_invocation_id()
        sys.stderr.write(f"[jackin] debug mode — invocation id: {invocation}\n")
        # The console opens in debug mode too, under the id just printed.
        _bare_console(args, invocation)
        if args == ["console"]:
            from jackin_cli._console_cmd import start_console  # noqa: PLC0415

            return _guarded(lambda: start_console(invocation), debug=True)
        return _invoke(args, debug=True)
    finally:
        disable_debug(handler)


def _invoke(args: list[str], *, debug: bool) -> int:
    """Run the command and map every outcome to an exit code."""
    return _guarded(lambda: _run_typer(args), debug=debug)


def _run_typer(args: list[str]) -> int:
    """The typer command tree (only the branch `args` runs; see `single_command`);
    click's own outcomes become exit codes here."""
    import typer  # noqa: PLC0415

    from jackin_cli._app import build_app, single_command  # noqa: PLC0415

    command = typer.main.get_command(build_app(only=single_command(args)))
    try:
        # Without standalone mode click returns the code of a `typer.Exit` instead of raising.
        result = command.main(args=args, prog_name="jackin", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return 0
    except typer.TyperException as exc:  # usage errors: click's message, exit 2
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            sys.stderr.write(f"Error: {exc.format_message()}\n")
        return exc.exit_code
    return result if isinstance(result, int) else 0


def _guarded(call: Callable[[], int], *, debug: bool) -> int:
    """Run `call`, turning jackin errors, interrupts and bugs into messages and exit codes."""
    from jackin_sdk.errors import JackinError  # noqa: PLC0415
    from jackin_sdk.text import render_error  # noqa: PLC0415

    try:
        return call()
    except JackinError as exc:
        if exc.exit_code != 0:
            sys.stderr.write(render_error(exc, debug=debug) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file or folder jackin could not use
        where = f"{exc.filename}: " if exc.filename else ""
        problem = JackinError(f"{where}{exc.strerror or exc}")
        sys.stderr.write(render_error(problem, debug=debug) + "\n")
        return 1
    except Exception as exc:  # a bug: say so, never dump a raw traceback by default
        return _internal_error(exc, debug=debug)


def _internal_error(exc: Exception, *, debug: bool) -> int:
    import traceback  # noqa: PLC0415

    from jackin_sdk.debug import redact  # noqa: PLC0415
    from jackin_sdk.errors import JackinError  # noqa: PLC0415
    from jackin_sdk.text import printable, render_error  # noqa: PLC0415

    if debug:  # the exception's text may quote role files or container output
        trace = redact("".join(traceback.format_exception(exc)))
        sys.stderr.write(printable(trace, multiline=True))
    message = redact(f"internal error: {type(exc).__name__}: {exc}")
    hint = "This is a bug in jackin." + ("" if debug else " Rerun with --debug for the traceback.")
    sys.stderr.write(render_error(JackinError(f"{message}\n{hint}"), debug=False) + "\n")
    return 1


def main() -> None:
    """Console-script entry point."""
    code = run(sys.argv[1:])
    # Everything still alive is about to go with the process. Freezing it spares the
    # interpreter's final cyclic collection over every imported module (~70 ms of a
    # `jackin load`); atexit handlers, thread joins and stream flushes run as usual.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    main()
