"""Chrome rows: brand pill, tabs, menu button, underline, hints and context bar."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.layout import ScreenLayout
from jackin_capsule.render import (
    MENU_LABEL,
    PREFIX_LABEL,
    Canvas,
    ChromeState,
    Style,
    TabChip,
    chrome_hits,
    draw_chrome,
    text_width,
)

GREEN = "00ff41"


def _draw(rows: int, cols: int, chrome: ChromeState) -> tuple[Canvas, ScreenLayout]:
    layout = ScreenLayout.for_size(rows, cols)
    canvas = Canvas(layout.rows, layout.cols)
    draw_chrome(canvas, layout, chrome)
    return canvas, layout


def _text(canvas: Canvas, row: int, start: int, end: int) -> str:
    return "".join(canvas.cell(row, col)[0] for col in range(start, end))


CHROME = ChromeState(
    tabs=[TabChip("claude", "working", active=True), TabChip("shell", "idle")],
    hints=[("Ctrl-\\", "menu"), ("Ctrl-Q", "quit")],
    context_left="Branch · feat/x",
    instance_id="jk-abc123",
)


def test_brand_pill_at_column_zero() -> None:
    canvas, _ = _draw(24, 80, CHROME)
    assert _text(canvas, 0, 0, 9) == " jackin❯ "
    assert canvas.cell(0, 0)[1].bg == GREEN
    assert canvas.cell(0, 1)[1] == Style(fg="000000", bg=GREEN, bold=True)
    assert canvas.cell(0, 7)[1] == Style(fg="ffffff", bg=GREEN, bold=True)
    assert canvas.cell(0, 8)[1].bg == GREEN
    assert canvas.cell(0, 9) == (" ", Style())


def test_tabs_follow_the_pill_with_their_glyphs() -> None:
    canvas, _ = _draw(24, 80, CHROME)
    hits = chrome_hits(ScreenLayout.for_size(24, 80), CHROME)
    assert hits.tabs == ((10, 20), (20, 29))
    assert _text(canvas, 0, 10, 20) == " claude ▶ "
    assert _text(canvas, 0, 20, 29) == " shell ◆ "
    working = canvas.cell(0, 18)[1]
    assert (working.fg, working.bold) == ("cc5c00", True)
    idle = canvas.cell(0, 27)[1]
    assert (idle.fg, idle.bold) == (GREEN, True)
    assert canvas.cell(0, 11)[1].bold  # active label
    assert not canvas.cell(0, 21)[1].bold  # inactive label


@pytest.mark.parametrize(
    ("state", "glyph", "fg"),
    [("blocked", "●", "ff3c3c"), ("done", "○", None), ("unknown", " ", None)],
)
def test_other_glyphs(state: str, glyph: str, fg: str | None) -> None:
    canvas, _ = _draw(24, 80, ChromeState(tabs=[TabChip("t", state)]))
    assert canvas.cell(0, 13)[0] == glyph
    if fg is not None:
        assert canvas.cell(0, 13)[1].fg == fg


def test_menu_button_is_right_aligned_with_two_spare_columns() -> None:
    canvas, _ = _draw(24, 80, CHROME)
    width = text_width(MENU_LABEL)
    assert _text(canvas, 0, 80 - 2 - width, 78) == MENU_LABEL
    assert canvas.cell(0, 72)[1] == Style(fg="ffffff", bg="124682", bold=True)
    assert _text(canvas, 0, 78, 80) == "  "


def test_prefix_pending_changes_the_button() -> None:
    chrome = ChromeState(tabs=CHROME.tabs, prefix_pending=True)
    canvas, _ = _draw(24, 80, chrome)
    width = text_width(PREFIX_LABEL)
    assert _text(canvas, 0, 78 - width, 78) == PREFIX_LABEL
    assert canvas.cell(0, 78 - width)[1] == Style(fg="000000", bg="60b4ff", bold=True)
    assert chrome_hits(ScreenLayout.for_size(24, 80), chrome).menu == (78 - width, 78)


def test_underline_only_under_the_active_tab() -> None:
    tabs = [TabChip("one"), TabChip("two", active=True), TabChip("three")]
    canvas, layout = _draw(24, 80, ChromeState(tabs=tabs))
    hits = chrome_hits(layout, ChromeState(tabs=tabs))
    start, end = hits.tabs[1] or (0, 0)
    row = canvas.row_chars(layout.underline_row)
    assert row[start:end] == ["━"] * (end - start)
    assert set(row[:start] + row[end:]) == {" "}


def test_too_many_tabs_are_clipped_with_a_muted_marker() -> None:
    tabs = [TabChip(f"tab-number-{n}") for n in range(10)]
    chrome = ChromeState(tabs=tabs)
    canvas, layout = _draw(24, 60, chrome)
    hits = chrome_hits(layout, chrome)
    assert hits.overflow
    assert hits.menu is not None
    marker = hits.menu[0] - 2
    assert canvas.cell(0, marker) == ("›", Style(fg="7a8a7a"))
    shown = [span for span in hits.tabs if span is not None]
    assert 0 < len(shown) < len(tabs)
    assert all(end <= marker for _, end in shown)


def test_hints_are_centred() -> None:
    canvas, layout = _draw(24, 80, CHROME)
    text = canvas.row_text(layout.hint_row)
    assert text.strip() == "Ctrl-\\ menu · Ctrl-Q quit"
    left = len(text) - len(text.lstrip())
    right = len(text) - len(text.rstrip())
    assert abs(left - right) <= 1
    assert canvas.cell(layout.hint_row, left)[1] == Style(fg="ffffff", bold=True)
    label_col = left + len("Ctrl-\\ ")
    assert canvas.cell(layout.hint_row, label_col)[1].fg == GREEN


def test_hints_that_do_not_fit_are_dropped_whole() -> None:
    hints = [("Ctrl-\\", "menu"), ("Alt+Shift+arrows", "resize pane"), ("Ctrl-Q", "quit")]
    canvas, layout = _draw(24, 30, ChromeState(hints=hints))
    assert canvas.row_text(layout.hint_row).strip() == "Ctrl-\\ menu"


def test_context_bar_is_white_with_text_and_instance_chip() -> None:
    canvas, layout = _draw(24, 80, CHROME)
    row = layout.context_row
    assert all(canvas.cell(row, col)[1].bg == "ffffff" for col in range(80))
    assert canvas.row_text(row).startswith(" Branch · feat/x")
    hits = chrome_hits(layout, CHROME)
    assert hits.instance_chip == (70, 79)
    assert _text(canvas, row, 70, 79) == "jk-abc123"
    assert canvas.cell(row, 70)[1].fg == "0050b4"
    assert hits.debug_chip is None


def test_debug_chip_sits_right_of_the_instance_id() -> None:
    chrome = ChromeState(instance_id="jk-1", debug=True, context_left="x" * 200)
    canvas, layout = _draw(24, 80, chrome)
    hits = chrome_hits(layout, chrome)
    assert hits.debug_chip is not None
    assert hits.instance_chip is not None
    start, end = hits.debug_chip
    assert _text(canvas, layout.context_row, start, end) == " debug "
    assert canvas.cell(layout.context_row, start)[1].bg == "ff5e7a"
    assert hits.instance_chip[1] < start
    # The long left text stops before the chips.
    text = canvas.row_text(layout.context_row)
    assert text.index("jk-1") > text.rindex("x")


def test_chrome_leaves_the_content_area_alone() -> None:
    canvas, layout = _draw(24, 80, CHROME)
    for row in range(layout.content.top, layout.content.bottom):
        assert canvas.row_text(row) == " " * 80


@settings(max_examples=100, deadline=None)
@given(
    rows=st.integers(0, 40),
    cols=st.integers(0, 120),
    labels=st.lists(st.text(min_size=0, max_size=12), max_size=8),
    prefix=st.booleans(),
    debug=st.booleans(),
)
def test_any_size_draws_without_error(
    rows: int, cols: int, labels: list[str], prefix: bool, debug: bool
) -> None:
    chrome = ChromeState(
        tabs=[TabChip(label, "blocked", active=i == 0) for i, label in enumerate(labels)],
        prefix_pending=prefix,
        hints=[("Ctrl-Q", "quit")],
        context_left="Branch · main",
        instance_id="jk-0",
        debug=debug,
    )
    canvas, layout = _draw(rows, cols, chrome)
    hits = chrome_hits(layout, chrome)
    spans = [span for span in (*hits.tabs, hits.menu) if span is not None]
    for start, end in spans:
        assert 0 <= start < end <= layout.cols
    assert canvas.rows == layout.rows


def test_chrome_state_is_hashable() -> None:
    assert hash(CHROME) == hash(ChromeState(**{**CHROME.__dict__}))


def test_strip_scrolls_so_the_active_tab_is_shown() -> None:
    tabs = [TabChip(f"tab-{n}", active=n == 4) for n in range(5)]
    chrome = ChromeState(tabs=tabs)
    canvas, layout = _draw(24, 60, chrome)
    hits = chrome_hits(layout, chrome)
    assert hits.overflow
    assert hits.tabs[0] is None
    assert hits.tabs[4] is not None
    assert canvas.cell(0, 10) == ("‹", Style(fg="7a8a7a"))
    start, end = hits.tabs[4]
    assert _text(canvas, 0, start, end).strip() == "tab-4"
    assert canvas.row_chars(layout.underline_row)[start:end] == ["━"] * (end - start)
