"""Debug info (B9): what a bug report needs, opened from the `--debug` status row (B2).

One row per fact (`Invocation ID`, `jackin`, `jackin-capsule`, and what the stage knows
of its selection: `Container ID`, `Role`, `Agent`, `Target`). Copyable values are drawn
as links (`#5EC8FF`, underlined, `#8FD8FF` under the pointer); `Enter` copies the first
one and a click copies the one clicked, each showing a `Copied!` badge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui._theme import BLACK, LINK, LINK_HOVER, PHOSPHOR_GREEN, TEXT_MUTED
from jackin_tui.dialogs._base import Dialog

__all__ = ["DebugInfoDialog", "DebugRow"]


@dataclass(frozen=True, slots=True)
class DebugRow:
    """One fact: its name, its value, and whether the value is worth copying."""

    label: str
    value: str
    copyable: bool = False


class CopyableValue(Static):
    """A value drawn as a link; a click copies it."""

    def __init__(self, value: str, index: int) -> None:
        super().__init__(value, classes="value copyable", markup=False, id=f"value-{index}")
        self.value = value

    def on_click(self, event: events.Click) -> None:
        event.stop()
        screen = self.screen
        if isinstance(screen, DebugInfoDialog):
            screen.copy(self.value)


class DebugInfoDialog(Dialog[None]):
    """The debug facts, a label column and a value column; Enter copies, Esc closes."""

    DEFAULT_CSS = f"""
    DebugInfoDialog #dialog {{
        width: auto;
        min-width: 48;
    }}
    DebugInfoDialog .debug-row {{
        width: auto;
        height: 1;
    }}
    DebugInfoDialog .label {{
        color: {TEXT_MUTED};
        width: auto;
    }}
    DebugInfoDialog .value {{
        width: auto;
    }}
    DebugInfoDialog .copyable {{
        color: {LINK};
        text-style: underline;
    }}
    DebugInfoDialog .copyable:hover {{
        color: {LINK_HOVER};
    }}
    DebugInfoDialog #copied {{
        width: auto;
        height: 1;
        margin-top: 1;
        padding: 0 1;
        background: {PHOSPHOR_GREEN};
        color: {BLACK};
        text-style: bold;
        display: none;
    }}
    DebugInfoDialog #copied.-shown {{
        display: block;
    }}
    """

    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("enter", "copy_first", "copy", "↵", help="copy the first copyable value"),
        Key("escape", "cancel", "close", "Esc"),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()

    def __init__(self, rows: Sequence[DebugRow], title: str = "Debug info") -> None:
        super().__init__(title)
        self.rows = tuple(rows)
        self.label_width = max((len(row.label) for row in self.rows), default=0)
        self.copied: str | None = None

    def compose_dialog(self) -> ComposeResult:
        for index, row in enumerate(self.rows):
            with Horizontal(classes="debug-row"):
                yield Static(f"{row.label:<{self.label_width}}  ", classes="label", markup=False)
                if row.copyable:
                    yield CopyableValue(row.value, index)
                else:
                    yield Static(row.value, classes="value", markup=False, id=f"value-{index}")
        yield Static("Copied!", id="copied")

    def is_live(self, action: str) -> bool:
        if action == "copy_first":
            return any(row.copyable for row in self.rows)
        return True

    def copy(self, value: str) -> None:
        """Put `value` on the clipboard (OSC 52) and show the badge."""
        self.app.copy_to_clipboard(value)
        self.copied = value
        self.query_one("#copied").add_class("-shown")

    def action_copy_first(self) -> None:
        first = next((row.value for row in self.rows if row.copyable), None)
        if first is not None:
            self.copy(first)
