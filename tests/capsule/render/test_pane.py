"""Pane boxes: border, title, body and the row-conversion cache."""

from __future__ import annotations

from jackin_capsule.layout import Rect
from jackin_capsule.render import (
    FOCUSED_BORDER,
    UNFOCUSED_BORDER,
    Canvas,
    PaneRowCache,
    Style,
    draw_pane,
)
from tests.capsule.render.support import ScreenSource


def _pane(text: str, rows: int = 3, cols: int = 8) -> ScreenSource:
    source = ScreenSource(rows, cols)
    source.feed(text)
    return source


def test_box_title_and_body() -> None:
    canvas = Canvas(7, 14)
    source = _pane("hi \x1b[32mthere\x1b[0m\r\nx", rows=3, cols=10)
    interior = draw_pane(canvas, Rect(1, 1, 5, 12), source, title="claude", focused=True)
    assert interior == Rect(2, 2, 3, 10)
    assert canvas.lines() == [
        " " * 14,
        " ┌ claude ──┐ ",
        " │hi there  │ ",
        " │x         │ ",
        " │          │ ",
        " └──────────┘ ",
        " " * 14,
    ]
    assert canvas.cell(1, 1)[1] == FOCUSED_BORDER
    assert canvas.cell(1, 3)[1] == Style(fg="00ff41", bold=True)
    assert canvas.cell(2, 5)[1] == Style(fg="green")


def test_unfocused_border_is_grey() -> None:
    canvas = Canvas(4, 8)
    draw_pane(canvas, Rect(0, 0, 4, 8), _pane(""), title="t", focused=False)
    assert canvas.cell(0, 0) == ("┌", UNFOCUSED_BORDER)
    assert canvas.cell(3, 7) == ("┘", UNFOCUSED_BORDER)
    assert canvas.cell(1, 7) == ("│", UNFOCUSED_BORDER)


def test_long_titles_are_clipped_with_an_ellipsis() -> None:
    canvas = Canvas(3, 12)
    draw_pane(canvas, Rect(0, 0, 3, 12), _pane(""), title="a-very-long-title", focused=True)
    assert canvas.row_text(0) == "┌ a-very… ─┐"
    canvas = Canvas(3, 5)
    draw_pane(canvas, Rect(0, 0, 3, 5), _pane(""), title="abc", focused=True)
    assert canvas.row_text(0) == "┌───┐"


def test_source_larger_or_smaller_than_the_interior() -> None:
    canvas = Canvas(4, 6)
    draw_pane(
        canvas, Rect(0, 0, 4, 6), _pane("abcdefgh\r\n12", rows=5, cols=8), title="", focused=True
    )
    assert canvas.lines()[1:3] == ["│abcd│", "│12  │"]
    canvas = Canvas(5, 8)
    draw_pane(canvas, Rect(0, 0, 5, 8), _pane("ab", rows=1, cols=2), title="", focused=True)
    assert canvas.lines()[1:4] == ["│ab    │", "│      │", "│      │"]


def test_tiny_and_clipped_boxes() -> None:
    canvas = Canvas(3, 3)
    assert draw_pane(canvas, Rect(0, 0, 1, 3), _pane(""), title="t", focused=True).empty
    assert draw_pane(canvas, Rect(0, 0, 2, 3), _pane(""), title="t", focused=True).empty
    assert canvas.lines()[:2] == ["┌─┐", "└─┘"]
    canvas = Canvas(3, 6)
    draw_pane(canvas, Rect(1, 3, 5, 6), _pane("abcdef"), title="", focused=True)
    assert canvas.lines() == ["      ", "   ┌──", "   │ab"]


def test_wide_characters_in_the_body() -> None:
    canvas = Canvas(3, 6)
    draw_pane(canvas, Rect(0, 0, 3, 6), _pane("a世界", rows=1, cols=5), title="", focused=True)
    # 界 would straddle the right border: it becomes a space.
    assert canvas.row_chars(1) == ["│", "a", "世", "", " ", "│"]


def test_cache_reconverts_only_dirty_rows() -> None:
    source = ScreenSource(4, 10)
    source.feed("one\r\ntwo\r\nthree")
    cache = PaneRowCache()
    canvas = Canvas(6, 12)
    draw_pane(canvas, Rect(0, 0, 6, 12), source, title="", focused=True, cache=cache)
    assert source.calls == 4
    dirty = source.feed("\x1b[2;1HTWO")
    canvas = Canvas(6, 12)
    draw_pane(canvas, Rect(0, 0, 6, 12), source, title="", focused=True, dirty=dirty, cache=cache)
    assert source.calls == 5
    assert canvas.row_text(2) == "│TWO       │"
    assert canvas.row_text(1) == "│one       │"
    # An empty dirty set reads nothing; None checks every row.
    draw_pane(canvas, Rect(0, 0, 6, 12), source, title="", focused=True, dirty=set(), cache=cache)
    assert source.calls == 5
    draw_pane(canvas, Rect(0, 0, 6, 12), source, title="", focused=True, dirty=None, cache=cache)
    assert source.calls == 9


def test_cache_follows_a_scroll_and_a_resize() -> None:
    source = ScreenSource(3, 6)
    source.feed("a\r\nb\r\nc")
    cache = PaneRowCache()
    canvas = Canvas(5, 8)
    draw_pane(canvas, Rect(0, 0, 5, 8), source, title="", focused=True, cache=cache)
    dirty = source.feed("\r\nd")
    assert dirty == {0, 1, 2}
    canvas = Canvas(5, 8)
    draw_pane(canvas, Rect(0, 0, 5, 8), source, title="", focused=True, dirty=dirty, cache=cache)
    assert canvas.lines()[1:4] == ["│b     │", "│c     │", "│d     │"]
    source.screen.resize(3, 4)
    canvas = Canvas(5, 6)
    draw_pane(canvas, Rect(0, 0, 5, 6), source, title="", focused=True, dirty=set(), cache=cache)
    assert canvas.lines()[1:4] == ["│b   │", "│c   │", "│d   │"]
    cache.clear()
    draw_pane(canvas, Rect(0, 0, 5, 6), source, title="", focused=True, dirty=set(), cache=cache)
    assert canvas.lines()[1:4] == ["│b   │", "│c   │", "│d   │"]


def test_a_stale_dirty_set_is_the_callers_contract() -> None:
    source = ScreenSource(2, 4)
    cache = PaneRowCache()
    canvas = Canvas(4, 6)
    draw_pane(canvas, Rect(0, 0, 4, 6), source, title="", focused=True, cache=cache)
    source.stream.feed("zz")  # changed, but reported as clean
    draw_pane(canvas, Rect(0, 0, 4, 6), source, title="", focused=True, dirty=set(), cache=cache)
    assert canvas.row_text(1) == "│    │"
    draw_pane(canvas, Rect(0, 0, 4, 6), source, title="", focused=True, dirty={0}, cache=cache)
    assert canvas.row_text(1) == "│zz  │"
