"""The `--debug` status row (B2): the last row of every stage while jackin's debug mode
is on, a white bar with the invocation id in a red chip; a click (or `Enter` once it has
focus) opens the Debug info dialog (B9)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from jackin_tui._theme import BLACK, DANGER

__all__ = ["STATUS_WHITE", "DebugStatusRow"]

STATUS_WHITE = "#FFFFFF"  # §C: the bottom status/context bar is always white


class DebugStatusRow(Static):
    """` <invocation id> ` on red, then `debug mode` on the white bar."""

    DEFAULT_CSS = f"""
    DebugStatusRow {{
        width: 1fr;
        height: 1;
        margin-top: 1;
        background: {STATUS_WHITE};
        color: {BLACK};
    }}
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "debug info", show=False),
    ]

    def __init__(self, invocation_id: str) -> None:
        self.invocation_id = invocation_id
        content = Content.assemble(
            (f" {invocation_id} ", f"bold {STATUS_WHITE} on {DANGER}"),
            ("  debug mode · click for debug info", BLACK),
        )
        super().__init__(content, id="debug-status")
        self.can_focus = True
        self.plain = content.plain

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.action_open()

    async def action_open(self) -> None:
        """Open the Debug info dialog for the active stage (the App's `debug_info`)."""
        await self.run_action("app.debug_info")
