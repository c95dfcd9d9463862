"""Text and pyte rows turned into canvas cells.

A cell holds one character (possibly with combining marks); a wide character's cell
is followed by a stub cell holding ``""``, as in pyte. Every function here returns
rows that keep that pairing intact, since the outer terminal advances two columns for
a wide character.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from typing import Any

from pyte.screens import wcwidth  # the width function pyte gives its cells

from jackin_capsule.render._style import CHAR_STYLES, DEFAULT_STYLE, Style

__all__ = ["char_width", "convert_cells", "repair_wide", "text_cells", "text_width"]

_DATA = operator.itemgetter(0)
# pyte's default blank cell, as a plain tuple (equal to the `Char` it stands for).
_BLANK = (" ", "default", "default", False, False, False, False, False, False)
_BLANKS: list[Any] = [_BLANK] * 4096


@functools.lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns a cell's text takes: 1 or 2 (0 for an empty stub)."""
    if not char:
        return 0
    width = wcwidth(char[0])
    return 2 if width == 2 else 1


@functools.lru_cache(maxsize=2048)
def text_cells(text: str) -> tuple[str, ...]:
    """The cells `text` occupies; control characters become spaces.

    Zero-width characters join the previous cell (dropped at the start).
    """
    if text.isascii() and text.isprintable():
        return tuple(text)
    cells: list[str] = []
    for ch in text:
        width = wcwidth(ch)
        if width == 1:
            cells.append(ch)
        elif width == 2:
            cells.append(ch)
            cells.append("")
        elif width == 0:
            if cells:
                index = len(cells) - 1 if cells[-1] else len(cells) - 2
                cells[index] += ch
        else:
            cells.append(" ")
    return tuple(cells)


def text_width(text: str) -> int:
    """Columns `text` takes on screen."""
    return len(text_cells(text))


def repair_wide(chars: list[str]) -> None:
    """Make every wide cell be followed by a stub and every stub follow a wide cell.

    Orphaned stubs and wide cells without room for their stub become spaces.
    """
    if "".join(chars).isascii() and "" not in chars:
        return
    count = len(chars)
    i = 0
    while i < count:
        ch = chars[i]
        if not ch:
            chars[i] = " "
        elif not ch.isascii() and char_width(ch) == 2:
            if i + 1 < count and chars[i + 1] == "":
                i += 2
                continue
            chars[i] = " "
        i += 1


def convert_cells(cells: Sequence[Any], width: int) -> tuple[list[str], list[Style]]:
    """Characters and styles of exactly `width` cells from a row of pyte `Char`s.

    Shorter rows are padded with default blanks; longer rows are cut, and a wide
    character whose stub falls past the cut becomes a space.
    """
    cells = list(cells[:width]) if len(cells) > width else list(cells)
    used = _trim_blanks(cells)
    if used < len(cells):
        del cells[used:]
    chars = list(map(_DATA, cells))
    styles = list(map(CHAR_STYLES.__getitem__, cells))
    missing = width - len(chars)
    if missing > 0:
        chars.extend(" " * missing)
        styles.extend([DEFAULT_STYLE] * missing)
    repair_wide(chars)
    return chars, styles


def _trim_blanks(cells: list[Any]) -> int:
    """Length of `cells` without its trailing default blanks (binary search)."""
    count = len(cells)
    if not count or cells[-1] != _BLANK or count > len(_BLANKS):
        return count
    lo, hi = 0, count - 1  # the answer lies in [lo, hi]; cells[hi:] are blanks
    while lo < hi:
        mid = (lo + hi) // 2
        if cells[mid:] == _BLANKS[: count - mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo
