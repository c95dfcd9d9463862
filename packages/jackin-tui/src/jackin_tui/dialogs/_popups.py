"""Error popup and status popup (B9)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui.dialogs._base import SCROLL_KEYS, Dialog

__all__ = ["ErrorPopup", "ReportDialog", "StatusPopup"]


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

    KEYMAP: ClassVar[KeyMap] = SCROLL_KEYS + KeyMap(
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

    def action_close(self) -> None:
        self.dismiss(None)


class ReportDialog(ErrorPopup):
    """A read-only report (inspect, warnings) in a scrollable box: the error popup, not red."""

    def __init__(self, message: str, title: str) -> None:
        super().__init__(message, title)
        self.remove_class("-error")


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
