"""The console application. Screens arrive with the features they show."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from jackin_sdk import __version__

__all__ = ["JackinConsole"]


class JackinConsole(App[None]):
    """`jackin console`: opens on a welcome screen; `q` quits."""

    TITLE = "jackin❯ console"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(f"jackin❯ {__version__}", id="brand")
        yield Footer()
