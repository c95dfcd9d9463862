"""What every console modal shares (B9).

A bright green single-line box, capitalised title, centred in the body (clear of the
header and the hint bar rows), opaque, symmetric padding. Only the top modal is bright:
a modal under another gets a dark border. Its keys come from its KEYMAP, which the
stage's hint bar shows while the modal is on top. A click outside the box cancels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from jackin_tui._keymap import Key, KeyMap, LiveKeys
from jackin_tui._theme import (
    BLACK,
    DANGER,
    PHOSPHOR_DARK,
    PHOSPHOR_GREEN,
    TEXT_BODY,
    TEXT_MUTED,
    TEXT_STRONG,
)
from jackin_tui.widgets import HintBar

__all__ = ["SCROLL_KEYS", "ButtonRow", "Dialog", "FilterRow", "capitalised"]

ResultT = TypeVar("ResultT")

SCROLL_KEYS = KeyMap(
    Key("up", "scroll_up", "scroll", "↑↓", help="scroll up"),
    Key("down", "scroll_down", "scroll", "", help="scroll down"),
)
"""`↑↓` scroll the box's scrolling area; live only while its content overflows."""


def capitalised(title: str) -> str:
    """`Confirm`, `Select role`: first letter uppercase, the rest as given."""
    return title[:1].upper() + title[1:]


