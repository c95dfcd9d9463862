"""Cells and scrollback rows shared by the screen and the fast-forward path.

A scrollback row is either a tuple of pyte `Char` cells (a row that scrolled off
the screen, exact) or a plain `str` (a row of text appended by the fast-forward
path, attributes dropped). Both render to exactly `cols` cells.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping

from pyte.screens import Char, wcwidth

#: The blank cell: a space with default attributes.
BLANK = Char(" ")

#: One scrollback row.
HistoryEntry = str | tuple[Char, ...]


class _PlainCells(dict[str, Char]):
    """Default-attribute cells keyed by character, built on first use."""

    __slots__ = ()

    def __missing__(self, data: str) -> Char:
        cell = BLANK._replace(data=data)
        if len(self) < 4096:
            self[data] = cell
        return cell


_PLAIN = _PlainCells()


def freeze_row(line: Mapping[int, Char] | None, cols: int) -> HistoryEntry:
    """Snapshot a screen row (pyte's sparse row dict) as an immutable scrollback row."""
    if not line:
        return ""
    width = cols
    if getattr(line, "default", None) == BLANK:
        # Cells past the last written one are blank: rendering pads them back.
        width = min(cols, max(line) + 1)
    return tuple(map(line.__getitem__, range(width)))


def render_entry(entry: HistoryEntry, cols: int) -> list[Char]:
    """Exactly `cols` cells for one scrollback row (truncated or padded with blanks)."""
    if isinstance(entry, tuple):
        if len(entry) >= cols:
            return list(entry[:cols])
        return [*entry, *([BLANK] * (cols - len(entry)))]
    return _text_cells(entry, cols)


def _text_cells(text: str, cols: int) -> list[Char]:
    if text.isascii():
        cells = list(map(_PLAIN.__getitem__, text[:cols]))
    else:
        cells = []
        for char in text:
            width = wcwidth(char)
            if width == 0:
                if cells:
                    at = len(cells) - 1
                    if not cells[at].data and at > 0:
                        at -= 1  # a wide character's stub: join the character itself
                    last = cells[at]
                    cells[at] = last._replace(data=unicodedata.normalize("NFC", last.data + char))
                continue
            if width < 0 or len(cells) >= cols:
                continue
            cells.append(_PLAIN[char])
            if width == 2 and len(cells) < cols:
                cells.append(_PLAIN[""])
    if len(cells) < cols:
        cells.extend([BLANK] * (cols - len(cells)))
    return cells


def text_rows(line: str, cols: int, tabstops: Collection[int]) -> list[HistoryEntry]:
    """The rows one logical line (no LF) fills when drawn from column 0, without attributes.

    Follows the screen's drawing rules with autowrap on (wrap when the cursor sits past
    the last column or a wide character does not fit, CR to column 0, BS one left, TAB
    to the next stop but not out of a pending wrap, zero-width characters join the
    previous cell, a wide character cut in half is blanked). Printable ASCII that fits
    stays a `str`.
    """
    line = line.rstrip("\r")
    if line.isascii() and line.isprintable():
        if len(line) <= cols:
            return [line]
        return [line[i : i + cols] for i in range(0, len(line), cols)]
    return _simulate(line, cols, tabstops)


def _simulate(line: str, cols: int, tabstops: Collection[int]) -> list[HistoryEntry]:
    rows: list[list[str]] = [[]]
    x = 0
    stops = sorted(tabstops)
    for char in line:
        if char == "\r":
            x = 0
        elif char == "\b":
            x = max(0, (x - 1 if x == cols else x) - 1)
        elif char == "\t":
            if x < cols:
                x = next((stop for stop in stops if x < stop < cols), cols - 1)
        else:
            width = wcwidth(char)
            if width == 0:
                _join(rows[-1], x, char)
            elif width > 0:
                if x >= cols or cols >= width > cols - x:  # a pending wrap, or no room
                    rows.append([])
                    x = 0
                if width <= cols:  # else dropped, as on the screen
                    _put(rows[-1], x, char, width)
                    x += width
    return [tuple(map(_PLAIN.__getitem__, row)) for row in rows]


def _join(row: list[str], x: int, char: str) -> None:
    """A zero-width character joins the cell before column `x` (or its wide character)."""
    if x > 0 and row:
        at = min(x, len(row)) - 1
        if not row[at] and at > 0:
            at -= 1
        row[at] = unicodedata.normalize("NFC", row[at] + char)


def _put(row: list[str], x: int, char: str, width: int) -> None:
    """Write a character of `width` cells at column `x`, blanking any wide character it cuts."""
    end = x + width
    if len(row) < end:
        row.extend([" "] * (end - len(row)))
    if x > 0 and not row[x]:
        row[x - 1] = " "  # the wide character whose right half this overwrites
    if end < len(row) and not row[end]:
        row[end] = " "  # the stub of the wide character this overwrites
    row[x] = char
    if width == 2:
        row[x + 1] = ""
