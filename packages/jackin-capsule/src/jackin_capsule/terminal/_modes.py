"""The per-pane terminal modes the compositor reads each frame (spec A12, A13)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class PaneModes:
    """Terminal modes a pane's program has asked for.

    The compositor reconciles the outer terminal against the focused pane's modes
    after each frame. `mouse_mode` is 0 or the last enabled tracking mode (9, 1000,
    1002, 1003); `mouse_encoding` is 0 (X10) or 1005 / 1006 / 1015; `kitty_flags`
    is the top of the active screen's kitty keyboard stack; `cursor_style` is the
    last DECSCUSR parameter.
    """

    bracketed_paste: bool = False
    application_cursor: bool = False
    cursor_hidden: bool = False
    focus_events: bool = False
    mouse_mode: int = 0
    mouse_encoding: int = 0
    alt_screen: bool = False
    kitty_flags: int = 0
    modify_other_keys: int = 0
    cursor_style: int = 0


def reset_soft_modes(modes: PaneModes) -> None:
    """DECSTR: every mode back to its default except the alternate screen."""
    modes.bracketed_paste = False
    modes.application_cursor = False
    modes.cursor_hidden = False
    modes.focus_events = False
    modes.mouse_mode = 0
    modes.mouse_encoding = 0
    modes.kitty_flags = 0
    modes.modify_other_keys = 0
    modes.cursor_style = 0
