"""Whole-frame composition: chrome, pane boxes and an optional dialog."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from jackin_capsule.layout import Rect, ScreenLayout
from jackin_capsule.render._canvas import Canvas
from jackin_capsule.render._chrome import ChromeState, draw_chrome
from jackin_capsule.render._dialog import DialogView, draw_dialog
from jackin_capsule.render._pane import PaneRowCache, PaneSource, draw_pane

__all__ = ["PaneView", "compose"]


@dataclass(frozen=True, eq=False)
class PaneView:
    """One pane to draw: its outer box, what it shows and how to title it.

    `dirty` and `cache` are optional: see `PaneRowCache`.
    """

    box: Rect
    source: PaneSource
    title: str
    focused: bool
    dirty: Set[int] | None = None
    cache: PaneRowCache | None = None


def compose(
    layout: ScreenLayout,
    chrome: ChromeState,
    panes: Sequence[PaneView],
    *,
    dialog: DialogView | None = None,
    cursor: tuple[int, int] | None = None,
    cursor_visible: bool = True,
) -> tuple[Canvas, tuple[int, int] | None]:
    """Build the frame's canvas and where the outer cursor goes (None: hidden).

    `cursor` is the focused pane's cursor (row, col) inside its interior; it is shown
    only when `cursor_visible`, no dialog is open and it lies inside the interior.
    With a dialog open the content area is blanked and the panes are not drawn.
    """
    canvas = Canvas(layout.rows, layout.cols)
    draw_chrome(canvas, layout, chrome)
    if dialog is not None:
        draw_dialog(canvas, layout.content, dialog)
        return canvas, None
    outer: tuple[int, int] | None = None
    for pane in panes:
        box = _clip(pane.box, layout.content)
        interior = draw_pane(
            canvas,
            box,
            pane.source,
            title=pane.title,
            focused=pane.focused,
            dirty=pane.dirty,
            cache=pane.cache,
        )
        if pane.focused and cursor is not None and cursor_visible:
            row, col = cursor
            if 0 <= row < interior.rows and 0 <= col < interior.cols:
                outer = (interior.top + row, interior.left + col)
    return canvas, outer


def _clip(box: Rect, area: Rect) -> Rect:
    """`box` limited to `area` (pane boxes never paint over the chrome rows)."""
    top = max(box.top, area.top)
    left = max(box.left, area.left)
    bottom = min(box.bottom, area.bottom)
    right = min(box.right, area.right)
    if top == box.top and left == box.left and bottom == box.bottom and right == box.right:
        return box
    return Rect(top, left, max(0, bottom - top), max(0, right - left))
