"""The cell grid a frame is composed into."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jackin_capsule.layout import Rect
from jackin_capsule.render._cells import convert_cells, text_cells
from jackin_capsule.render._style import DEFAULT_STYLE, Style

__all__ = ["Canvas"]


class Canvas:
    """`rows` x `cols` cells of (character, `Style`), stored as one list per row.

    Writes are clipped to the grid and keep wide characters paired with their stub
    cell: overwriting half of a wide character turns the other half into a space.
    """

    __slots__ = ("_chars", "_styles", "cols", "rows")

    def __init__(self, rows: int, cols: int) -> None:
        """A blank canvas (spaces in the default style)."""
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        blank = [" "] * self.cols
        plain = [DEFAULT_STYLE] * self.cols
        self._chars = [blank.copy() for _ in range(self.rows)]
        self._styles = [plain.copy() for _ in range(self.rows)]

    def cell(self, row: int, col: int) -> tuple[str, Style]:
        """The character ("" for a wide character's stub) and style at a cell."""
        return self._chars[row][col], self._styles[row][col]

    def row_chars(self, row: int) -> list[str]:
        """A copy of one row's characters."""
        return self._chars[row].copy()

    def row_styles(self, row: int) -> list[Style]:
        """A copy of one row's styles."""
        return self._styles[row].copy()

    def row_text(self, row: int) -> str:
        """One row as text (stubs contribute nothing)."""
        return "".join(self._chars[row])

    def lines(self) -> list[str]:
        """Every row as text."""
        return ["".join(chars) for chars in self._chars]

    def copy(self) -> Canvas:
        """An independent copy."""
        twin = Canvas(0, 0)
        twin.rows, twin.cols = self.rows, self.cols
        twin._chars = [list(chars) for chars in self._chars]
        twin._styles = [list(styles) for styles in self._styles]
        return twin

    def put_text(
        self,
        row: int,
        col: int,
        text: str,
        style: Style = DEFAULT_STYLE,
        max_cols: int | None = None,
    ) -> int:
        """Write `text` from (`row`, `col`), at most `max_cols` columns; returns columns used.

        A wide character that does not fit the limit is replaced by a space.
        """
        if not 0 <= row < self.rows or not text:
            return 0
        cells = text_cells(text)
        limit = self.cols - col
        if max_cols is not None:
            limit = min(limit, max_cols)
        start = col
        if start < 0:
            cells = cells[-start:]
            limit += start
            start = 0
        if limit <= 0 or not cells:
            return 0
        if len(cells) > limit:
            stub_cut = cells[limit] == ""
            cells = cells[:limit]
            if stub_cut:
                cells = (*cells[:-1], " ")
        if cells[0] == "":
            cells = (" ", *cells[1:])
        self._write(row, start, cells, [style] * len(cells))
        return len(cells)

    def fill(self, rect: Rect, char: str = " ", style: Style = DEFAULT_STYLE) -> None:
        """Fill a rectangle (clipped) with one narrow character in one style."""
        top = max(0, rect.top)
        bottom = min(self.rows, rect.bottom)
        left = max(0, rect.left)
        right = min(self.cols, rect.right)
        if top >= bottom or left >= right:
            return
        width = right - left
        cells = [char if len(text_cells(char)) == 1 else " "] * width
        styles = [style] * width
        for row in range(top, bottom):
            self._write(row, left, cells, styles)

    def put_cells(
        self, row: int, col: int, chars: Sequence[Any], max_cols: int | None = None
    ) -> int:
        """Copy a row of pyte `Char`s (at most `max_cols` of them); returns columns used."""
        if not 0 <= row < self.rows or not 0 <= col < self.cols:
            return 0
        width = min(len(chars), self.cols - col)
        if max_cols is not None:
            width = min(width, max_cols)
        if width <= 0:
            return 0
        cells, styles = convert_cells(chars, width)
        self._write(row, col, cells, styles)
        return width

    def blit(self, row: int, col: int, chars: Sequence[str], styles: Sequence[Style]) -> None:
        """Copy already converted cells (as `convert_cells` returns them), clipped."""
        if not 0 <= row < self.rows or col >= self.cols:
            return
        if col < 0:
            chars, styles = list(chars[-col:]), styles[-col:]
            if chars and chars[0] == "":
                chars[0] = " "
            col = 0
        width = min(len(chars), len(styles), self.cols - col)
        if width <= 0:
            return
        if width < len(chars):
            cut = list(chars[:width])
            if chars[width] == "":
                cut[-1] = " "
            self._write(row, col, cut, styles[:width])
        else:
            self._write(row, col, chars, styles)

    def _write(self, row: int, col: int, chars: Sequence[str], styles: Sequence[Style]) -> None:
        """Store cells at `col` and fix the wide characters the write cut in half."""
        line = self._chars[row]
        end = col + len(chars)
        if col > 0 and line[col] == "":
            line[col - 1] = " "
        line[col:end] = chars
        self._styles[row][col:end] = styles
        if end < self.cols and line[end] == "":
            line[end] = " "
