"""Keyboard help (`?`, B9): every key of the live keymaps; Esc closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui._theme import TEXT_MUTED, TEXT_STRONG
from jackin_tui.dialogs._base import Dialog

__all__ = ["HelpOverlay", "key_names"]

_NAMES = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "enter": "↵",
    "escape": "Esc",
    "tab": "Tab",
    "shift+tab": "⇧Tab",
    "space": "Space",
    "question_mark": "?",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "backspace": "⌫",
    "delete": "Del",
}


def key_names(key: Key) -> str:
    """How the help names a key: its hint glyph, or its key names when it has none."""
    if key.shown:
        return key.shown
    names = []
    for raw in key.keys.split(","):
        name = raw.strip()
        if name in _NAMES:
            names.append(_NAMES[name])
        elif name.startswith("ctrl+"):
            names.append("Ctrl-" + name.removeprefix("ctrl+").upper())
        else:
            names.append(name.upper() if len(name) == 1 else name)
    return "/".join(dict.fromkeys(names))  # `q,Q` is one key to the reader


class HelpOverlay(Dialog[None]):
    """One line per key: `↵  launch`, each keymap a block, modal keys first."""

    DEFAULT_CSS = f"""
    HelpOverlay #dialog {{
        width: 56;
    }}
    HelpOverlay #keys {{
        width: 1fr;
        height: auto;
    }}
    HelpOverlay .help-line {{
        width: 1fr;
        height: 1;
    }}
    HelpOverlay .help-gap {{
        height: 1;
    }}
    HelpOverlay .help-key {{
        color: {TEXT_STRONG};
    }}
    HelpOverlay .help-label {{
        color: {TEXT_MUTED};
    }}
    """

    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("up", "scroll_up", "scroll", "↑↓"),
        Key("down", "scroll_down", "scroll", ""),
        Key("escape,question_mark,enter", "cancel", "close", "Esc"),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()
    SCROLL_CAP: ClassVar[int] = 20

    def __init__(self, keymaps: Sequence[KeyMap], title: str = "Keyboard help") -> None:
        super().__init__(title)
        self.keymaps = tuple(keymaps)

    @property
    def lines(self) -> list[str]:
        """The help as text lines (blank lines between keymaps)."""
        out: list[str] = []
        width = max((len(key_names(k)) for km in self.keymaps for k in km), default=0)
        for keymap in self.keymaps:
            if not len(keymap):
                continue
            if out:
                out.append("")
            out.extend(
                f"{key_names(k):>{width}}  {k.label or k.action.replace('_', ' ')}" for k in keymap
            )
        return out

    def compose_dialog(self) -> ComposeResult:
        with VerticalScroll(id="keys", can_focus=False):
            for line in self.lines:
                if not line:
                    yield Static("", classes="help-gap")
                    continue
                keys, _, label = line.partition("  ")
                yield Static(
                    Content.assemble((keys, f"bold {TEXT_STRONG}"), ("  " + label, TEXT_MUTED)),
                    classes="help-line",
                )

    def on_mount(self) -> None:
        self.call_after_refresh(self.refresh_hints)

    def is_live(self, action: str) -> bool:
        if action in {"scroll_up", "scroll_down"}:
            return self.query_one("#keys", VerticalScroll).max_scroll_y > 0
        return True

    def action_scroll_up(self) -> None:
        self.query_one("#keys", VerticalScroll).scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        self.query_one("#keys", VerticalScroll).scroll_down(animate=False)
