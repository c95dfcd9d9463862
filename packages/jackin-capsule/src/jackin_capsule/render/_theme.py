"""Colour tokens of the capsule chrome (spec C), as pyte-style hex strings."""

from __future__ import annotations

__all__ = [
    "ACTIVE_TAB_BG",
    "BLACK",
    "BLOCKED_RED",
    "BORDER_GREY",
    "DANGER_RED",
    "LINK_ON_WHITE",
    "MENU_BLUE",
    "PHOSPHOR_DARK",
    "PHOSPHOR_GREEN",
    "PREFIX_BLUE",
    "TEXT_BODY",
    "TEXT_MUTED",
    "TEXT_STRONG",
    "WHITE",
    "WORKING_AMBER",
]

PHOSPHOR_GREEN = "00ff41"
PHOSPHOR_DARK = "005012"
BORDER_GREY = "303a32"
TEXT_BODY = "d6e0d6"
TEXT_STRONG = "f0f5f0"
TEXT_MUTED = "7a8a7a"
ACTIVE_TAB_BG = "1a221c"
DANGER_RED = "ff5e7a"
BLOCKED_RED = "ff3c3c"
WORKING_AMBER = "cc5c00"
MENU_BLUE = "124682"
PREFIX_BLUE = "60b4ff"
LINK_ON_WHITE = "0050b4"
WHITE = "ffffff"
BLACK = "000000"