class Dialog(LiveKeys, ModalScreen[ResultT]):
    """A console modal: subclasses give `KEYMAP`/`BINDINGS` and `compose_dialog()`."""

    DEFAULT_CSS = f"""
    Dialog {{
        background: transparent;
        align: center middle;
    }}
    Dialog #dialog {{
        margin: 2 2 2 2;
        width: auto;
        min-width: 36;
        max-width: 90%;
        height: auto;
        max-height: 100%;
        border: solid {PHOSPHOR_GREEN};
        border-title-color: {PHOSPHOR_GREEN};
        border-title-style: bold;
        border-title-align: left;
        padding: 1 2;
        background: ansi_default;
        color: {TEXT_BODY};
    }}
    Dialog.-error #dialog {{
        border: solid {DANGER};
        border-title-color: {DANGER};
    }}
    Dialog.-inactive #dialog {{
        border: solid {PHOSPHOR_DARK};
        border-title-color: {PHOSPHOR_DARK};
    }}
    Dialog .question {{
        text-style: bold;
        color: {TEXT_STRONG};
        width: auto;
        max-width: 72;
    }}
    Dialog .explanation {{
        color: {TEXT_MUTED};
        width: auto;
        max-width: 72;
        margin-top: 1;
    }}
    Dialog .message {{
        color: {TEXT_BODY};
        width: auto;
        max-width: 72;
    }}
    """

    KEYMAP: ClassVar[KeyMap] = KeyMap()
    BINDINGS: ClassVar[list[BindingType]] = []
    CANCELLABLE: ClassVar[bool] = True  # a click outside the box cancels
    SCROLL_CAP: ClassVar[int] = 16  # the most rows a scrolling area in the box shows

    def __init__(self, title: str) -> None:
        super().__init__()
        self.dialog_title = capitalised(title)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = self.dialog_title
            yield from self.compose_dialog()

    def compose_dialog(self) -> ComposeResult:
        """The box's content."""
        yield from ()

    def scroll_chrome(self) -> int:
        """Rows of the box that are not its scrolling area (border, padding, other rows)."""
        return 4

    def on_resize(self) -> None:
        # Keep the box inside the body, clear of the header and hint bar rows; its
        # scrolling area (if any) shrinks first.
        body = max(3, self.size.height - 4)
        box = self.query_one("#dialog")
        box.styles.max_height = body
        for scroll in box.query(VerticalScroll):
            scroll.styles.max_height = max(1, min(self.SCROLL_CAP, body - self.scroll_chrome()))

    def scroll_area(self) -> VerticalScroll | None:
        """The box's scrolling area, or None (none, or the box is not composed yet)."""
        return next(iter(self.query(VerticalScroll)), None)

    @property
    def overflows(self) -> bool:
        """Whether the scrolling area's content is taller than it (then `↑↓` scroll)."""
        area = self.scroll_area()
        return area is not None and area.max_scroll_y > 0

    def is_live(self, action: str) -> bool:
        """Whether the key bound to `action` does something right now: the scroll keys
        while the content overflows (never before the box is composed), others always."""
        if action in SCROLL_KEYS.actions:
            return self.overflows
        return True

    def action_scroll_up(self) -> None:
        if (area := self.scroll_area()) is not None:
            area.scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        if (area := self.scroll_area()) is not None:
            area.scroll_down(animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.text_changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.text_submitted()

    def text_changed(self) -> None:
        """The box's text input changed (a filter narrows, an error clears)."""

    def text_submitted(self) -> None:
        """`Enter` in the box's text input."""

    def refresh_hints(self) -> None:
        """Redraw the footer (the stage's hint bar shows this modal's keys)."""
        for screen in self.app.screen_stack:
            for bar in screen.query(HintBar):
                bar.refresh_hints()
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        self.remove_class("-inactive")
        self.refresh_hints()

    def on_screen_suspend(self) -> None:
        self.add_class("-inactive")

    def on_click(self, event: events.Click) -> None:
        if self.CANCELLABLE and event.widget is self:
            event.stop()
            self.action_cancel()

    def action_cancel(self) -> None:
        """Esc (and a click outside): close with the dialog's 'nothing chosen' value."""
        self.dismiss(None)


class ButtonRow(Horizontal):
    """One row of single-line buttons; the selected one is drawn on green."""

    DEFAULT_CSS = f"""
    ButtonRow {{
        width: auto;
        height: 1;
        margin-top: 1;
    }}
    ButtonRow > .button {{
        width: auto;
        height: 1;
        margin-right: 2;
        padding: 0 1;
        color: {TEXT_BODY};
    }}
    ButtonRow > .button.-selected {{
        background: {PHOSPHOR_GREEN};
        color: {BLACK};
        text-style: bold;
    }}
    """

    class Pressed(Message):
        """A button was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, labels: Sequence[str], selected: int = 0) -> None:
        super().__init__()
        self.labels = tuple(labels)
        self.selected = max(0, min(selected, len(self.labels) - 1))

    def compose(self) -> ComposeResult:
        for index, label in enumerate(self.labels):
            button = Static(Content(label), classes="button")
            button.set_class(index == self.selected, "-selected")
            yield button

    def select(self, index: int) -> None:
        """Move the selection to `index` (wrapping)."""
        self.selected = index % len(self.labels)
        for i, button in enumerate(self.query(".button")):
            button.set_class(i == self.selected, "-selected")

    def on_click(self, event: events.Click) -> None:
        buttons = list(self.query(".button"))
        if event.widget in buttons:
            event.stop()
            index = buttons.index(event.widget)
            self.select(index)
            self.post_message(self.Pressed(index))


class FilterRow(Horizontal):
    """`Filter: <typed text>` under the box's top border (the help's search, a picker's
    filter); the input has id `input_id` and takes the keys typed."""

    DEFAULT_CSS = f"""
    FilterRow {{
        height: 1;
        width: 1fr;
        margin-bottom: 1;
    }}
    FilterRow > Static {{
        width: auto;
        color: {TEXT_MUTED};
    }}
    FilterRow > Input, FilterRow > Input:focus {{
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
        background: ansi_default;
        background-tint: 0%;
        color: {TEXT_STRONG};
    }}
    """
    # `Input:focus` (Textual's own CSS) outranks a bare `FilterRow > Input` and would draw
    # its tall border over the one-line row instead of the text typed: `compact=True` and
    # the `:focus` rule above both keep the row borderless.

    def __init__(self, input_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.input_id = input_id

    def compose(self) -> ComposeResult:
        yield Static("Filter: ")
        yield Input(id=self.input_id, select_on_focus=False, compact=True)
