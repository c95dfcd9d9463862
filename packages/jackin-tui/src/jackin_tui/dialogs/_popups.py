"""Error popup and status popup (B9)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui.dialogs._base import Dialog

__all__ = ["ErrorPopup", "StatusPopup"]


class ErrorPopup(Dialog[None]):
    """The one error surface: red border, long text wraps and scrolls; closes → None."""

    DEFAULT_CSS = """
    ErrorPopup #dialog {
        width: 76;
        max-width: 100%;
    }
    ErrorPopup #dialog > VerticalScroll {
        width: 1fr;
        height: auto;
    }
    ErrorPopup .message {
        width: 1fr;
        max-width: 100%;
    }
    """

    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("up", "scroll_up", "scroll", "↑↓", help="scroll up"),
        Key("down", "scroll_down", "scroll", "", help="scroll down"),
        Key("enter,o", "close", "ok", "↵"),
        Key("escape", "cancel", "close", "Esc"),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()

    def __init__(self, message: str, title: str = "Error") -> None:
        super().__init__(title)
        self.message = message
        self.add_class("-error")

    def compose_dialog(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            yield Static(self.message, classes="message", markup=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self.refresh_hints)

    def is_live(self, action: str) -> bool:
        if action in {"scroll_up", "scroll_down"}:
            return self.overflows
        return True

    @property
    def overflows(self) -> bool:
        """Whether the message is taller than the box (then ↑↓ scroll it)."""
        return self.query_one(VerticalScroll).max_scroll_y > 0

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


class StatusPopup(Dialog[None]):
    """A blocking `working…` message while a worker runs; no keys.

    The caller dismisses it when the work ends (`popup.dismiss()`); `update()` changes
    the message (for a task with stages).
    """

    CANCELLABLE: ClassVar[bool] = False

    def __init__(self, message: str, title: str = "Working") -> None:
        super().__init__(title)
        self.message = message

    def compose_dialog(self) -> ComposeResult:
        yield Static(f"{self.message}", classes="message", markup=False, id="status")

    def update(self, message: str) -> None:
        """Show `message` instead."""
        self.message = message
        self.query_one("#status", Static).update(message)

    def action_cancel(self) -> None:
        """A status popup cannot be cancelled by the operator."""
