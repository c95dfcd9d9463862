"""Cell-diff frame encoding (spec A13)."""

from __future__ import annotations

import itertools
import operator

from jackin_capsule.render._canvas import Canvas
from jackin_capsule.render._style import DEFAULT_STYLE, SGR_CODES, Style

__all__ = ["SYNC_BEGIN", "SYNC_END", "FrameEncoder"]

SYNC_BEGIN = "\x1b[?2026h"
SYNC_END = "\x1b[?2026l"
_FULL_PREFIX = "\x1b[0m\x1b[2J\x1b[H"
_SHOW_CURSOR = "\x1b[?25h"
_HIDE_CURSOR = "\x1b[?25l"
# Unchanged cells between two changed runs that are cheaper to rewrite than to skip
# with a cursor move (a move costs about eight bytes).
_MERGE_GAP = 6
# Granularity of the search for unchanged stretches inside a changed row.
_CHUNK = 16
# Scrolling: a band of at least this many changed rows is checked for a shift; a
# shift is used when it saves rewriting at least _MIN_SCROLL_GAIN rows; at most
# _MAX_CANDIDATES shifts per direction are tried.
_MIN_SCROLL_BAND = 3
_MIN_SCROLL_GAIN = 2
_MAX_CANDIDATES = 3


class FrameEncoder:
    """Turns successive canvases into the bytes that update one client's terminal.

    The client runs with autowrap off, so writing the last column is safe. Only rows
    and runs of cells that differ from the previously encoded canvas are emitted. When
    a band of rows moved up or down by whole rows (output scrolling in a full-width
    pane), the band is scrolled in the terminal first (a scroll region plus index or
    reverse index) so only the rows that are really new get written.
    """

    __slots__ = ("_chars", "_cols", "_rows", "_styles")

    def __init__(self) -> None:
        """An encoder with nothing emitted yet (its first frame repaints everything)."""
        self._chars: list[list[str]] = []
        self._styles: list[list[Style]] = []
        self._rows = -1
        self._cols = -1

    def reset(self) -> None:
        """Forget the last canvas, as for a newly attached client."""
        self._chars = []
        self._styles = []
        self._rows = self._cols = -1

    def encode(
        self, canvas: Canvas, cursor: tuple[int, int] | None, *, full: bool = False
    ) -> bytes:
        """The bytes turning the last emitted canvas into `canvas`, synchronised.

        `full` (also implied on the first frame or a size change) clears the screen
        first and draws every non-blank cell. The frame ends by placing the cursor at
        0-based (`row`, `col`) and showing it, or hiding it when `cursor` is None.
        """
        rows, cols = canvas.rows, canvas.cols
        if rows != self._rows or cols != self._cols:
            full = True
        out = [SYNC_BEGIN]
        new_chars = canvas._chars
        new_styles = canvas._styles
        current: Style | None
        if full:
            out.append(_FULL_PREFIX)
            current = DEFAULT_STYLE
            old_chars = [[" "] * cols] * rows
            old_styles = [[DEFAULT_STYLE] * cols] * rows
        else:
            current = None
            old_chars = self._chars
            old_styles = self._styles
            changed = [
                row
                for row in range(rows)
                if new_chars[row] != old_chars[row] or new_styles[row] != old_styles[row]
            ]
            if len(changed) >= _MIN_SCROLL_BAND:
                old = (new_chars, new_styles, old_chars, old_styles)
                scrolled = _scroll(out, old, changed[0], changed[-1] + 1)
                if scrolled is not None:
                    old_chars, old_styles = scrolled
                    current = DEFAULT_STYLE
        # Snapshot rows are never mutated, so unchanged ones are shared, not copied.
        next_chars: list[list[str]] = []
        next_styles: list[list[Style]] = []
        for row in range(rows):
            chars = new_chars[row]
            styles = new_styles[row]
            if chars == old_chars[row] and styles == old_styles[row]:
                next_chars.append(old_chars[row])
                next_styles.append(old_styles[row])
                continue
            next_chars.append(list(chars))
            next_styles.append(list(styles))
            for start, end in _changed_runs(chars, styles, old_chars[row], old_styles[row]):
                out.append(f"\x1b[{row + 1};{start + 1}H")
                current = _emit(out, chars, styles, (start, end), current)
        if cursor is not None:
            out.append(f"\x1b[{cursor[0] + 1};{cursor[1] + 1}H{_SHOW_CURSOR}")
        else:
            out.append(_HIDE_CURSOR)
        out.append(SYNC_END)
        self._chars = next_chars
        self._styles = next_styles
        self._rows, self._cols = rows, cols
        return "".join(out).encode("utf-8", "replace")


_Grid = tuple[list[list[str]], list[list[Style]], list[list[str]], list[list[Style]]]


def _same(grid: _Grid, new_row: int, old_row: int) -> bool:
    new_chars, new_styles, old_chars, old_styles = grid
    return new_chars[new_row] == old_chars[old_row] and new_styles[new_row] == old_styles[old_row]


def _matches(grid: _Grid, top: int, bottom: int, shift: int) -> int:
    """Rows of the band [top, bottom) whose new content is old row `row + shift`."""
    low = top if shift > 0 else top - shift
    high = bottom - shift if shift > 0 else bottom
    return sum(1 for row in range(low, high) if _same(grid, row, row + shift))


