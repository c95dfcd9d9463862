"""`StageScreen`: the frame every console stage shares (B2).

Row 0 the brand header with the stage's label, then the body the subclass composes,
then the centred hint bar listing exactly the live keys, and in debug mode the white
status row with the invocation id (B2). A subclass declares

    LABEL = "workspaces"
    KEYMAP = KeyMap(Key("enter", "launch", "launch", "↵"), ...)
    BINDINGS = KEYMAP.bindings()

implements `compose_body()` and the `action_*` of its keys, and `is_live(action)` when
some keys only work sometimes; it calls `refresh_hints()` after a change of selection.
A key that is not live does nothing (`check_action`) and is not in the hint bar.
The global keys (`Ctrl-Q`, `?`, `Ctrl-C`) are the App's.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.screen import Screen

from jackin_tui._keymap import KeyMap, LiveKeys
from jackin_tui.dialogs import DebugRow
from jackin_tui.widgets import BrandHeader, DebugStatusRow, HintBar

__all__ = ["StageScreen"]


class StageScreen(LiveKeys, Screen[None]):
    """A console stage: header, body, hint bar."""

    DEFAULT_CSS = """
    StageScreen {
        layout: vertical;
    }
    StageScreen > #body {
        height: 1fr;
        width: 1fr;
    }
    """

    LABEL: ClassVar[str] = ""
    KEYMAP: ClassVar[KeyMap] = KeyMap()
    BINDINGS: ClassVar[list[BindingType]] = []

    @property
    def label(self) -> str:
        """The header label; override to compute one (`edit workspace · alpha`)."""
        return self.LABEL

    def compose(self) -> ComposeResult:
        yield BrandHeader(self.label)
        with Container(id="body"):
            yield from self.compose_body()
        yield HintBar()
        invocation_id = getattr(self.app, "invocation_id", None)
        if invocation_id:
            yield DebugStatusRow(invocation_id)

    def compose_body(self) -> ComposeResult:
        """The stage's own widgets, between the header and the hint bar."""
        yield from ()

    def debug_rows(self) -> list[DebugRow]:
        """What Debug info (B9, `--debug`) adds for this stage's selection: an instance
        row's `Container ID`, `Role`, `Agent`, `Target`. None by default."""
        return []

    def refresh_hints(self) -> None:
        """Redraw the hint bar (after a selection or state change alters live keys)."""
        for bar in self.query(HintBar):
            bar.refresh_hints()
        self.refresh_bindings()

    def refresh_label(self) -> None:
        """Redraw the header after `label` changed."""
        for header in self.query(BrandHeader):
            header.label = self.label

    def on_screen_resume(self) -> None:
        self.refresh_hints()

    def action_quit(self) -> None:
        """Leave the console with no outcome (`q`/`Esc` on a top-level stage)."""
        self.app.exit(None)

    def action_back(self) -> None:
        """Back to the previous stage, or quit when this is the first one."""
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:
            self.app.exit(None)
