"""Entry point of `jackin-tui`."""

from __future__ import annotations

__all__ = ["main"]


def main() -> None:
    """Run the console until the operator quits."""
    from jackin_tui._app import JackinConsole  # noqa: PLC0415 - textual costs ~1 s to import

    JackinConsole().run()


if __name__ == "__main__":
    main()
