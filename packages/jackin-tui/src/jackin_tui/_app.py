"""The console application (B1): one stage at a time, modals over it, an outcome at exit.

`JackinConsole` opens on the workspace manager (imported when the App makes its first
screen, so importing this module stays cheap) and either quits (`run()` returns None)
or exits with an `Outcome` a screen chose (`self.app.exit(outcome)`), which the binary
then performs. Global keys: `Ctrl+Q` asks "Exit jackin❯?" (default Yes), `Ctrl+C`
quits at once, `?` (on a stage) lists its live keys and the global ones.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App
from textual.binding import BindingType
from textual.screen import ModalScreen, Screen
from textual.scrollbar import ScrollBar

from jackin_sdk.console import Outcome
from jackin_tui import _border
from jackin_tui._keymap import GLOBAL_KEYMAP, KeyMap
from jackin_tui._scrollbar import PhosphorScrollBarRender
from jackin_tui._services import ConsoleServices
from jackin_tui._theme import APP_CSS
from jackin_tui.dialogs import ConfirmDialog, DebugInfoDialog, DebugRow, HelpOverlay, StatusPopup
from jackin_tui.widgets import HintBar
from jackin_tui.widgets._hintbar import live_check

__all__ = ["JackinConsole"]

QUIT_QUESTION = "Exit jackin❯?"


class JackinConsole(App[Outcome | None]):
    """`jackin console`: the workspace manager and everything reached from it."""

    TITLE = "jackin❯ console"
    CSS = APP_CSS
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = GLOBAL_KEYMAP.bindings()

    def __init__(
        self, *, services: ConsoleServices | None = None, invocation_id: str | None = None
    ) -> None:
        super().__init__(ansi_color=True)
        self._services = services
        self.invocation_id = invocation_id
        """Set in jackin's debug mode: every stage then ends with the status row (B2)."""
        ScrollBar.renderer = PhosphorScrollBarRender
        _border.install()

    @property
    def services(self) -> ConsoleServices:
        """The engine, config and paths the screens use (the real ones by default)."""
        if self._services is None:
            self._services = ConsoleServices.default()
        return self._services

    def get_default_screen(self) -> Screen[Any]:
        from jackin_tui.screens._workspaces import WorkspacesScreen  # noqa: PLC0415 - see module doc

        return WorkspacesScreen()

    @property
    def stage(self) -> Screen[Any]:
        """The active stage: the topmost screen that is not a modal."""
        stack: list[Screen[Any]] = list(self.screen_stack)
        return next((s for s in reversed(stack) if not isinstance(s, ModalScreen)), stack[0])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "help":
            return not isinstance(self.screen, HelpOverlay | StatusPopup)
        return True

    def refresh_hints(self) -> None:
        """Redraw every hint bar from the top screen's live keys."""
        for screen in self.screen_stack:
            for bar in screen.query(HintBar):
                bar.refresh_hints()

    def help_keymaps(self) -> list[KeyMap]:
        """What `?` lists: the top modal's live keys, the stage's, then the global keys."""
        maps: list[KeyMap] = []
        top, stage = self.screen, self.stage
        for screen in (top, stage) if top is not stage else (stage,):
            keymap = getattr(screen, "KEYMAP", None)
            if isinstance(keymap, KeyMap):
                maps.append(keymap.live(live_check(screen)))
        maps.append(GLOBAL_KEYMAP)
        return maps

    def debug_rows(self) -> list[DebugRow]:
        """Debug info's rows: the invocation, the versions loaded, the stage's selection."""
        from jackin_sdk import loaded_components  # noqa: PLC0415

        components = loaded_components()
        rows = [
            DebugRow("Invocation ID", self.invocation_id or "-", copyable=True),
            DebugRow("jackin", components.sdk),
            DebugRow("jackin-capsule", components.capsule or "missing"),
        ]
        stage_rows = getattr(self.stage, "debug_rows", None)
        if callable(stage_rows):
            rows += stage_rows()
        return rows

    def action_debug_info(self) -> None:
        if self.invocation_id and not isinstance(self.screen, DebugInfoDialog):
            self.push_screen(DebugInfoDialog(self.debug_rows()))

    def action_help(self) -> None:
        self.push_screen(HelpOverlay(self.help_keymaps()))

    def action_request_quit(self) -> None:
        if isinstance(self.screen, ConfirmDialog) and self.screen.question == QUIT_QUESTION:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(None)

        self.push_screen(ConfirmDialog(QUIT_QUESTION, default_yes=True), answered)

    def action_hard_quit(self) -> None:
        self.exit(None)
