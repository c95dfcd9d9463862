"""The footer hint bar: exactly the live keys of the top screen, centred (B2, B10).

The bar sits in the stage screen; when a modal is on top, the bar shows the modal's keys
instead (a modal's hints replace the screen's). Stage footers end with the global
`Ctrl-Q quit · ? help`. Screens call `refresh_hints()` after anything that changes which
keys are live; pushing and popping screens refreshes it on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from jackin_tui._keymap import GLOBAL_KEYMAP, GROUP_SEPARATOR, KEY_SEPARATOR, Key, KeyMap
from jackin_tui._theme import BORDER_GREY, TEXT_MUTED, TEXT_STRONG

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["HintBar", "hint_groups_for", "live_check"]


def live_check(screen: Screen[object]) -> Callable[[str], bool]:
    """`screen.is_live`, or every key live when the screen has none."""
    is_live = getattr(screen, "is_live", None)
    return is_live if callable(is_live) else (lambda _action: True)


def hint_groups_for(screen: Screen[object]) -> list[list[Key]]:
    """The hint groups the footer shows while `screen` is on top."""
    keymap = getattr(screen, "KEYMAP", None)
    groups = keymap.hint_groups(live_check(screen)) if isinstance(keymap, KeyMap) else []
    if not isinstance(screen, ModalScreen):
        app = screen.app
        groups += GLOBAL_KEYMAP.hint_groups(lambda action: app.check_action(action, ()) is True)
    return groups


class HintBar(Static):
    """`Key label · Key label   Key label`: key strong bold, label muted, separators grey."""

    DEFAULT_CSS = """
    HintBar {
        width: 1fr;
        height: auto;
        margin-top: 1;
        text-align: center;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="hints")
        self.plain = ""

    def on_mount(self) -> None:
        self.refresh_hints()

    def refresh_hints(self) -> None:
        """Redraw from the top screen of the app's stack."""
        self.show(hint_groups_for(self.app.screen))

    def show(self, groups: list[list[Key]]) -> None:
        parts: list[tuple[str, str]] = []
        for g, group in enumerate(groups):
            if g:
                parts.append((GROUP_SEPARATOR, ""))
            for i, key in enumerate(group):
                if i:
                    parts.append((KEY_SEPARATOR, BORDER_GREY))
                parts.append((key.shown, f"bold {TEXT_STRONG}"))
                if key.label:
                    parts.append((f" {key.label}", TEXT_MUTED))
        content = Content.assemble(*parts)
        self.plain = content.plain
        self.update(content)
