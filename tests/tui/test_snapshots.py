"""SVG snapshots of every console screen at 80x24 and 160x48 (pytest-textual-snapshot).

Each test drives the real console the way an operator does (keys from the first screen)
over a FakeDocker and a temp config home holding two saved workspaces: `alpha` with a
live instance (its capsule answers `snapshot` through the `docker exec` fallback) and a
restore-available one, and `beta` with none; config.toml adds a global env value and a
global mount. Paths that show on screen are fixed
(`ROOT`), so the pictures are the same on every machine. A screen that changes fails its
test; after a deliberate change, look at the report and regenerate:

    uv run pytest tests/tui/test_snapshots.py --snapshot-update

The snapshots are in tests/tui/__snapshots__/test_snapshots/ (`.raw` files, SVG inside).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from jackin_sdk.config import load_operator_config
from jackin_sdk.docker import ExecResult
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker, FakeExec
from jackin_tui._app import JackinConsole
from jackin_tui._services import ConsoleServices
from jackin_tui.dialogs import ConfirmDialog, ErrorPopup, HelpOverlay, ListPicker
from jackin_tui.screens._rows import DraftStage
from jackin_tui.screens._workspaces import WorkspacesScreen
from tests.sdk.overview.support import IMAGE, add_instance, save_workspace, snapshot_json

ROOT = Path("/tmp/jackin-console-snapshots")
"""Where the project and the workspaces' mount sources are: fixed, they show on screen."""

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
SNAPSHOT = snapshot_json(
    ("main", 2, [(1, "claude", "claude", "working"), (2, "zsh", None, "idle")]),
    ("review", 3, [(3, "codex", "codex", "blocked")]),
    active=0,
)
LIVE = "jk-aaaaaaa1-alpha-agentsmith"
GLOBALS = f"""
[env]
LOG_LEVEL = "debug"

[docker.mounts.cache]
src = "{ROOT}/cache"
dst = "/home/agent/.cache/shared"
readonly = true
"""

Compare = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]


def _capsule(call: FakeExec) -> ExecResult:
    if call.argv[-1] == "snapshot":
        return ExecResult(0, SNAPSHOT)
    return ExecResult(0, "Sessions: 1\n  [1] claude (claude) state=working active=true\n")


@dataclass
class World:
    paths: JackinPaths
    docker: FakeDocker
    engine_down: bool = False

    def console(self) -> JackinConsole:
        def docker() -> FakeDocker:
            if self.engine_down:
                raise CodedError(ErrorCode.E001, detail="the engine is down")
            return self.docker

        services = ConsoleServices(
            docker_factory=docker,
            config_loader=lambda: load_operator_config(self.paths),
            cwd=ROOT / "project",
            home=ROOT,
            paths=self.paths,
        )
        return JackinConsole(services=services)


@pytest.fixture
def world(jackin_paths: JackinPaths) -> World:
    (ROOT / "project").mkdir(parents=True, exist_ok=True)
    save_workspace(jackin_paths, "alpha", ROOT / "alpha")
    save_workspace(jackin_paths, "beta", ROOT / "beta")
    with jackin_paths.config_file.open("a") as config:
        config.write(GLOBALS)
    docker = FakeDocker(images=[IMAGE], exec_handler=_capsule)
    store = InstanceStore(jackin_paths)
    live = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    assert live.container == LIVE
    add_instance(
        store, docker, "aaaaaaa2", workspace="alpha",
        status=InstanceStatus.RESTORE_AVAILABLE, age=5,
    )  # fmt: skip
    return World(jackin_paths, docker)


async def _until(pilot: Pilot[Any], check: Callable[[], bool], what: str) -> None:
    for _ in range(500):
        if check():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


def _list(pilot: Pilot[Any]) -> WorkspacesScreen:
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, WorkspacesScreen)
    return screen


async def _listed(pilot: Pilot[Any]) -> None:
    """The first screen once a refresh that started after the first frame is applied."""
    screen = _list(pilot)
    await _until(pilot, lambda: screen.refreshes > 0 and not screen.busy, "the first refresh")
    before = screen.refreshes
    screen.request_refresh()
    await _until(pilot, lambda: screen.refreshes > before and not screen.busy, "a refresh")


