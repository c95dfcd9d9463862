"""Two-button (or n-button) choice (B9): Save/Discard/Cancel, source and scope pickers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui.dialogs._base import ButtonRow, Dialog

__all__ = ["ChoiceDialog"]


class ChoiceDialog(Dialog[int | None]):
    """Buttons in a row → the index chosen, or None on Esc."""

    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("left,shift+tab", "previous", "", "←→", help="previous option"),
        Key("right,tab", "next", "", "", help="next option"),
        Key("enter", "select", "select", "↵"),
        Key("escape", "cancel", "cancel", "Esc"),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()

    def __init__(
        self,
        title: str,
        options: Sequence[str],
        *,
        default: int = 0,
        question: str | None = None,
    ) -> None:
        if not options:
            raise ValueError("a choice needs at least one option")
        super().__init__(title)
        self.options = tuple(options)
        self.default = default
        self.question = question

    def compose_dialog(self) -> ComposeResult:
        if self.question:
            yield Static(self.question, classes="question")
        yield ButtonRow(self.options, selected=self.default)

    @property
    def selected(self) -> int:
        """The index Enter would choose."""
        return self.query_one(ButtonRow).selected

    def is_live(self, action: str) -> bool:
        if action in {"previous", "next"}:
            return len(self.options) > 1
        return True

    def action_previous(self) -> None:
        row = self.query_one(ButtonRow)
        row.select(row.selected - 1)

    def action_next(self) -> None:
        row = self.query_one(ButtonRow)
        row.select(row.selected + 1)

    def action_select(self) -> None:
        self.dismiss(self.selected)

    def on_button_row_pressed(self, message: ButtonRow.Pressed) -> None:
        self.dismiss(message.index)
