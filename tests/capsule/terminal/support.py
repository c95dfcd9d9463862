"""Helpers for the pane terminal tests."""

from __future__ import annotations

from typing import Any

from jackin_capsule.terminal import PaneTerminal


def rows_text(term: PaneTerminal) -> list[str]:
    """Each display row as text (wide-character stubs are empty strings)."""
    return ["".join(cell.data for cell in term.visible_row(row)) for row in range(term.rows)]


def row_text(term: PaneTerminal, row: int) -> str:
    """One display row as text, trailing blanks removed."""
    return "".join(cell.data for cell in term.visible_row(row)).rstrip()


def snapshot(term: PaneTerminal) -> tuple[Any, ...]:
    """Everything visible: every cell (data and attributes) and the cursor."""
    cells = tuple(tuple(term.visible_row(row)) for row in range(term.rows))
    return cells, term.cursor(), term.cursor_visible()


def fed(data: bytes, rows: int = 5, cols: int = 20, **options: Any) -> PaneTerminal:
    """A terminal of the given size after one feed of `data`."""
    term = PaneTerminal(rows, cols, **options)
    term.feed(data)
    return term


def history_text(term: PaneTerminal) -> list[str]:
    """Every scrollback row as text (trailing blanks removed), oldest first."""
    term.scroll(-term.scroll_offset)
    texts = []
    for index in range(term.history_lines):
        term.scroll(term.history_lines - index - term.scroll_offset)
        texts.append(row_text(term, 0))
    term.scroll(-term.scroll_offset)
    return texts
