"""The tabbed stages' widgets (B7, B8): the tab strip and the panel of rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from jackin_tui._theme import (
    ACTION_ACCENT,
    BLACK,
    BORDER_GREY,
    DANGER,
    DISCLOSURE,
    PHOSPHOR_GREEN,
    TEXT_BODY,
    TEXT_MUTED,
    TEXT_STRONG,
)

if TYPE_CHECKING:
    from jackin_tui.screens._rows import Row

__all__ = ["RowPanel", "TabStrip"]


class TabStrip(Static):
    """`General · Mounts · …`: the active tab underlined, green while the strip has focus."""

    DEFAULT_CSS = """
    TabStrip {
        width: 1fr;
        height: 1;
        margin-bottom: 1;
    }
    """

    def __init__(self, tabs: Sequence[str]) -> None:
        super().__init__("", id="tabs")
        self.tabs = tuple(tabs)
        self.plain = ""

    def show(self, active: int, *, focused: bool) -> None:
        """Redraw with `active` selected."""
        parts: list[tuple[str, str] | str] = []
        for index, tab in enumerate(self.tabs):
            if index:
                parts.append((" · ", BORDER_GREY))
            if index == active:
                colour = PHOSPHOR_GREEN if focused else TEXT_STRONG
                parts.append((tab, f"bold underline {colour}"))
            else:
                parts.append((tab, TEXT_MUTED))
        content = Content.assemble(*parts)
        self.plain = content.plain
        self.update(content)


class RowPanel(Static):
    """The rows of the active tab: `▸` and a full-width green bar on the cursor row while
    the content has focus; a refused edit's message in red under its row."""

    DEFAULT_CSS = f"""
    RowPanel {{
        width: 1fr;
        height: auto;
        border: solid {BORDER_GREY};
        padding: 0 1;
    }}
    RowPanel.-focused {{
        border: solid {PHOSPHOR_GREEN};
    }}
    """

    def __init__(self) -> None:
        super().__init__("", id="rows")
        self.plain = ""
        self._last: tuple[Sequence[Row], int, bool, tuple[int, str] | None, str] | None = None

    def on_resize(self) -> None:
        if self._last is not None:
            rows, cursor, focused, error, empty = self._last
            self.show(rows, cursor, focused=focused, error=error, empty=empty)

    def show(
        self,
        rows: Sequence[Row],
        cursor: int,
        *,
        focused: bool,
        error: tuple[int, str] | None,
        empty: str = "",
    ) -> None:
        """Redraw; `error` is (row index, message), row -1 meaning under the last row.

        Rows are cut to the panel's width (`…`); an error's message wraps instead."""
        self._last = (rows, cursor, focused, error, empty)
        width = self.content_size.width
        lines: list[Content] = []
        for index, row in enumerate(rows):
            selected = focused and index == cursor
            text = ("▸ " if selected else "  ") + row.text
            if width and len(text) > width:
                text = text[: width - 1] + "…"
            if selected:
                text, style = text.ljust(width), f"bold {BLACK} on {PHOSPHOR_GREEN}"
            elif row.accent:
                style = ACTION_ACCENT
            elif row.header:
                style = DISCLOSURE
            else:
                style = TEXT_BODY
            lines.append(Content.styled(text, style))
            if error is not None and error[0] == index:
                lines.extend(self._error_lines(error[1]))
        if not rows and empty:
            lines.append(Content.styled(f"  {empty}", TEXT_MUTED))
        if error is not None and (error[0] < 0 or error[0] >= len(rows)):
            lines.extend(self._error_lines(error[1]))
        content = Content("\n").join(lines)
        self.plain = content.plain
        self.update(content)

    @staticmethod
    def _error_lines(message: str) -> list[Content]:
        return [Content.styled(f"    ✗ {line}", DANGER) for line in message.splitlines()]
