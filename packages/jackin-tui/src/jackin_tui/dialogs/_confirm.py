"""Confirm (B9): a yes/no question; destructive questions default to No."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui.dialogs._base import ButtonRow, Dialog

__all__ = ["ConfirmDialog"]


class ConfirmDialog(Dialog[bool]):
    """`question` in bold, an optional dim `explanation`, buttons Yes / No → bool."""

    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("left,right,tab,shift+tab", "switch", "", "←→", help="other button"),
        Key("enter", "select", "select", "↵"),
        Key("y", "yes", "yes", "Y"),
        Key("n", "no", "no", "N"),
        Key("escape", "cancel", "cancel", "Esc"),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()

    def __init__(
        self, question: str, explanation: str | None = None, *, default_yes: bool = False
    ) -> None:
        super().__init__("Confirm")
        self.question = question
        self.explanation = explanation
        self.default_yes = default_yes

    def compose_dialog(self) -> ComposeResult:
        yield Static(self.question, classes="question")
        if self.explanation:
            yield Static(self.explanation, classes="explanation")
        yield ButtonRow(("Yes", "No"), selected=0 if self.default_yes else 1)

    @property
    def yes_selected(self) -> bool:
        """Whether Enter would answer yes."""
        return self.query_one(ButtonRow).selected == 0

    def action_switch(self) -> None:
        row = self.query_one(ButtonRow)
        row.select(row.selected + 1)

    def action_select(self) -> None:
        self.dismiss(self.yes_selected)

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_button_row_pressed(self, message: ButtonRow.Pressed) -> None:
        self.dismiss(message.index == 0)