def _scroll(
    out: list[str], grid: _Grid, top: int, bottom: int
) -> tuple[list[list[str]], list[list[Style]]] | None:
    """Scroll the band [top, bottom) if that saves rewriting rows; the shifted old grid.

    A positive shift moves content up (new row r shows old row r + shift): the
    cursor goes to the band's last row and indexes; a negative one reverse-indexes
    from its first row. Rows scrolled in are blank in the default style.
    """
    band = bottom - top
    candidates = [k for k in range(1, band) if _same(grid, top, top + k)][:_MAX_CANDIDATES]
    candidates += [-k for k in range(1, band) if _same(grid, bottom - 1, bottom - 1 - k)][
        :_MAX_CANDIDATES
    ]
    best_shift, best_rows = 0, _MIN_SCROLL_GAIN - 1
    for shift in candidates:
        rows = _matches(grid, top, bottom, shift)
        if rows > best_rows:
            best_shift, best_rows = shift, rows
    if not best_shift:
        return None
    _, _, old_chars, old_styles = grid
    cols = len(old_chars[0])
    blank_chars = [" "] * cols
    blank_styles = [DEFAULT_STYLE] * cols
    out.append(f"\x1b[0m\x1b[{top + 1};{bottom}r")
    count = abs(best_shift)
    if best_shift > 0:
        out.append(f"\x1b[{bottom};1H" + "\x1bD" * count)
        chars = old_chars[top + count : bottom] + [blank_chars] * count
        styles = old_styles[top + count : bottom] + [blank_styles] * count
    else:
        out.append(f"\x1b[{top + 1};1H" + "\x1bM" * count)
        chars = [blank_chars] * count + old_chars[top : bottom - count]
        styles = [blank_styles] * count + old_styles[top : bottom - count]
    out.append("\x1b[r")
    return (
        old_chars[:top] + chars + old_chars[bottom:],
        old_styles[:top] + styles + old_styles[bottom:],
    )


def _emit(
    out: list[str],
    chars: list[str],
    styles: list[Style],
    span: tuple[int, int],
    current: Style | None,
) -> Style | None:
    """Append SGR + text for the cells of `span`; returns the style now in effect.

    Style runs are found with C-level iteration: a boundary is where the style object
    changes (equal styles are interned, so an equal twin costs only a redundant SGR).
    """
    start, end = span
    segment = styles[start:end]
    text = chars[start:end]
    count = len(segment)
    switches = map(operator.is_not, segment[1:], segment[:-1])
    bounds = [0, *itertools.compress(range(1, count), switches), count]
    heads = bounds[:-1]
    codes = list(map(SGR_CODES.__getitem__, map(segment.__getitem__, heads)))
    if segment[0] == current:
        codes[0] = ""
    texts = map("".join, map(text.__getitem__, map(slice, heads, bounds[1:])))
    out.extend(itertools.chain.from_iterable(zip(codes, texts, strict=True)))
    return segment[-1]


_Rows = tuple[list[str], list[str], list[Style], list[Style]]


def _first_difference(rows: _Rows, lo: int, hi: int) -> int:
    """Smallest i in [lo, hi) where new and old rows differ (one must exist)."""
    a, b, c, d = rows
    hi -= 1
    while lo < hi:
        mid = (lo + hi) // 2
        if a[lo : mid + 1] == b[lo : mid + 1] and c[lo : mid + 1] == d[lo : mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _last_difference(rows: _Rows, lo: int, hi: int) -> int:
    """Largest i in [lo, hi) where new and old rows differ (one must exist)."""
    a, b, c, d = rows
    hi -= 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[mid : hi + 1] == b[mid : hi + 1] and c[mid : hi + 1] == d[mid : hi + 1]:
            hi = mid - 1
        else:
            lo = mid
    return lo


def _changed_runs(
    chars: list[str], styles: list[Style], old_chars: list[str], old_styles: list[Style]
) -> list[tuple[int, int]]:
    """Half-open column ranges to rewrite in a row known to differ.

    The changed span is narrowed by binary search on slice equality, then split where
    whole aligned chunks of `_CHUNK` cells are unchanged (all comparisons run in C).
    Runs closer than a few cells are merged. A range never starts on a stub nor ends
    between a wide character and its stub.
    """
    width = len(chars)
    rows: _Rows = (chars, old_chars, styles, old_styles)
    first = _first_difference(rows, 0, width)
    last = _last_difference(rows, first, width) + 1
    spans: list[tuple[int, int]] = []
    run_start: int | None = first
    pos = first + 1
    while pos + _CHUNK < last:
        end = pos + _CHUNK
        if chars[pos:end] == old_chars[pos:end] and styles[pos:end] == old_styles[pos:end]:
            if run_start is not None:
                spans.append((run_start, _last_difference(rows, run_start, pos) + 1))
                run_start = None
        elif run_start is None:
            run_start = _first_difference(rows, pos, end)
        pos = end
    if run_start is None:
        run_start = _first_difference(rows, pos, last)
    spans.append((run_start, last))
    runs: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        start = span_start - 1 if span_start > 0 and chars[span_start] == "" else span_start
        end = span_end + 1 if span_end < width and chars[span_end] == "" else span_end
        if runs and start - runs[-1][1] <= _MERGE_GAP:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs
