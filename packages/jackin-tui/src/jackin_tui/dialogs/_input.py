"""Text input (B9): one box pre-filled with the default, cursor at its end."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui._theme import BORDER_GREY, DANGER, PHOSPHOR_GREEN, TEXT_STRONG
from jackin_tui.dialogs._base import Dialog

__all__ = ["TextInputDialog"]


class TextInputDialog(Dialog[str | None]):
    """Ask for one line of text → the text, or None on Esc.

    `validate(text)` returns an error message (shown under the box; the dialog stays
    open) or None to accept. Use the SDK's validators so the console says what the CLI
    says.
    """

    DEFAULT_CSS = f"""
    TextInputDialog #dialog {{
        width: 64;
    }}
    TextInputDialog Input {{
        width: 1fr;
        height: 3;
        border: solid {BORDER_GREY};
        background: ansi_default;
        color: {TEXT_STRONG};
        padding: 0 1;
    }}
    TextInputDialog Input:focus {{
        border: solid {PHOSPHOR_GREEN};
    }}
    TextInputDialog #error {{
        color: {DANGER};
        width: 1fr;
        height: auto;
        display: none;
    }}
    TextInputDialog #error.-shown {{
        display: block;
    }}
    """

    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("enter", "commit", "save", "↵"),
        Key("escape", "cancel", "cancel", "Esc"),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()

    def __init__(
        self,
        label: str,
        default: str = "",
        *,
        password: bool = False,
        validate: Callable[[str], str | None] | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(title if title is not None else label)
        self.label = label
        self.default = default
        self.password = password
        self.validate = validate
        self.error: str | None = None

    def compose_dialog(self) -> ComposeResult:
        if self.dialog_title != self.label:
            yield Static(self.label, classes="question")
        yield Input(value=self.default, password=self.password, select_on_focus=False, id="text")
        yield Static("", id="error", markup=False)

    @property
    def value(self) -> str:
        """What the box holds now."""
        return self.query_one("#text", Input).value

    def action_commit(self) -> None:
        text = self.value
        problem = self.validate(text) if self.validate is not None else None
        error = self.query_one("#error", Static)
        if problem:
            self.error = problem
            error.update(problem)
            error.add_class("-shown")
            return
        self.dismiss(text)

    def text_submitted(self) -> None:
        self.action_commit()

    def text_changed(self) -> None:
        if self.error is not None:
            self.error = None
            self.query_one("#error", Static).remove_class("-shown")
