"""Helpers for the editor and Settings pilot tests: a temp config home with comments, the
console with a stage pushed over a toy first stage, and reading what a stage shows."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from jackin_sdk.config import load_operator_config
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from jackin_tui._app import JackinConsole
from jackin_tui._keymap import Key, KeyMap
from jackin_tui._services import ConsoleServices
from jackin_tui.screens._base import StageScreen
from jackin_tui.screens._rows import DraftStage
from tests.sdk.config.draft_home import CONFIG_NOTE, WORKSPACE_NOTE, seed_draft_home
from tests.tui.support import assert_effects_cover, assert_hints_match_live, key_presses

__all__ = [
    "CONFIG_NOTE",
    "ROWS",
    "TAIL",
    "WORKSPACE_NOTE",
    "HomeStage",
    "KeyEffect",
    "Scenario",
    "Shell",
    "assert_effects_cover",
    "assert_hints_match_live",
    "back_home",
    "changes_text",
    "files",
    "key_effect_tests",
    "key_presses",
    "live_everywhere",
    "mask_keep",
    "place",
    "rows_text",
    "run_stage",
    "seed",
    "services_for",
    "settle",
    "submit_text",
    "tabs_text",
]


class HomeStage(StageScreen):
    """The stage under the one a test opens (where `Esc` must come back to)."""

    LABEL = "home"


class Shell(JackinConsole):
    """The real console with `HomeStage` as its first stage."""

    def get_default_screen(self) -> Screen[Any]:
        return HomeStage()


TAIL = "   Esc back   Ctrl-Q quit · ? help"
"""How a clean stage's hint bar ends."""
ROWS = "↑↓ · Tab next tab · ⇧Tab tabs"
"""How the hint bar starts while a tab's rows have focus."""

Scenario = Callable[[Shell, Pilot[Any], DraftStage], Awaitable[None]]
"""What a test does once the stage's draft has loaded."""
KeyEffect = Callable[[Shell, Pilot[Any], DraftStage, str], Awaitable[None]]
"""One key's effect, pressed by its key name (`"up"` or `"k"`)."""


def seed(paths: JackinPaths) -> None:
    """config.toml (with a comment and an env value) and workspace `web` (commented),
    allowing agent-smith and the-architect."""
    seed_draft_home(paths, "agent-smith", "the-architect")


def files(paths: JackinPaths) -> dict[str, bytes]:
    """Every config file's bytes, to compare before and after."""
    return {str(p): p.read_bytes() for p in sorted(paths.config_dir.rglob("*.toml"))}


def services_for(paths: JackinPaths, tmp: Path) -> ConsoleServices:
    """FakeDocker, the temp config, `tmp` as home and cwd."""
    return ConsoleServices(
        docker_factory=FakeDocker,
        config_loader=lambda: load_operator_config(paths),
        cwd=tmp,
        home=tmp,
        paths=paths,
    )


async def settle(pilot: Pilot[Any], rounds: int = 4) -> None:
    """Let messages, screen pushes and pops run."""
    for _ in range(rounds):
        await pilot.pause()


def run_stage(
    paths: JackinPaths,
    tmp: Path,
    make: Callable[[], DraftStage],
    scenario: Scenario,
    size: tuple[int, int] = (100, 30),
) -> None:
    """Open the console on a toy stage, push `make()`, wait for its draft, run `scenario`."""

    async def main() -> None:
        app = Shell(services=services_for(paths, tmp))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            stage = make()
            await app.push_screen(stage)
            for _ in range(200):  # the draft loads in a worker thread
                if stage.draft is not None:
                    break
                await pilot.pause()
            assert stage.draft is not None, "the draft never loaded"
            await settle(pilot)
            await scenario(app, pilot, stage)

    asyncio.run(main())


def rows_text(stage: DraftStage) -> str:
    """The panel's text (rows and inline errors)."""
    return str(stage.query_one("#rows").plain)  # type: ignore[attr-defined]


def tabs_text(stage: DraftStage) -> str:
    """The tab strip's text."""
    return str(stage.query_one("#tabs").plain)  # type: ignore[attr-defined]


def changes_text(stage: DraftStage) -> str:
    """The unsaved-changes counter."""
    return str(stage.query_one("#changes", Static).render())


async def submit_text(app: Shell, pilot: Pilot[Any], text: str) -> None:
    """Replace the top text input's value with `text` and press Enter."""
    app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


def place(stage: DraftStage, tab: str, *, content: bool = False, row: str | None = None) -> None:
    """Put the stage on `tab` (content focused when `content`), the cursor on `row`."""
    stage.tab = stage.TABS.index(tab)
    stage.in_content = content or row is not None
    stage.cursor = 0
    stage.redraw()
    if row is not None:
        stage.cursor = next(i for i, r in enumerate(stage.rows) if r.ident == row)
        stage.redraw()


async def live_everywhere(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> set[str]:
    """Visit every tab's strip and every row of it, checking at each place that the hint
    bar lists exactly the live keys; return the actions that were live somewhere."""
    keymap: KeyMap = stage.KEYMAP
    seen: set[str] = set()
    for tab in stage.TABS:
        place(stage, tab)
        await pilot.pause()
        assert_hints_match_live(app)
        seen |= {k.action for k in keymap if stage.is_live(k.action)}
        for index in range(len(stage.rows)):
            place(stage, tab, content=True)
            stage.cursor = index
            stage.redraw()
            await pilot.pause()
            assert_hints_match_live(app)
            seen |= {k.action for k in keymap if stage.is_live(k.action)}
    return seen


# The key effects the editor and Settings share (same seed, same shared panels).


async def mask_keep(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    """`M` on the Environments row KEEP hides its value."""
    place(stage, "Environments", row="KEEP")
    assert "KEEP = 1" in rows_text(stage)
    await pilot.press(key)
    assert "KEEP = ••••••••" in rows_text(stage)


async def back_home(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    """`Esc` with no changes goes back to the stage below at once."""
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, HomeStage)


StageRunner = Callable[[JackinPaths, Path, Scenario], None]


def key_effect_tests(
    keymap: KeyMap, effects: Mapping[str, KeyEffect], run: StageRunner
) -> tuple[Callable[[], None], Callable[[JackinPaths, Path, str, Key], None]]:
    """The two tests every keymap gets, to bind at module level as
    `test_every_action_has_a_tested_effect, test_each_key_does_what_it_says`: each action
    has an effect, and each key name of each key (`up` and `k`) does it on a stage that
    `run` opens (with the test module's `paths` fixture)."""

    def test_every_action_has_a_tested_effect() -> None:
        assert_effects_cover(keymap, effects)

    @pytest.mark.parametrize(
        ("name", "key"), key_presses(keymap), ids=lambda v: v if isinstance(v, str) else ""
    )
    def test_each_key_does_what_it_says(
        paths: JackinPaths, tmp_path: Path, name: str, key: Key
    ) -> None:
        async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
            await effects[key.action](app, pilot, stage, name)

        run(paths, tmp_path, scenario)

    return test_every_action_has_a_tested_effect, test_each_key_does_what_it_says
