"""Frame composition and encoding for the capsule's one attached client (spec A13, A15).

Build a `Canvas` per frame with `compose` (or the `draw_*` pieces), then let a
per-client `FrameEncoder` turn it into the cell diff against the previous frame,
wrapped in synchronised-output brackets. `ModeReconciler` re-asserts the focused
pane's outer-terminal modes after each frame, emitting only transitions.
"""

from jackin_capsule.render._canvas import Canvas
from jackin_capsule.render._cells import char_width, convert_cells, text_cells, text_width
from jackin_capsule.render._chrome import (
    BRAND_WIDTH,
    GLYPH_STATES,
    MENU_LABEL,
    PREFIX_LABEL,
    ChromeHits,
    ChromeState,
    TabChip,
    chrome_hits,
    draw_chrome,
)
from jackin_capsule.render._compose import PaneView, compose
from jackin_capsule.render._dialog import DialogView, draw_dialog
from jackin_capsule.render._encoder import SYNC_BEGIN, SYNC_END, FrameEncoder
from jackin_capsule.render._modes import ModeReconciler, OuterModes
from jackin_capsule.render._pane import (
    FOCUSED_BORDER,
    UNFOCUSED_BORDER,
    PaneRowCache,
    PaneSource,
    draw_pane,
)
from jackin_capsule.render._style import DEFAULT_STYLE, Style, sgr, style_of_char

__all__ = [
    "BRAND_WIDTH",
    "DEFAULT_STYLE",
    "FOCUSED_BORDER",
    "GLYPH_STATES",
    "MENU_LABEL",
    "PREFIX_LABEL",
    "SYNC_BEGIN",
    "SYNC_END",
    "UNFOCUSED_BORDER",
    "Canvas",
    "ChromeHits",
    "ChromeState",
    "DialogView",
    "FrameEncoder",
    "ModeReconciler",
    "OuterModes",
    "PaneRowCache",
    "PaneSource",
    "PaneView",
    "Style",
    "TabChip",
    "char_width",
    "chrome_hits",
    "compose",
    "convert_cells",
    "draw_chrome",
    "draw_dialog",
    "draw_pane",
    "sgr",
    "style_of_char",
    "text_cells",
    "text_width",
]
