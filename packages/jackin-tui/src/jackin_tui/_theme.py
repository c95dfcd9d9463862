"""The console's look (upstream-capsule-tui.md §C): the palette as constants and the App CSS.

Screens and dialogs use these names in their own `DEFAULT_CSS` (f-strings or literal
hex values) so the whole console draws from one palette. The background is always the
terminal's own (`ansi_default`), never a forced black.
"""

from __future__ import annotations

__all__ = [
    "ACTION_ACCENT",
    "APP_CSS",
    "BLACK",
    "BORDER_GREY",
    "CYAN",
    "CYAN_DIM",
    "DANGER",
    "DISCLOSURE",
    "HOVER",
    "LINK",
    "LINK_HOVER",
    "PHOSPHOR_DARK",
    "PHOSPHOR_DIM",
    "PHOSPHOR_GREEN",
    "TEXT_BODY",
    "TEXT_DISABLED",
    "TEXT_MUTED",
    "TEXT_STRONG",
]

PHOSPHOR_GREEN = "#00FF41"  # brand pill, focused borders, accent text, selected row bg
PHOSPHOR_DIM = "#008C1E"  # header label
PHOSPHOR_DARK = "#005012"  # header separator, inactive stacked-dialog border
BORDER_GREY = "#303A32"  # unfocused borders, scrollbar thumb, hint separators
TEXT_BODY = "#D6E0D6"
TEXT_STRONG = "#F0F5F0"  # drawn bold
TEXT_MUTED = "#7A8A7A"
TEXT_DISABLED = "#526052"
HOVER = "#1A221C"  # tab/row hover background
DANGER = "#FF5E7A"  # error popup border
CYAN = "#00B4B4"  # console instance rows
CYAN_DIM = "#007878"  # instance id
ACTION_ACCENT = "#B4FFB4"  # every `+ Add …` / `+ New …` row
DISCLOSURE = "#FFD066"  # tree headers in editor/settings
LINK = "#5EC8FF"  # copyable values, always underlined
LINK_HOVER = "#8FD8FF"
BLACK = "#000000"  # text on a green or cyan selection

APP_CSS = f"""
Screen {{
    background: ansi_default;
    color: {TEXT_BODY};
}}
* {{
    scrollbar-size-vertical: 1;
    scrollbar-size-horizontal: 1;
    scrollbar-background: {BORDER_GREY};
    scrollbar-background-hover: {BORDER_GREY};
    scrollbar-background-active: {BORDER_GREY};
    scrollbar-color: {BORDER_GREY};
    scrollbar-color-hover: {PHOSPHOR_DIM};
    scrollbar-color-active: {PHOSPHOR_GREEN};
    scrollbar-corner-color: ansi_default;
}}
ModalScreen {{
    background: transparent;
}}
"""
