"""Rows of the outer terminal (spec A10)."""

from __future__ import annotations

from dataclasses import dataclass

from jackin_capsule.layout._geometry import Rect

__all__ = ["MIN_COLS", "MIN_ROWS", "ScreenLayout"]

MIN_ROWS = 5
MIN_COLS = 3
_DEFAULT_ROWS = 24
_DEFAULT_COLS = 80
_TOP_ROWS = 2
_BOTTOM_ROWS = 4


@dataclass(frozen=True, slots=True)
class ScreenLayout:
    """Where the chrome rows and the pane content area sit for one terminal size.

    Row 0 is the tab strip, row 1 the active-tab underline, rows 2..R-5 the content
    area (R-6 rows, none when R < 7), row R-4 blank, R-3 the hint bar, R-2 blank and
    R-1 the context bar.
    """

    rows: int
    cols: int
    tab_row: int
    underline_row: int
    content: Rect
    hint_row: int
    context_row: int

    @classmethod
    def for_size(cls, rows: int, cols: int) -> ScreenLayout:
        """The layout for a client terminal of `rows` x `cols`, normalised first.

        A zero dimension means "unknown" and becomes 24 rows / 80 columns; otherwise
        rows are raised to at least 5 and columns to at least 3.
        """
        rows = _DEFAULT_ROWS if rows <= 0 else max(rows, MIN_ROWS)
        cols = _DEFAULT_COLS if cols <= 0 else max(cols, MIN_COLS)
        content_rows = max(0, rows - _TOP_ROWS - _BOTTOM_ROWS)
        return cls(
            rows=rows,
            cols=cols,
            tab_row=0,
            underline_row=1,
            content=Rect(_TOP_ROWS, 0, content_rows, cols),
            hint_row=rows - 3,
            context_row=rows - 1,
        )

    @property
    def blank_rows(self) -> tuple[int, int]:
        """The two spacer rows (R-4 and R-2); R-4 overlaps the underline when R == 5."""
        return (self.rows - 4, self.rows - 2)
