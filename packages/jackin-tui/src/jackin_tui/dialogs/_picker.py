"""List picker (B9): role/agent/provider pickers, the workdir pick.

`Filter:` row right under the top border (when filterable), a blank row, the list;
the selected row has a `▸ ` gutter on a full-width green background.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui._theme import BLACK, PHOSPHOR_GREEN, TEXT_BODY, TEXT_MUTED
from jackin_tui.dialogs._base import Dialog, FilterRow

__all__ = ["ListPicker"]


class ListPicker(Dialog[str | None]):
    """Pick one of `items` ((value, label) pairs) → its value, or None on Esc."""

    DEFAULT_CSS = f"""
    ListPicker #dialog {{
        width: 56;
        padding: 0 0 1 0;
    }}
    ListPicker #filter-row {{
        padding: 0 2;
    }}
    ListPicker #rows {{
        width: 1fr;
        height: auto;
        margin-top: 1;
    }}
    ListPicker.-filterable #rows {{
        margin-top: 0;
    }}
    ListPicker .row {{
        width: 1fr;
        height: 1;
        padding: 0 2;
        color: {TEXT_BODY};
    }}
    ListPicker .row.-selected {{
        background: {PHOSPHOR_GREEN};
        color: {BLACK};
        text-style: bold;
        padding: 0 0;
    }}
    ListPicker #empty {{
        width: 1fr;
        padding: 0 2;
        color: {TEXT_MUTED};
    }}
    """

    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("up", "cursor_up", "", "↑↓", help="move up"),
        Key("down", "cursor_down", "", "", help="move down"),
        Key("enter", "commit", "select", "↵"),
        Key("escape", "cancel", "cancel", "Esc"),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()

    def __init__(
        self,
        title: str,
        items: Sequence[tuple[str, str]],
        *,
        filterable: bool = False,
        selected: str | None = None,
        empty: str = "nothing to choose",
    ) -> None:
        super().__init__(title)
        self.items = tuple(items)
        self.filterable = filterable
        self.set_class(filterable, "-filterable")
        self.empty = empty
        self.shown: list[int] = list(range(len(self.items)))
        values = [value for value, _ in self.items]
        self.cursor = values.index(selected) if selected in values else 0

    def compose_dialog(self) -> ComposeResult:
        if self.filterable:
            yield FilterRow("filter", id="filter-row")
        with VerticalScroll(id="rows", can_focus=False):
            for index, (_, label) in enumerate(self.items):
                yield Static(label, classes="row", id=f"row-{index}", markup=False)
            yield Static(self.empty, id="empty", markup=False)

    def scroll_chrome(self) -> int:
        # border 2 + bottom padding 1, and the filter row + blank (or the blank alone)
        return 3 + (2 if self.filterable else 1)

    @staticmethod
    def _row_text(label: str, *, selected: bool) -> str:
        return f"▸ {label}" if selected else label

    def on_mount(self) -> None:
        self._redraw()

    @property
    def value(self) -> str | None:
        """The value Enter would commit (None when nothing is shown)."""
        if not self.shown:
            return None
        return self.items[self.shown[self.cursor]][0]

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value if self.filterable else ""

    def is_live(self, action: str) -> bool:
        if action in {"cursor_up", "cursor_down"}:
            return len(self.shown) > 1
        if action == "commit":
            return bool(self.shown)
        return True

    def _redraw(self) -> None:
        needle = self.filter_text.casefold()
        before = self.value
        self.shown = [
            i
            for i, (value, label) in enumerate(self.items)
            if needle in label.casefold() or needle in value.casefold()
        ]
        if before is not None and needle:
            values = [self.items[i][0] for i in self.shown]
            self.cursor = values.index(before) if before in values else 0
        self.cursor = max(0, min(self.cursor, len(self.shown) - 1))
        shown = set(self.shown)
        chosen = self.shown[self.cursor] if self.shown else -1
        for index, (_, label) in enumerate(self.items):
            row = self.query_one(f"#row-{index}", Static)
            row.display = index in shown
            row.set_class(index == chosen, "-selected")
            row.update(self._row_text(label, selected=index == chosen))
        self.query_one("#empty", Static).display = not self.shown
        if chosen >= 0:
            self.query_one("#rows", VerticalScroll).scroll_to_widget(
                self.query_one(f"#row-{chosen}"), animate=False
            )
        self.refresh_hints()

    def _move(self, delta: int) -> None:
        if self.shown:
            self.cursor = (self.cursor + delta) % len(self.shown)
            self._redraw()

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_commit(self) -> None:
        if self.value is not None:
            self.dismiss(self.value)

    def text_changed(self) -> None:
        self._redraw()

    def text_submitted(self) -> None:
        self.action_commit()

    def on_click(self, event: events.Click) -> None:
        widget = event.widget
        if widget is not None and widget.has_class("row") and widget.id:
            event.stop()
            event.prevent_default()  # not the base class's click-outside
            index = int(widget.id.removeprefix("row-"))
            self.dismiss(self.items[index][0])
