"""The capsule chrome: tab strip, underline, hint bar and context bar (spec A15)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jackin_capsule.layout import Rect, ScreenLayout
from jackin_capsule.render._canvas import Canvas
from jackin_capsule.render._cells import text_width
from jackin_capsule.render._style import Style
from jackin_capsule.render._theme import (
    ACTIVE_TAB_BG,
    BLACK,
    BLOCKED_RED,
    DANGER_RED,
    LINK_ON_WHITE,
    MENU_BLUE,
    PHOSPHOR_GREEN,
    PREFIX_BLUE,
    TEXT_MUTED,
    TEXT_STRONG,
    WHITE,
    WORKING_AMBER,
)

__all__ = [
    "BRAND_WIDTH",
    "GLYPH_STATES",
    "MENU_LABEL",
    "PREFIX_LABEL",
    "ChromeHits",
    "ChromeState",
    "TabChip",
    "chrome_hits",
    "draw_chrome",
]

BRAND_WIDTH = 9
MENU_LABEL = " ☰Menu "
PREFIX_LABEL = " prefix… "
GLYPH_STATES = ("blocked", "working", "done", "idle", "unknown")
_RIGHT_MARGIN = 2
_TABS_START = BRAND_WIDTH + 1
_OVERFLOW = "›"
_LEFT_OVERFLOW = "‹"
_SEPARATOR = " · "

_BRAND_BG = Style(bg=PHOSPHOR_GREEN)
_BRAND_WORD = Style(fg=BLACK, bg=PHOSPHOR_GREEN, bold=True)
_BRAND_MARK = Style(fg=WHITE, bg=PHOSPHOR_GREEN, bold=True)
_MENU = Style(fg=WHITE, bg=MENU_BLUE, bold=True)
_PREFIX = Style(fg=BLACK, bg=PREFIX_BLUE, bold=True)
_ACTIVE_TAB = Style(fg=TEXT_STRONG, bg=ACTIVE_TAB_BG, bold=True)
_INACTIVE_TAB = Style(fg=TEXT_MUTED)
_MUTED = Style(fg=TEXT_MUTED)
_UNDERLINE = Style(fg=WHITE)
_HINT_KEY = Style(fg=WHITE, bold=True)
_HINT_LABEL = Style(fg=PHOSPHOR_GREEN)
_BAR = Style(bg=WHITE)
_BAR_TEXT = Style(fg=BLACK, bg=WHITE)
_INSTANCE = Style(fg=LINK_ON_WHITE, bg=WHITE, underscore=True)
_DEBUG = Style(fg=WHITE, bg=DANGER_RED, bold=True)
_DEBUG_LABEL = " debug "

_GLYPHS: dict[str, tuple[str, Style | None]] = {
    "blocked": ("●", Style(fg=BLOCKED_RED, bold=True)),
    "working": ("▶", Style(fg=WORKING_AMBER, bold=True)),
    "done": ("○", None),
    "idle": ("◆", Style(fg=PHOSPHOR_GREEN, bold=True)),
    "unknown": (" ", None),
}

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class TabChip:
    """One tab in the strip: its label, the roll-up state glyph and whether it is active."""

    label: str
    glyph_state: str = "unknown"
    active: bool = False


@dataclass(frozen=True)
class ChromeState:
    """Everything the chrome rows show; sequences are stored as tuples (hashable)."""

    tabs: Sequence[TabChip] = ()
    prefix_pending: bool = False
    hints: Sequence[tuple[str, str]] = ()
    context_left: str = ""
    instance_id: str = ""
    debug: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "tabs", tuple(self.tabs))
        object.__setattr__(self, "hints", tuple((k, v) for k, v in self.hints))


@dataclass(frozen=True)
class ChromeHits:
    """Clickable chrome spans: half-open column ranges, None when not shown.

    `tabs` and `menu` are on the tab row; the chips are on the context bar.
    """

    tabs: tuple[Span | None, ...] = ()
    menu: Span | None = None
    instance_chip: Span | None = None
    debug_chip: Span | None = None
    overflow: bool = False


def _chip_text(tab: TabChip) -> str:
    return f" {tab.label} "


@dataclass(frozen=True)
class _TabPlan:
    spans: list[Span | None]
    menu: Span | None
    left_marker: int | None
    right_marker: int | None


def _plan_tabs(cols: int, chrome: ChromeState) -> _TabPlan:
    """Where each tab, the overflow markers and the menu button go on the tab row.

    Tabs are laid out left to right; when the active one would not fit, the strip
    scrolls (hiding tabs on the left behind a `‹`) until it does. Tabs that do not
    fit on the right are clipped behind a `›`.
    """
    label = PREFIX_LABEL if chrome.prefix_pending else MENU_LABEL
    menu_start = cols - _RIGHT_MARGIN - text_width(label)
    menu: Span | None = None
    end = cols - _RIGHT_MARGIN
    if menu_start > _TABS_START:
        menu = (menu_start, menu_start + text_width(label))
        end = menu_start - 1
    tabs = chrome.tabs
    widths = [text_width(_chip_text(tab)) + 2 for tab in tabs]
    active = next((index for index, tab in enumerate(tabs) if tab.active), 0)
    first = 0
    while first < active:
        start = _TABS_START + (1 if first else 0)
        needed = start + sum(widths[first : active + 1])
        if active < len(tabs) - 1 and start + sum(widths[first:]) > end:
            needed += 1  # the right marker
        if needed <= end:
            break
        first += 1
    spans: list[Span | None] = [None] * len(tabs)
    x = _TABS_START + (1 if first else 0)
    clipped = False
    for index in range(first, len(tabs)):
        width = widths[index]
        if x + width <= end:
            spans[index] = (x, x + width)
            x += width
            continue
        clipped = True
        if x < end:
            spans[index] = (x, end)
        break
    right_marker: int | None = None
    if clipped and end - 1 > _TABS_START:
        right_marker = end - 1
        for index, span in enumerate(spans):
            if span is not None and span[1] > right_marker:
                spans[index] = (span[0], right_marker) if span[0] < right_marker else None
    left_marker = _TABS_START if first and end > _TABS_START else None
    return _TabPlan(spans, menu, left_marker, right_marker)


def _plan_bar(cols: int, chrome: ChromeState) -> tuple[Span | None, Span | None]:
    """Spans of the instance chip and the debug chip on the context bar."""
    right = cols - 1
    debug: Span | None = None
    if chrome.debug:
        width = text_width(_DEBUG_LABEL)
        if right - width >= 0:
            debug = (right - width, right)
            right -= width + 1
    instance: Span | None = None
    if chrome.instance_id:
        width = text_width(chrome.instance_id)
        if right - width >= 0:
            instance = (right - width, right)
    return instance, debug


def chrome_hits(layout: ScreenLayout, chrome: ChromeState) -> ChromeHits:
    """Where `draw_chrome` puts each clickable element, without drawing."""
    plan = _plan_tabs(layout.cols, chrome)
    instance, debug = _plan_bar(layout.cols, chrome)
    overflow = plan.left_marker is not None or plan.right_marker is not None
    return ChromeHits(tuple(plan.spans), plan.menu, instance, debug, overflow)


def draw_chrome(canvas: Canvas, layout: ScreenLayout, chrome: ChromeState) -> ChromeHits:
    """Draw the tab strip, underline, hint bar and context bar; returns the click spans."""
    plan = _plan_tabs(layout.cols, chrome)
    _draw_tab_row(canvas, layout, chrome, plan)
    instance, debug = _plan_bar(layout.cols, chrome)
    _draw_hints(canvas, layout, chrome.hints)
    _draw_bar(canvas, layout, chrome, instance, debug)
    overflow = plan.left_marker is not None or plan.right_marker is not None
    return ChromeHits(tuple(plan.spans), plan.menu, instance, debug, overflow)


def _draw_tab_row(
    canvas: Canvas, layout: ScreenLayout, chrome: ChromeState, plan: _TabPlan
) -> None:
    row = layout.tab_row
    canvas.fill(Rect(row, 0, 1, layout.cols))
    canvas.put_text(row, 0, " ", _BRAND_BG)
    canvas.put_text(row, 1, "jackin", _BRAND_WORD)
    canvas.put_text(row, 7, "❯", _BRAND_MARK)
    canvas.put_text(row, 8, " ", _BRAND_BG)
    for tab, span in zip(chrome.tabs, plan.spans, strict=True):
        if span is None:
            continue
        start, end = span
        style = _ACTIVE_TAB if tab.active else _INACTIVE_TAB
        used = canvas.put_text(row, start, _chip_text(tab), style, end - start)
        glyph, glyph_style = _GLYPHS.get(tab.glyph_state, _GLYPHS["unknown"])
        if start + used < end:
            glyph_look = style if glyph_style is None else glyph_style._replace(bg=style.bg)
            canvas.put_text(row, start + used, glyph, glyph_look, end - start - used)
        if start + used + 1 < end:
            canvas.put_text(row, start + used + 1, " ", style, 1)
        if tab.active:
            canvas.put_text(layout.underline_row, start, "━" * (end - start), _UNDERLINE)
    if plan.left_marker is not None:
        canvas.put_text(row, plan.left_marker, _LEFT_OVERFLOW, _MUTED)
    if plan.right_marker is not None:
        canvas.put_text(row, plan.right_marker, _OVERFLOW, _MUTED)
    if plan.menu is not None:
        label = PREFIX_LABEL if chrome.prefix_pending else MENU_LABEL
        canvas.put_text(row, plan.menu[0], label, _PREFIX if chrome.prefix_pending else _MENU)


def _draw_hints(canvas: Canvas, layout: ScreenLayout, hints: Sequence[tuple[str, str]]) -> None:
    row = layout.hint_row
    if row <= layout.underline_row:
        return
    shown = list(hints)
    separator = text_width(_SEPARATOR)

    def width_of(groups: list[tuple[str, str]]) -> int:
        total = sum(text_width(key) + 1 + text_width(label) for key, label in groups)
        return total + separator * max(0, len(groups) - 1)

    while shown and width_of(shown) > layout.cols:
        shown.pop()
    x = (layout.cols - width_of(shown)) // 2
    for index, (key, label) in enumerate(shown):
        if index:
            x += canvas.put_text(row, x, _SEPARATOR, _MUTED)
        x += canvas.put_text(row, x, key, _HINT_KEY)
        x += canvas.put_text(row, x, " " + label, _HINT_LABEL)


def _draw_bar(
    canvas: Canvas,
    layout: ScreenLayout,
    chrome: ChromeState,
    instance: Span | None,
    debug: Span | None,
) -> None:
    row = layout.context_row
    cols = layout.cols
    canvas.fill(Rect(row, 0, 1, cols), " ", _BAR)
    limit = cols - 2
    if instance is not None:
        canvas.put_text(row, instance[0], chrome.instance_id, _INSTANCE)
        limit = instance[0] - 2
    elif debug is not None:
        limit = debug[0] - 2
    if debug is not None:
        canvas.put_text(row, debug[0], _DEBUG_LABEL, _DEBUG)
    if chrome.context_left and limit > 0:
        canvas.put_text(row, 1, chrome.context_left, _BAR_TEXT, limit)