async def _press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def _steps(*more: Steps) -> Steps:
    """Wait for the list, then each step in turn."""

    async def run(pilot: Pilot[Any]) -> None:
        await _listed(pilot)
        for step in more:
            await step(pilot)

    return run


async def _on_live_instance(pilot: Pilot[Any]) -> None:
    """`alpha` expanded, its live instance selected, its session tree shown."""
    screen = _list(pilot)
    await _press(pilot, "down", "right", "down")
    await _until(pilot, lambda: LIVE in screen.trees, "the session tree")


def _draft_tab(key: str, tab: int) -> Steps:
    """`key` (e: the editor of alpha, s: Settings), its draft loaded, `tab` times →."""

    async def run(pilot: Pilot[Any]) -> None:
        if key == "e":
            await _press(pilot, "down")
        await _press(pilot, key)
        await _until(
            pilot,
            lambda: isinstance(pilot.app.screen, DraftStage) and pilot.app.screen.draft is not None,
            "the draft",
        )
        for _ in range(tab):
            await _press(pilot, "right")

    return run


async def _role_picker(pilot: Pilot[Any]) -> None:
    await _press(pilot, "enter")  # on Current directory
    await _until(pilot, lambda: isinstance(pilot.app.screen, ListPicker), "the role picker")


async def _purge_confirm(pilot: Pilot[Any]) -> None:
    await _on_live_instance(pilot)
    await _press(pilot, "p")
    await _until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog), "the confirm")


async def _help(pilot: Pilot[Any]) -> None:
    await _press(pilot, "question_mark")
    await _until(pilot, lambda: isinstance(pilot.app.screen, HelpOverlay), "the help")


@pytest.mark.parametrize("size", SIZES)
def test_workspaces(snap_compare: Compare, world: World, size: tuple[int, int]) -> None:
    """The first screen: Current directory, alpha (with instances), beta, + New."""
    assert snap_compare(world.console(), terminal_size=size, run_before=_steps())


@pytest.mark.parametrize("size", SIZES)
def test_instance_sessions(snap_compare: Compare, world: World, size: tuple[int, int]) -> None:
    """alpha expanded, its live instance selected: the session pane from `snapshot`."""
    steps = _steps(_on_live_instance)
    assert snap_compare(world.console(), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_role_picker(snap_compare: Compare, world: World, size: tuple[int, int]) -> None:
    """Enter on Current directory: Select Role."""
    steps = _steps(_role_picker)
    assert snap_compare(world.console(), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("tab", range(5), ids=lambda n: f"tab{n}")
@pytest.mark.parametrize("size", SIZES)
def test_editor(snap_compare: Compare, world: World, size: tuple[int, int], tab: int) -> None:
    """E on alpha: the workspace editor, each tab."""
    steps = _steps(_draft_tab("e", tab))
    assert snap_compare(world.console(), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("tab", range(5), ids=lambda n: f"tab{n}")
@pytest.mark.parametrize("size", SIZES)
def test_settings(snap_compare: Compare, world: World, size: tuple[int, int], tab: int) -> None:
    """S: Settings, each tab."""
    steps = _steps(_draft_tab("s", tab))
    assert snap_compare(world.console(), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_confirm_dialog(snap_compare: Compare, world: World, size: tuple[int, int]) -> None:
    """P on the live instance: the purge confirmation."""
    steps = _steps(_purge_confirm)
    assert snap_compare(world.console(), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_error_popup(snap_compare: Compare, world: World, size: tuple[int, int]) -> None:
    """The engine is down: the refresh's E001 in the error popup."""
    world.engine_down = True

    async def steps(pilot: Pilot[Any]) -> None:
        await _until(pilot, lambda: isinstance(pilot.app.screen, ErrorPopup), "the error")

    assert snap_compare(world.console(), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_help_overlay(snap_compare: Compare, world: World, size: tuple[int, int]) -> None:
    """? on the first screen: the keys of the workspace manager."""
    steps = _steps(_help)
    assert snap_compare(world.console(), terminal_size=size, run_before=steps)
