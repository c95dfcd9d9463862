"""Box-drawing tables for human output (the reference's "modern" style, simplified)."""

from __future__ import annotations

from collections.abc import Sequence

from jackin_sdk.text import printable

__all__ = ["render_table"]


def _width(text: str) -> int:
    return len(text)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table with capitalised headers and one line per row (cells may not wrap).

    Cells hold names and values read from files and the engine: each is escaped to one
    printable line (`jackin_sdk.text.printable`) before it is measured.
    """
    headers = [printable(h) for h in headers]
    rows = [[printable(cell) for cell in row] for row in rows]
    columns = len(headers)
    widths = [_width(h) for h in headers]
    for row in rows:
        for index in range(columns):
            widths[index] = max(widths[index], _width(row[index]))

    def line(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + right

    def cells(values: Sequence[str]) -> str:
        return (
            "│"
            + "│".join(f" {v}{' ' * (w - _width(v))} " for v, w in zip(values, widths, strict=True))
            + "│"
        )

    out = [line("┌", "─", "┬", "┐"), cells(headers), line("╞", "═", "╪", "╡")]
    out += [cells(row) for row in rows]
    out.append(line("└", "─", "┴", "┘"))
    return "\n".join(out)
