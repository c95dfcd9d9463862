from __future__ import annotations

import asyncio
import sys
import types
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Static

from jackin_sdk import __version__
from jackin_tui._app import JackinConsole, WelcomeStage


class Welcome(JackinConsole):
    def get_default_screen(self) -> Screen[Any]:
        return WelcomeStage()


def test_the_welcome_stage_shows_the_brand_and_quits_on_q() -> None:
    async def scenario() -> tuple[str, bool]:
        app = Welcome()
        async with app.run_test(size=(80, 24)) as pilot:
            brand = str(app.query_one("#brand", Static).render())
            await pilot.press("q")
            await pilot.pause()
            return brand, app.is_running

    brand, running = asyncio.run(scenario())
    assert brand == f"jackin❯ {__version__}"
    assert running is False


def test_the_console_opens_on_the_welcome_stage_when_there_is_no_workspace_manager(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "jackin_tui.screens._workspaces", None)  # import fails
    assert isinstance(JackinConsole().get_default_screen(), WelcomeStage)


def test_a_broken_workspace_manager_is_not_hidden_behind_the_welcome_stage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty = types.ModuleType("jackin_tui.screens._workspaces")  # no WorkspacesScreen in it
    monkeypatch.setitem(sys.modules, "jackin_tui.screens._workspaces", empty)
    with pytest.raises(ImportError, match="WorkspacesScreen"):
        JackinConsole().get_default_screen()
