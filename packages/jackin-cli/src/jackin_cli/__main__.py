"""Entry point of `jackin`: global flags, error rendering and exit codes.

Exit codes (upstream-cli.md §2.5): 0 success or operator cancel, 1 any jackin error,
2 usage error, 130 interrupted.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jackin_cli._load_args import LoadArgs
    from jackin_cli._status_view import StatusArgs

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


_ROOT_HELP_ARGS: tuple[list[str], ...] = ([], ["--help"], ["-h"], ["help"])


def _fast_path(args: list[str]) -> str | None:
    """Output for `--version` and root help without importing typer, else None.

    Bare `jackin` on a terminal that can host the console opens it instead (never returns).
    """
    if args in (["--version"], ["-V"]):
        from jackin_cli import version_line  # noqa: PLC0415

        return version_line() + "\n"
    if not args:
        from jackin_sdk.console import console_refusal  # noqa: PLC0415

        if console_refusal() is None:
            from jackin_cli._console_cmd import open_console  # noqa: PLC0415

            open_console()
    if args in _ROOT_HELP_ARGS:
        import shutil  # noqa: PLC0415

        from jackin_cli._help_snapshot import SNAPSHOT_WIDTH  # noqa: PLC0415

        if shutil.get_terminal_size().columns >= SNAPSHOT_WIDTH:
            from jackin_cli._root_help import ROOT_HELP  # noqa: PLC0415

            return ROOT_HELP + "\n"
    return None


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
        sys.stderr.write(f"[jackin] debug mode — invocation id: {new_invocation_id()}\n")
        return _invoke(args, debug=True)
    finally:
        disable_debug(handler)


def _invoke(args: list[str], *, debug: bool) -> int:
    """Run the command and map every outcome to an exit code."""
    from jackin_cli._status_view import parse_status_args  # noqa: PLC0415

    status_args = parse_status_args(args)
    if status_args is not None:
        return _guarded(lambda: _print_status(status_args), debug=debug)
    from jackin_cli._load_args import parse_load_args  # noqa: PLC0415

    load_args = parse_load_args(args)
    if load_args is not None:
        return _guarded(lambda: _run_load(load_args), debug=debug)
    return _guarded(lambda: _run_typer(args), debug=debug)


def _run_load(load_args: LoadArgs) -> int:
    """`load` without building the typer command tree (see `_load_args`)."""
    from jackin_cli._load_run import run_load  # noqa: PLC0415

    return run_load(load_args)


def _print_status(status_args: StatusArgs) -> int:
    """`status`/`ps` without building the typer command tree (it is polled)."""
    from jackin_cli._status_view import status_output  # noqa: PLC0415

    sys.stdout.write(status_output(status_args) + "\n")
    return 0


def _run_typer(args: list[str]) -> int:
    """The typer command tree; click's own outcomes become exit codes here."""
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
    from jackin_cli._render import render_error  # noqa: PLC0415
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

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

    from jackin_cli._render import render_error  # noqa: PLC0415
    from jackin_sdk.debug import redact  # noqa: PLC0415
    from jackin_sdk.errors import JackinError  # noqa: PLC0415
    from jackin_sdk.text import printable  # noqa: PLC0415

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
