"""Pane boxes: a single-line border with the title, and the pane's visible rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from typing import Any, Protocol

from jackin_capsule.layout import Rect
from jackin_capsule.render._canvas import Canvas
from jackin_capsule.render._cells import convert_cells, text_cells
from jackin_capsule.render._style import Style
from jackin_capsule.render._theme import BORDER_GREY, PHOSPHOR_GREEN

__all__ = ["FOCUSED_BORDER", "UNFOCUSED_BORDER", "PaneRowCache", "PaneSource", "draw_pane"]

FOCUSED_BORDER = Style(fg=PHOSPHOR_GREEN)
UNFOCUSED_BORDER = Style(fg=BORDER_GREY)
_FOCUSED_TITLE = Style(fg=PHOSPHOR_GREEN, bold=True)
_UNFOCUSED_TITLE = UNFOCUSED_BORDER


class PaneSource(Protocol):
    """What a pane body is drawn from: a grid of pyte `Char`s (e.g. `PaneTerminal`)."""

    @property
    def rows(self) -> int:
        """Visible rows."""
        ...

    @property
    def cols(self) -> int:
        """Visible columns."""
        ...

    def visible_row(self, row: int) -> Sequence[Any]:
        """One visible row as pyte `Char`s (scrollback offset already applied)."""
        ...


_Row = tuple[list[str], list[Style]]


class PaneRowCache:
    """One pane's rows converted to canvas cells, reused while they stay the same.

    Keep one per pane and pass, on each draw, the rows that may have changed since the
    previous draw with this cache (pyte's `screen.dirty`, cleared afterwards), or None
    to check every row. A dirty row whose cells equal what was cached (pyte marks rows
    dirty liberally) keeps its conversion; a row equal to another cached row (the
    screen scrolled) reuses that row's conversion. A new source or size converts every
    row again.
    """

    __slots__ = ("_raw", "_rows", "_size", "_source")

    def __init__(self) -> None:
        """An empty cache."""
        self._source: object = None
        self._size = (-1, -1)
        self._raw: list[list[Any]] = []
        self._rows: list[_Row] = []

    def rows(
        self, source: PaneSource, height: int, width: int, dirty: Set[int] | None
    ) -> list[_Row]:
        """The first `height` rows of `source`, each exactly `width` cells."""
        if source is not self._source or (height, width) != self._size:
            self._source = source
            self._size = (height, width)
            self._raw = [_raw_row(source, row) for row in range(height)]
            self._rows = [convert_cells(raw, width) for raw in self._raw]
            return self._rows
        if dirty is None:
            candidates: Iterable[int] = range(height)
        else:
            candidates = sorted(row for row in dirty if 0 <= row < height)
        old_raw, old_rows = self._raw, self._rows
        new_raw, new_rows = old_raw.copy(), old_rows.copy()
        shift: int | None = None
        for row in candidates:
            raw = _raw_row(source, row)
            if raw == old_raw[row]:
                continue
            new_raw[row] = raw
            if shift is None:
                shift = _find_shift(raw, old_raw, row)
            twin = row + shift
            if shift and 0 <= twin < height and raw == old_raw[twin]:
                new_rows[row] = old_rows[twin]
            else:
                new_rows[row] = convert_cells(raw, width)
        self._raw, self._rows = new_raw, new_rows
        return new_rows

    def clear(self) -> None:
        """Drop everything cached."""
        self._source = None
        self._size = (-1, -1)
        self._raw = []
        self._rows = []


_MAX_SHIFT = 16


def _raw_row(source: PaneSource, row: int) -> list[Any]:
    """A snapshot of one source row (empty past the source's last row)."""
    if row >= source.rows:
        return []
    return list(source.visible_row(row))


def _find_shift(raw: list[Any], old_raw: list[list[Any]], row: int) -> int:
    """How far the screen scrolled: `s` with old row `row + s` equal to `raw`, else 0."""
    for distance in range(1, min(len(old_raw), _MAX_SHIFT + 1)):
        below = row + distance
        if below < len(old_raw) and raw == old_raw[below]:
            return distance
        above = row - distance
        if above >= 0 and raw == old_raw[above]:
            return -distance
    return 0


def draw_pane(
    canvas: Canvas,
    box: Rect,
    source: PaneSource,
    *,
    title: str,
    focused: bool,
    dirty: Set[int] | None = None,
    cache: PaneRowCache | None = None,
) -> Rect:
    """Draw a pane's border, title and body into `box`; returns the interior.

    The focused pane's border is phosphor green, others grey. The title sits in the
    top border as ``┌ Title ──┐`` and is clipped with ``…``. `dirty` and `cache`
    (see `PaneRowCache`) let unchanged rows skip the cell conversion.
    """
    if box.empty:
        return Rect(box.top, box.left, 0, 0)
    if box.rows < 2 or box.cols < 2:
        canvas.fill(box)
        return Rect(box.top, box.left, 0, 0)
    border = FOCUSED_BORDER if focused else UNFOCUSED_BORDER
    inner = box.cols - 2
    top, left = box.top, box.left
    canvas.put_text(top, left, _top_border(inner), border)
    if inner >= 3 and title:
        label = _clip(title, inner - 1)
        if label:
            canvas.put_text(top, left + 1, label, _FOCUSED_TITLE if focused else _UNFOCUSED_TITLE)
    canvas.put_text(box.bottom - 1, left, _bottom_border(inner), border)
    interior = box.inset(1)
    if interior.rows <= 0:
        return interior
    if inner > 0:
        if cache is None:
            cache = PaneRowCache()
            dirty = None
        body = cache.rows(source, interior.rows, inner, dirty)
    else:
        body = []
    _draw_sides(canvas, box, body, border)
    return interior


def _draw_sides(canvas: Canvas, box: Rect, body: list[_Row], border: Style) -> None:
    """The left border, the body and the right border of every interior row."""
    side = ["│"]
    side_style = [border]
    left, right = box.left, box.right - 1
    top = box.top + 1
    inside = box.top >= 0 and box.bottom <= canvas.rows and left >= 0 and right < canvas.cols
    for offset in range(box.rows - 2):
        row = top + offset
        if inside:
            # One write per row: border, body, border (the common, unclipped case).
            if body:
                chars, styles = body[offset]
                canvas._write(row, left, side + chars + side, side_style + styles + side_style)
            else:
                canvas._write(row, left, side + side, side_style + side_style)
            continue
        canvas.blit(row, left, side, side_style)
        if body:
            chars, styles = body[offset]
            canvas.blit(row, left + 1, chars, styles)
        canvas.blit(row, right, side, side_style)


def _top_border(inner: int) -> str:
    return "┌" + "─" * inner + "┐"


def _bottom_border(inner: int) -> str:
    return "└" + "─" * inner + "┘"


def _clip(title: str, room: int) -> str:
    """` title ` fitted into `room` columns, ending in `…` when cut."""
    cells = text_cells(title)
    if room < 3 or not cells:
        return ""
    if len(cells) + 2 <= room:
        return " " + "".join(cells) + " "
    keep = list(cells[: room - 3])
    if keep and keep[-1] and len(keep) < len(cells) and cells[len(keep)] == "":
        keep[-1] = " "
    return " " + "".join(keep) + "… "
