"""Test helpers: a pyte screen as a PaneSource, and decoding emitted frames."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import pyte

from jackin_capsule.render import Canvas, Style

# pyte spells SGR 33 "brown" (a Style may also say "yellow") and SGR 105 "bfightmagenta".
_ALIASES = {
    "yellow": "brown",
    "brightyellow": "brightbrown",
    "bfightmagenta": "brightmagenta",
}


class ScreenSource:
    """A pyte screen seen through the PaneSource protocol (like PaneTerminal)."""

    def __init__(self, rows: int, cols: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self.calls = 0

    @property
    def rows(self) -> int:
        return int(self.screen.lines)

    @property
    def cols(self) -> int:
        return int(self.screen.columns)

    def visible_row(self, row: int) -> Sequence[Any]:
        self.calls += 1
        line = self.screen.buffer[row]
        return [line[x] for x in range(self.screen.columns)]

    def feed(self, text: str) -> set[int]:
        """Feed output; returns (and clears) pyte's dirty rows."""
        self.stream.feed(text)
        dirty = set(self.screen.dirty)
        self.screen.dirty.clear()
        return dirty


class Terminal:
    """A pyte screen standing in for the client terminal (autowrap off, as attached)."""

    def __init__(self, rows: int, cols: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.stream.feed(b"\x1b[?7l")

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def mismatches(self, canvas: Canvas) -> list[str]:
        """Cells where the terminal differs from `canvas` (text NFC-normalised)."""
        problems: list[str] = []
        for row in range(canvas.rows):
            line = self.screen.buffer[row]
            for col in range(canvas.cols):
                char, style = canvas.cell(row, col)
                got = line[col]
                want = (unicodedata.normalize("NFC", char), *_normal(style))
                have = (
                    got.data,
                    _ALIASES.get(got.fg, got.fg),
                    _ALIASES.get(got.bg, got.bg),
                    got.bold,
                    got.italics,
                    got.underscore,
                    got.strikethrough,
                    got.reverse,
                    got.blink,
                )
                if want != have:
                    problems.append(f"({row},{col}) want {want!r} have {have!r}")
        return problems

    @property
    def cursor(self) -> tuple[int, int]:
        return int(self.screen.cursor.y), int(self.screen.cursor.x)

    @property
    def cursor_hidden(self) -> bool:
        return bool(self.screen.cursor.hidden)


def _normal(style: Style) -> tuple[Any, ...]:
    return (_ALIASES.get(style.fg, style.fg), _ALIASES.get(style.bg, style.bg), *style[2:])
