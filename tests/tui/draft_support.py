"""Helpers for the editor and Settings pilot tests: a temp config home with comments, the
console with a stage pushed over a toy first stage, and reading what a stage shows."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from jackin_sdk.config import load_operator_config
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from jackin_tui._app import JackinConsole
from jackin_tui._keymap import GLOBAL_KEYMAP, Key, KeyMap
from jackin_tui._services import ConsoleServices
from jackin_tui.screens._base import StageScreen
from jackin_tui.screens._rows import DraftStage
from jackin_tui.widgets import HintBar

__all__ = [
    "CONFIG_NOTE",
    "WORKSPACE_TEXT",
    "HomeStage",
    "Shell",
    "assert_effects_cover",
    "assert_hints_match_live",
    "changes_text",
    "files",
    "key_presses",
    "rows_text",
    "run_stage",
    "seed",
    "services_for",
    "settle",
    "submit_text",
    "tabs_text",
]

CONFIG_NOTE = "# operator notes: keep me\n"
WORKSPACE_TEXT = """\
# the web workspace: keep this note
version = "v1alpha10"
workdir = "/work/web"  # where agents start
allowed_roles = ["agent-smith", "the-architect"]

[[mounts]]
src = "/src/web"
dst = "/work/web"
readonly = false
isolation = "shared"

[env]
KEEP = "1"  # kept
"""


class HomeStage(StageScreen):
    """The stage under the one a test opens (where `Esc` must come back to)."""

    LABEL = "home"


class Shell(JackinConsole):
    """The real console with `HomeStage` as its first stage."""

    def get_default_screen(self) -> Screen[Any]:
        return HomeStage()


def seed(paths: JackinPaths) -> None:
    """config.toml (with a comment and an env value) and workspace `web` (commented)."""
    load_operator_config(paths)
    text = paths.config_file.read_text()
    paths.config_file.write_text(CONFIG_NOTE + text + '\n[env]\nKEEP = "1"  # kept\n')
    paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    paths.workspace_file("web").write_text(WORKSPACE_TEXT)


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
    scenario: Callable[[Shell, Pilot[Any], DraftStage], Awaitable[None]],
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


def key_presses(keymap: KeyMap) -> list[tuple[str, Key]]:
    """Every key name of every Key (`"up,k"` gives two), for `pytest.mark.parametrize`."""
    return [(name.strip(), key) for key in keymap for name in key.keys.split(",")]


def assert_effects_cover(keymap: KeyMap, effects: dict[str, Any]) -> None:
    """Every action of `keymap` has a tested effect (a new key cannot go untested)."""
    assert set(keymap.actions) == set(effects), (
        f"untested: {sorted(keymap.actions - set(effects))}, "
        f"stale: {sorted(set(effects) - keymap.actions)}"
    )


def assert_hints_match_live(app: JackinConsole) -> None:
    """The footer lists exactly the live keys of the top stage, then the global keys."""
    stage = app.screen
    assert isinstance(stage, DraftStage)
    shown = stage.query_one(HintBar).plain
    for key in stage.KEYMAP:
        if key.shown and stage.is_live(key.action):
            assert key.hint in shown, f"live key {key.keys!r} ({key.hint!r}) missing: {shown!r}"
    parts = [
        stage.KEYMAP.hints(stage.is_live),
        GLOBAL_KEYMAP.hints(lambda a: app.check_action(a, ()) is True),
    ]
    assert shown == "   ".join(p for p in parts if p), f"hint bar {shown!r} != live keys"
