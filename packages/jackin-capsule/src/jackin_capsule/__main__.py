"""Entry point of `jackin-capsule` (standard library only)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from jackin_capsule import __version__
from jackin_capsule._config import ConfigError

__all__ = ["main", "run"]


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jackin-capsule",
        description="PID 1 and terminal multiplexer inside jackin containers.",
    )
    parser.add_argument("--version", action="version", version=f"jackin-capsule {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init",
        help="run as the container's PID 1 until the last session ends",
        description="Reap children and exit 0 once a session ran and none is left.",
    )
    init.add_argument("--headless", metavar="AGENT", help="start AGENT in a PTY, logged")
    init.add_argument("--stop-grace", type=_seconds, default=None, help=argparse.SUPPRESS)

    session = commands.add_parser(
        "session",
        help="run an agent (or shell) session on this terminal",
        description="Run AGENT (default: the role's first agent) through the entrypoint.",
    )
    session.add_argument("agent", nargs="?", metavar="AGENT")
    session.add_argument("--shell", action="store_true", help="a login shell, no agent")

    status = commands.add_parser("status", help="list the live sessions")
    status.add_argument("--format", choices=("human", "json"), default="human")

    commands.add_parser(
        "runtime-setup",
        help="prepare the agent home at the start of a session (run by the entrypoint)",
        description=(
            "Seed the durable agent homes, apply the session agent's credential policy "
            "($JACKIN_AGENT, $JACKIN_AUTH_MODE), update agent config and write the "
            "instance's git config once."
        ),
    )
    return parser


def run(argv: Sequence[str]) -> int:  # noqa: PLR0911 - one return per command
    """Parse `argv` and run; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(list(argv))
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "runtime-setup":
        from jackin_capsule._setup import run_runtime_setup  # noqa: PLC0415

        return run_runtime_setup(os.environ)
    from jackin_capsule import _interim  # noqa: PLC0415 - `--version` and help stay light

    try:
        if args.command == "init":
            return _interim.run_init(args.headless, stop_grace=args.stop_grace)
        if args.command == "session":
            if args.shell and args.agent is not None:
                parser.error("session: give an AGENT or --shell, not both")
            return _interim.run_session(args.agent, shell=args.shell)
        return _interim.run_status(args.format)
    except ConfigError as exc:
        print(f"jackin-capsule: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"jackin-capsule: {exc}", file=sys.stderr)
        return 1


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
