"""The workspace manager's sidebar (B3): workspace-type rows, and cyan instance rows
under an expanded workspace; the screen owns the rows, the cursor and what a row does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from jackin_sdk.overview import EntryKind
from jackin_tui._theme import (
    ACTION_ACCENT,
    BLACK,
    BORDER_GREY,
    CYAN,
    CYAN_DIM,
    PHOSPHOR_GREEN,
    TEXT_BODY,
    TEXT_STRONG,
)

if TYPE_CHECKING:
    from jackin_sdk.overview import InstanceEntry, WorkspaceEntry

__all__ = ["Sidebar", "SidebarRow", "instance_line"]


@dataclass(frozen=True, slots=True)
class SidebarRow:
    """One sidebar line: a workspace-type row, or an instance row under it."""

    entry: WorkspaceEntry
    instance: InstanceEntry | None = None


class Sidebar(Widget, can_focus=True):
    """The bordered workspace list; the screen owns the rows and the cursor."""

    DEFAULT_CSS = f"""
    Sidebar {{
        width: 40%;
        min-width: 30;
        height: 1fr;
        border: solid {BORDER_GREY};
        padding: 0 1;
    }}
    Sidebar.-active {{
        border: solid {PHOSPHOR_GREEN};
    }}
    """

    class Clicked(Message):
        """A row was clicked: the screen moves its selection there."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self) -> None:
        super().__init__(id="sidebar")
        self.rows: list[SidebarRow] = []
        self.cursor = 0
        self.expanded: set[str] = set()
        self._top = 0

    def set_rows(self, rows: list[SidebarRow], cursor: int) -> None:
        self.rows, self.cursor = rows, cursor
        self.refresh()

    def _window(self) -> range:
        height = max(1, self.content_size.height)
        if self.cursor < self._top:
            self._top = self.cursor
        elif self.cursor >= self._top + height:
            self._top = self.cursor - height + 1
        self._top = max(0, min(self._top, max(0, len(self.rows) - height)))
        return range(self._top, min(len(self.rows), self._top + height))

    def render(self) -> Text:
        active = self.has_class("-active")
        width = max(1, self.content_size.width)
        lines = [self._line(i, active, width) for i in self._window()]
        return Text("\n").join(lines) if lines else Text("")

    def _line(self, index: int, active: bool, width: int) -> Text:
        row = self.rows[index]
        selected = index == self.cursor
        cursor = "▸ " if selected and active else "  "
        if row.instance is None:
            entry = row.entry
            glyph = ("▼ " if entry.key in self.expanded else "▶ ") if entry.instances else "  "
            colour = {
                EntryKind.CURRENT: TEXT_STRONG,
                EntryKind.SAVED: PHOSPHOR_GREEN,
                EntryKind.DIRECTORY: TEXT_BODY,
                EntryKind.NEW: ACTION_ACCENT,
            }[entry.kind]
            text = Text(cursor + glyph, style=PHOSPHOR_GREEN)
            text.append(entry.label, style=colour)
            fill = PHOSPHOR_GREEN
        else:
            text = instance_line(cursor, row.instance, width)
            fill = CYAN
        text.truncate(width, overflow="ellipsis")
        if selected:
            text.pad_right(width - text.cell_len)
            text.stylize(f"{BLACK} on {fill}")
        return text

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self._top + offset.y
        if 0 <= index < len(self.rows):
            self.post_message(self.Clicked(index))


def instance_line(cursor: str, instance: InstanceEntry, width: int) -> Text:
    """`    <id> <role>  [<status>]`; when narrow the role goes first, then the status is
    cut, so the id (what every command takes) stays in view."""
    tag = "" if instance.live else f"  [{instance.status_label}]"
    head = f"{cursor}    {instance.instance_id}"
    role = f" {instance.role_key}"
    if len(head) + len(role) + len(tag) > width:
        role = role[: max(0, width - len(head) - len(tag))]
        role = role[:-1] + "…" if len(role) > 1 else ""
    text = Text(cursor + "    ", style=CYAN)
    text.append(instance.instance_id, style=CYAN_DIM)
    text.append(role, style=CYAN)
    text.append(tag, style=CYAN_DIM)
    text.truncate(width, overflow="ellipsis")
    return text
