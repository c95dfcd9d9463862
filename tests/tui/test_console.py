from __future__ import annotations

import asyncio

from textual.widgets import Static

from jackin_sdk import __version__
from jackin_tui._app import JackinConsole


def test_console_opens_shows_the_brand_and_quits_on_q() -> None:
    async def scenario() -> tuple[str, bool]:
        app = JackinConsole()
        async with app.run_test(size=(80, 24)) as pilot:
            brand = str(app.query_one("#brand", Static).render())
            await pilot.press("q")
            await pilot.pause()
            return brand, app.is_running

    brand, running = asyncio.run(scenario())
    assert brand == f"jackin❯ {__version__}"
    assert running is False
