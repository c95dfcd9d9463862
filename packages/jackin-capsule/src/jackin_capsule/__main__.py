"""Entry point of `jackin-capsule` (standard library only)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jackin_capsule import __version__

__all__ = ["main", "run"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jackin-capsule",
        description="PID 1 and terminal multiplexer inside jackin containers.",
    )
    parser.add_argument("--version", action="version", version=f"jackin-capsule {__version__}")
    return parser


def run(argv: Sequence[str]) -> int:
    """Parse `argv` and run; returns the exit code."""
    parser = _parser()
    parser.parse_args(list(argv))
    parser.print_help()
    return 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
