"""`--debug` in the console (B2, B9): the white status row with the invocation id chip on
every stage, and the Debug info dialog it opens (rows, links, Enter copies)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, ClassVar

from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen

import jackin_capsule
import jackin_sdk
from jackin_tui.__main__ import make_console
from jackin_tui._theme import DANGER, LINK
from jackin_tui.dialogs import DebugInfoDialog, DebugRow
from jackin_tui.widgets import DebugStatusRow, HintBar
from jackin_tui.widgets._status import STATUS_WHITE
from tests.tui.support import (
    Shell,
    ToyStage,
    assert_effects_cover,
    assert_hints_match_live,
    drawn_lines,
    hint_bar,
    run_shell,
    shell_services,
)

INVOCATION = "5e1f0c2a9b7d"


class InstanceStage(ToyStage):
    """A stage whose selection is an instance row: it adds what it knows."""

    LABEL: ClassVar[str] = "instances"

    def debug_rows(self) -> list[DebugRow]:
        return [
            DebugRow("Container ID", "jk-01hp94t5-standin", copyable=True),
            DebugRow("Role", "stand-in"),
        ]


class InstanceShell(Shell):
    def get_default_screen(self) -> Screen[Any]:
        return InstanceStage()


def _open(app: Shell) -> DebugInfoDialog:
    screen = app.screen
    assert isinstance(screen, DebugInfoDialog), screen
    return screen


def test_without_debug_mode_there_is_no_status_row(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        assert list(app.stage.query(DebugStatusRow)) == []
        assert app.stage.query_one(HintBar).region.y == 29
        app.action_debug_info()
        await pilot.pause()
        assert app.screen is app.stage, "no debug info outside debug mode"

    run_shell(tmp_path, scenario)


def test_debug_mode_ends_every_stage_with_the_white_row_and_the_red_invocation_chip(
    tmp_path: Path,
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        row = app.stage.query_one(DebugStatusRow)
        assert row.region.y == 29, "the last row"
        assert row.region.width == 100
        assert app.stage.query_one(HintBar).region.y == 27, "hint bar, blank, status row"
        drawn = drawn_lines(app)
        assert drawn[28].strip() == ""
        assert drawn[29].startswith(f" {INVOCATION}   debug mode")
        assert row.styles.background.hex.upper() == STATUS_WHITE
        chip = row.plain.index(INVOCATION)
        content = row.render()
        assert isinstance(content, Content)
        spans = [s for s in content.spans if s.start <= chip < s.end]
        assert any(DANGER.lower() in str(s.style).lower() for s in spans), spans
        assert_hints_match_live(app)

    run_shell(tmp_path, scenario, invocation_id=INVOCATION)


def test_a_click_on_the_status_row_opens_debug_info_and_enter_copies_the_invocation_id(
    tmp_path: Path,
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        assert await pilot.click(DebugStatusRow)
        await pilot.pause()
        dialog = _open(app)
        assert dialog.dialog_title == "Debug info"
        assert [(r.label, r.value, r.copyable) for r in dialog.rows] == [
            ("Invocation ID", INVOCATION, True),
            ("jackin", jackin_sdk.__version__, False),
            ("jackin-capsule", jackin_capsule.__version__, False),
        ]
        assert hint_bar(app) == "↵ copy · Esc close"
        link = dialog.query_one("#value-0")
        assert link.styles.color.hex.upper() == LINK
        assert link.styles.text_style.underline
        assert not dialog.query_one("#value-1").styles.text_style.underline
        assert not dialog.query_one("#copied").display
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == INVOCATION
        assert dialog.query_one("#copied").display, "the Copied! badge"
        assert app.screen is dialog, "copying keeps the facts on screen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.stage

    run_shell(tmp_path, scenario, invocation_id=INVOCATION)


def test_the_status_row_opens_debug_info_with_enter_once_focused(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        app.stage.query_one(DebugStatusRow).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        _open(app)

    run_shell(tmp_path, scenario, invocation_id=INVOCATION)


def test_an_instance_stage_adds_what_it_knows_and_a_click_copies_that_value(
    tmp_path: Path,
) -> None:
    async def main() -> None:
        app = InstanceShell(services=shell_services(tmp_path), invocation_id=INVOCATION)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.action_debug_info()
            await pilot.pause()
            dialog = _open(app)
            assert [r.label for r in dialog.rows] == [
                "Invocation ID", "jackin", "jackin-capsule", "Container ID", "Role",
            ]  # fmt: skip
            assert await pilot.click("#value-3")
            await pilot.pause()
            assert app.clipboard == "jk-01hp94t5-standin"
            assert dialog.query_one("#copied").display

    asyncio.run(main())


def test_debug_info_with_nothing_to_copy_has_no_copy_key(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        app.push_screen(DebugInfoDialog([DebugRow("jackin", "0.1.0")]))
        await pilot.pause()
        assert hint_bar(app) == "Esc close"
        assert_hints_match_live(app)

    run_shell(tmp_path, scenario)


def test_debug_info_keys_are_all_tested() -> None:
    assert_effects_cover(DebugInfoDialog.KEYMAP, {"copy_first", "cancel"})


def test_jackin_debug_gives_the_console_an_invocation_id() -> None:
    debug = make_console({"JACKIN_DEBUG": "1"})
    assert debug.invocation_id is not None
    assert re.fullmatch(r"[0-9a-f]{12}", debug.invocation_id)
    assert make_console({}).invocation_id is None
    assert make_console({"JACKIN_DEBUG": "0"}).invocation_id is None
