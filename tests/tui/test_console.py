"""The console opens on the workspace manager (B3), under the shell's header."""

from __future__ import annotations

import asyncio
from pathlib import Path

from jackin_sdk.config import load_operator_config
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from jackin_tui._app import JackinConsole
from jackin_tui._services import ConsoleServices
from jackin_tui.screens._workspaces import WorkspacesScreen
from jackin_tui.widgets import BrandHeader


def test_the_console_opens_on_the_workspace_manager_and_q_quits(
    tmp_path: Path, jackin_paths: JackinPaths
) -> None:
    services = ConsoleServices(
        docker_factory=FakeDocker,
        config_loader=lambda: load_operator_config(jackin_paths),
        cwd=tmp_path,
        home=tmp_path,
        paths=jackin_paths,
    )

    async def scenario() -> tuple[bool, str, bool]:
        app = JackinConsole(services=services)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            opened = isinstance(app.stage, WorkspacesScreen)
            header = app.stage.query_one(BrandHeader).plain
            await pilot.press("q")
            await pilot.pause()
            return opened, header, app.is_running

    opened, header, running = asyncio.run(scenario())
    assert opened
    assert header == " jackin❯  · workspaces"
    assert running is False
