"""The workspace manager (B3, B4): rows, live keys, outcomes, in-place actions, sessions.

Pilot tests of the real console over a FakeDocker and a temp config home with two saved
workspaces: `alpha` with a live instance (its capsule answers `snapshot` through the
`docker exec` fallback) and a restore-available one, `beta` with a crashed one.
"""

from __future__ import annotations

import asyncio
import importlib.util
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from jackin_sdk.config import load_operator_config
from jackin_sdk.console import InstanceAction, InstanceVerb, Prewarm
from jackin_sdk.docker import ExecResult
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.overview import EntryKind
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker, FakeExec
from jackin_tui._app import JackinConsole
from jackin_tui._services import ConsoleServices
from jackin_tui.dialogs import ConfirmDialog, DebugRow, ErrorPopup, ListPicker, ReportDialog
from jackin_tui.screens._workspaces import REFRESH_SOCKET, WorkspacesScreen
from jackin_tui.widgets import HintBar
from jackin_tui.widgets._details import DetailPane
from jackin_tui.widgets._sidebar import Sidebar
from tests.sdk.overview.support import (
    IMAGE,
    Made,
    add_instance,
    dirty_worktree,
    isolated_git,
    save_workspace,
    snapshot_json,
)
from tests.tui.support import assert_effects_cover, assert_hints_match_live, hint_bar

SNAPSHOT = snapshot_json(
    ("main", 2, [(1, "claude", "claude", "working"), (2, "zsh", None, "idle")]),
    ("review\x1b[31m", 3, [(3, "codex", "codex", "blocked")]),
    active=1,
)
GLOBAL = "   Ctrl-Q quit · ? help"


@dataclass
class World:
    paths: JackinPaths
    docker: FakeDocker
    store: InstanceStore
    cwd: Path
    live: Made
    dead: Made
    crashed: Made
    docker_error: bool = False

    def services(self) -> ConsoleServices:
        def docker() -> FakeDocker:
            if self.docker_error:
                raise CodedError(ErrorCode.E001, detail="the engine is down")
            return self.docker

        return ConsoleServices(
            docker_factory=docker,
            config_loader=lambda: load_operator_config(self.paths),
            cwd=self.cwd,
            home=self.cwd,
            paths=self.paths,
        )


def _capsule(call: FakeExec) -> ExecResult:
    if call.argv[-1] == "snapshot":
        return ExecResult(0, SNAPSHOT)
    return ExecResult(0, "Sessions: 1\n  [1] claude (claude) state=working active=true\n")


@pytest.fixture
def world(jackin_paths: JackinPaths, tmp_path: Path) -> World:
    save_workspace(jackin_paths, "alpha", tmp_path / "alpha")
    save_workspace(jackin_paths, "beta", tmp_path / "beta")
    docker = FakeDocker(images=[IMAGE], exec_handler=_capsule)
    store = InstanceStore(jackin_paths)
    live = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    dead = add_instance(
        store, docker, "aaaaaaa2", workspace="alpha",
        status=InstanceStatus.RESTORE_AVAILABLE, age=5,
    )  # fmt: skip
    crashed = add_instance(
        store, docker, "bbbbbbb1", workspace="beta", status=InstanceStatus.CRASHED
    )
    cwd = tmp_path / "here"
    cwd.mkdir()
    return World(jackin_paths, docker, store, cwd, live, dead, crashed)


Scenario = Callable[[JackinConsole, Pilot[Any], WorkspacesScreen], Awaitable[None]]


async def fresh(pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
    """Wait for a refresh that starts after now to be applied."""
    while screen.busy:
        await pilot.pause(0.02)
    before = screen.refreshes
    screen.request_refresh()
    for _ in range(500):
        if screen.refreshes > before and not screen.busy:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the refresh never came back")


async def until(pilot: Pilot[Any], check: Callable[[], bool]) -> None:
    for _ in range(500):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


def run(world: World, scenario: Scenario, size: tuple[int, int] = (100, 30)) -> Any:
    """Run `scenario` on the console's first screen; return what the console exited with."""

    async def main() -> Any:
        app = JackinConsole(services=world.services())
        async with app.run_test(size=size) as pilot:
            screen = app.stage
            assert isinstance(screen, WorkspacesScreen)
            await fresh(pilot, screen)
            await scenario(app, pilot, screen)
            await pilot.pause()
        return app.return_value

    return asyncio.run(main())


def row_index(screen: WorkspacesScreen, what: str) -> int:
    """The sidebar row of a workspace label or an instance container."""
    for n, row in enumerate(screen.rows):
        if row.instance is None and row.entry.label == what:
            return n
        if row.instance is not None and row.instance.container == what:
            return n
    raise AssertionError(f"no row {what!r} in {[r.entry.label for r in screen.rows]}")


async def select(pilot: Pilot[Any], screen: WorkspacesScreen, what: str) -> None:
    """Select a row by pressing ↓/↑ (expanding `alpha`/`beta` first for an instance)."""
    if what.startswith("jk-"):
        assert screen.overview is not None
        entries = screen.overview.entries
        entry = next(e for e in entries if any(i.container == what for i in e.instances))
        if entry.key not in screen.sidebar.expanded:
            await select(pilot, screen, entry.label)
            await pilot.press("right")
    target = row_index(screen, what)
    while screen.sidebar.cursor != target:
        await pilot.press("down" if screen.sidebar.cursor < target else "up")
    await pilot.pause()


def previewing(screen: WorkspacesScreen) -> bool:
    """Whether the session pane has the keys (a call, so mypy does not narrow it)."""
    return screen.preview


def sidebar_text(screen: WorkspacesScreen) -> list[str]:
    return [line.rstrip() for line in str(screen.sidebar.render()).splitlines()]


def detail_text(screen: WorkspacesScreen) -> str:
    pane = screen.query_one(DetailPane)
    return "\n".join(f"[{w.border_title}]\n{w.render()}" for w in pane.query(".block").results())


# ------------------------------------------------------------------ rows


def test_rows_expand_and_collapse(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        assert sidebar_text(screen) == [
            "▸   Current directory",
            "  ▶ alpha",
            "  ▶ beta",
            "    + New workspace",
        ]
        await pilot.press("down", "right")
        lines = sidebar_text(screen)
        assert lines[1] == "▸ ▼ alpha"
        assert lines[2] == "      aaaaaaa1 agent-smith"  # live: no status
        assert lines[3] == "      aaaaaaa2  [restore-available]"  # narrow: the role goes first
        await pilot.press("down", "down", "left")  # ← on an instance: collapse, select parent
        assert screen.current is not None
        assert (screen.current.entry.label, screen.current.instance) == ("alpha", None)
        assert sidebar_text(screen)[1] == "▸ ▶ alpha"
        await pilot.press("right", "left")  # ← on an expanded workspace collapses it
        assert len(screen.rows) == 4

    run(world, scenario)


def test_detail_blocks_of_a_workspace(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, "alpha")
        text = detail_text(screen)
        for expected in ("[General]", "Working dir  /workspace", "[Mounts]",
                         "/workspace   rw    shared     folder", "[Global mounts]",
                         "no global mounts", "[Roles]", "Default  none"):  # fmt: skip
            assert expected in text, text
        await select(pilot, screen, "Current directory")
        assert f"Working dir  {world.cwd.resolve()}" in detail_text(screen)

    run(world, scenario)


# ------------------------------------------------------------------ the footer

FOOTERS = {
    "Current directory": "↑↓ · ↵ launch   N new · S settings",
    "alpha": "↑↓ · ↵ launch   E edit · W prewarm · N new · D delete · S settings · → expand",
    "+ New workspace": "↑↓ · ↵ setup   N new · S settings",
    "live": "↑↓ · ↵ reconnect   N new session · A agent · X shell · R reconnect · T stop"
    " · P purge · I info · ← collapse · Tab sessions",
    "dead": "↑↓ · ↵ restart   R reconnect · P purge · I info · ← collapse",
    "crashed": "↑↓ · ↵ restart   R reconnect · P purge · I info · ← collapse",
}


def test_the_footer_lists_exactly_the_live_keys(world: World) -> None:
    names = {"live": world.live.container, "dead": world.dead.container,
             "crashed": world.crashed.container}  # fmt: skip

    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        for row, footer in FOOTERS.items():
            await select(pilot, screen, names.get(row, row))
            if row == "live":
                await fresh(pilot, screen)  # its session tree is read
            assert hint_bar(app) == footer + GLOBAL, row
            assert_hints_match_live(app)
        await select(pilot, screen, world.live.container)
        await pilot.press("tab")
        assert hint_bar(app) == "↑↓ · ↵ attach   Esc back" + GLOBAL
        assert_hints_match_live(app)

    run(world, scenario)


def test_every_footer_fits_in_two_lines_at_80_columns(world: World) -> None:
    """B10 at 80x24: each row's footer (live keys and the global ones) wraps to at most
    two lines, so the sidebar keeps its rows."""
    names = {"live": world.live.container, "dead": world.dead.container,
             "crashed": world.crashed.container}  # fmt: skip

    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        bar = screen.query_one(HintBar)
        for row, footer in FOOTERS.items():
            await select(pilot, screen, names.get(row, row))
            if row == "live":
                await fresh(pilot, screen)
            await pilot.pause()
            assert bar.plain == footer + GLOBAL, row
            assert bar.size.height <= 2, (row, bar.size.height, bar.plain)
            assert_hints_match_live(app)

    run(world, scenario, size=(80, 24))


def test_a_workspace_row_s_instance_keys_are_in_the_help_not_the_bar(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, "alpha")
        keymaps = app.help_keymaps()
        helped = {key.action: key.description for key in keymaps[0]}
        assert helped["first_agent"] == "new agent session in the first running instance"
        assert helped["first_purge"] == "purge the first purgeable instance"
        assert "A agent" not in hint_bar(app)

    run(world, scenario)


@pytest.mark.parametrize("key", ["t", "x", "a", "n", "e", "w", "d", "s", "tab", "right"])
def test_dead_keys_on_a_dead_instance_do_nothing(world: World, key: str) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.dead.container)
        await pilot.press(key)
        await pilot.pause(0.1)
        assert app.screen is screen
        assert not screen.preview

    assert run(world, scenario) is None
    assert world.store.read_manifest(world.dead.container) is not None


def test_keys_on_a_row_without_instances_do_nothing(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        for key in ("a", "x", "r", "t", "p", "i", "e", "w", "d", "right"):
            await pilot.press(key)
            await pilot.pause(0.05)
            assert app.screen is screen, key

    assert run(world, scenario) is None


# ------------------------------------------------------------------ leaving with an outcome


@pytest.mark.parametrize(
    ("row", "keys", "expected"),
    [
        ("alpha", ["a"], ("live", InstanceVerb.NEW_SESSION, None)),
        ("alpha", ["x"], ("live", InstanceVerb.SHELL, None)),
        ("alpha", ["r"], ("live", InstanceVerb.RECONNECT, None)),
        ("live", ["enter"], ("live", InstanceVerb.RECONNECT, None)),
        ("live", ["a"], ("live", InstanceVerb.NEW_SESSION, None)),
        ("live", ["x"], ("live", InstanceVerb.SHELL, None)),
        ("live", ["r"], ("live", InstanceVerb.RECONNECT, None)),
        ("dead", ["enter"], ("dead", InstanceVerb.RECONNECT, None)),
        ("dead", ["r"], ("dead", InstanceVerb.RECONNECT, None)),
        ("beta", ["r"], ("crashed", InstanceVerb.RECONNECT, None)),
        ("live", ["tab", "down", "enter"], ("live", InstanceVerb.RECONNECT, "2")),
        (
            "live",
            ["tab", "down", "down", "up", "k", "j", "j", "enter"],
            ("live", InstanceVerb.RECONNECT, "3"),
        ),
    ],
)
def test_instance_keys_exit_with_their_outcome(
    world: World, row: str, keys: list[str], expected: tuple[str, InstanceVerb, str | None]
) -> None:
    made = {"live": world.live, "dead": world.dead, "crashed": world.crashed}

    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, made[row].container if row in made else row)
        await fresh(pilot, screen)
        await pilot.press(*keys)

    container, verb, focus = expected
    outcome = run(world, scenario)
    assert outcome == InstanceAction(made[container].container, verb, focus=focus)


def test_w_prewarms_a_saved_workspace(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, "alpha")
        await pilot.press("w")

    assert run(world, scenario) == Prewarm("alpha")


@pytest.mark.parametrize("key", ["q", "escape"])
def test_q_and_escape_quit(world: World, key: str) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running

    assert run(world, scenario) is None


def test_escape_and_left_leave_the_session_pane_first(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.live.container)
        await fresh(pilot, screen)
        for key in ("escape", "left", "shift+tab"):
            await pilot.press("tab")
            assert previewing(screen)
            await pilot.press(key)
            assert not previewing(screen)
            assert app.is_running
        assert screen.current is not None
        assert screen.current.instance is not None  # still on the instance

    assert run(world, scenario) is None


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("key", "message"),
    [("a", "no running instance in beta"), ("x", "no running instance in beta"),
     ("t", "no running instance in beta")],
)  # fmt: skip
def test_workspace_keys_with_no_eligible_instance_say_so(
    world: World, key: str, message: str
) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, "beta")
        await pilot.press(key)
        await pilot.pause()
        popup = app.screen
        assert isinstance(popup, ErrorPopup)
        assert popup.message == message
        await pilot.press("enter")
        assert app.screen is screen

    assert run(world, scenario) is None


def test_a_background_error_shows_one_popup(world: World) -> None:
    world.docker_error = True

    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await until(pilot, lambda: isinstance(app.screen, ErrorPopup))
        popup = app.screen
        assert isinstance(popup, ErrorPopup)
        assert "E001" in popup.message
        await pilot.press("escape")
        await fresh(pilot, screen)
        await fresh(pilot, screen)
        assert app.screen is screen  # the same error is not shown again
        # The list still comes from the index; containers are unknown, so nothing is live.
        await select(pilot, screen, world.live.container)
        assert "Status: running" in detail_text(screen)
        world.docker_error = False
        await fresh(pilot, screen)
        assert app.screen is screen

    run(world, scenario)


# ------------------------------------------------------------------ in place


def test_t_stops_in_place(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.live.container)
        await pilot.press("t")
        await until(pilot, lambda: app.screen is screen and not screen.busy)
        await fresh(pilot, screen)
        assert screen.current is not None
        assert screen.current.instance is not None
        assert screen.current.instance.status is InstanceStatus.RESTORE_AVAILABLE
        assert "[restore-available]" in sidebar_text(screen)[screen.sidebar.cursor]

    assert run(world, scenario) is None
    assert world.live.container not in {c.name for c in world.docker.containers.values()}
    manifest = world.store.read_manifest(world.live.container)
    assert manifest is not None
    assert manifest.status is InstanceStatus.RESTORE_AVAILABLE


def test_p_purges_after_a_confirmation_that_defaults_to_no(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.dead.container)
        await pilot.press("p")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert (dialog.question, dialog.explanation, dialog.default_yes) == (
            "Purge instance?", "This removes the container and its state.", False,
        )  # fmt: skip
        await pilot.press("enter")  # the default: No
        assert app.screen is screen
        assert world.store.state_dir(world.dead.container).exists()
        await pilot.press("p", "y")
        await until(pilot, lambda: app.screen is screen and not screen.busy)
        await fresh(pilot, screen)
        assert world.dead.container not in {
            r.instance.container for r in screen.rows if r.instance is not None
        }

    assert run(world, scenario) is None
    assert not world.store.state_dir(world.dead.container).exists()
    rows = {r.container_base: r.status for r in world.store.index()}
    assert rows[world.dead.container] is InstanceStatus.PURGED


def test_p_asks_again_before_discarding_isolated_work(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_git(tmp_path, monkeypatch)
    worktree = dirty_worktree(world.store, world.dead.container, tmp_path / "repo")

    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.dead.container)
        for answer in ("n", "y"):
            await pilot.press("p", "y")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert dialog.question == "Discard isolated work?"
            assert dialog.explanation is not None
            assert "/workspace/proj: dirty" in dialog.explanation
            assert not dialog.default_yes
            await pilot.press(answer)
            await until(pilot, lambda: app.screen is screen and not screen.busy)
            assert worktree.exists() is (answer == "n")

    run(world, scenario)
    assert not world.store.state_dir(world.dead.container).exists()


def test_p_on_a_workspace_asks_to_purge_its_first_purgeable_instance(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, "beta")
        await pilot.press("p")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == "Purge instance?"
        await pilot.press("y")
        await until(pilot, lambda: world.store.read_manifest(world.crashed.container) is None)

    run(world, scenario)


def test_p_purges_a_live_instance_too(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.live.container)
        await pilot.press("p", "y")
        await until(pilot, lambda: app.screen is screen and not screen.busy)

    run(world, scenario)
    assert world.live.container not in {c.name for c in world.docker.containers.values()}
    assert not world.store.state_dir(world.live.container).exists()


@pytest.mark.parametrize("row", ["alpha", "live"])
def test_i_shows_the_inspect_report(world: World, row: str) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.live.container if row == "live" else row)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ReportDialog))
        report = app.screen
        assert isinstance(report, ReportDialog)
        assert report.message.splitlines()[0] == f"Instance: {world.live.container}"
        assert "Agent sessions: [1] claude (claude) state=working active=true" in report.message
        await pilot.press("escape")
        assert app.screen is screen

    run(world, scenario)


def test_d_deletes_a_saved_workspace_after_confirmation(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, "beta")
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == 'Delete workspace "beta"?'
        assert not dialog.default_yes
        await pilot.press("y")
        await until(pilot, lambda: app.screen is screen and not screen.busy)
        await fresh(pilot, screen)
        assert screen.overview is not None
        kinds = {e.label: e.kind for e in screen.overview.entries}
        assert kinds["beta"] is EntryKind.DIRECTORY  # its instance stays reachable

    run(world, scenario)
    assert sorted(load_operator_config(world.paths).workspaces) == ["alpha"]


# ------------------------------------------------------------------ other stages


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@pytest.mark.parametrize(
    ("row", "key", "module", "screen_name", "name"),
    [
        ("+ New workspace", "enter", "jackin_tui.screens._editor", "EditorScreen", None),
        ("+ New workspace", "n", "jackin_tui.screens._editor", "EditorScreen", None),
        ("alpha", "n", "jackin_tui.screens._editor", "EditorScreen", None),
        ("Current directory", "n", "jackin_tui.screens._editor", "EditorScreen", None),
        ("alpha", "e", "jackin_tui.screens._editor", "EditorScreen", "alpha"),
        ("alpha", "s", "jackin_tui.screens._settings", "SettingsScreen", None),
        ("Current directory", "s", "jackin_tui.screens._settings", "SettingsScreen", None),
    ],
)
def test_stage_keys_open_their_stage(
    world: World, row: str, key: str, module: str, screen_name: str, name: str | None
) -> None:
    folder = world.cwd.resolve() if row == "Current directory" and key == "n" else None

    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, row)
        await pilot.press(key)
        await pilot.pause()
        if not _has(module):
            assert isinstance(app.screen, ErrorPopup)
            assert app.screen.message == f"not available yet ({module})"
            return
        assert type(app.screen).__name__ == screen_name
        if screen_name == "EditorScreen":
            assert getattr(app.screen, "workspace_name", None) == name
            assert getattr(app.screen, "directory", None) == folder  # Current directory: its folder

    run(world, scenario)


def test_enter_on_a_workspace_starts_the_launch_pickers(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await pilot.press("enter")  # Current directory
        await until(pilot, lambda: app.screen is not screen)
        assert isinstance(app.screen, ListPicker)

    run(world, scenario)


def test_n_on_an_instance_starts_the_new_session_flow(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.live.container)
        await pilot.press("n")
        await until(pilot, lambda: app.screen is not screen or not app.is_running)

    outcome = run(world, scenario)
    # The pickers' own tests cover them; here: the flow started for this instance (a
    # picker or an error popup opened, or it exited with a new session at once).
    if outcome is not None:
        assert outcome.container == world.live.container
        assert outcome.verb is InstanceVerb.NEW_SESSION


# ------------------------------------------------------------------ the session pane


def test_the_session_pane_shows_the_live_tree_from_the_capsule(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.live.container)
        await fresh(pilot, screen)
        text = detail_text(screen)
        assert f"[Instance: {world.live.instance_id}]" in text
        assert "Live tab/pane tree (from container daemon)" in text
        assert "  Tab 1: main" in text
        assert "▸ Tab 2: review\\x1b[31m" in text  # escaped, and the active tab
        assert "    ○ claude (claude) working" in text
        assert "    ● zsh idle" in text
        assert "    ● codex (codex) blocked" in text
        assert not screen.use_socket  # the socket was not there: exec fallback, 2.5 s
        await select(pilot, screen, world.dead.container)
        assert "Not running." in detail_text(screen)

    run(world, scenario)


def test_the_socket_path_is_asked_before_docker_exec(world: World) -> None:
    """With no socket the tree comes from `docker exec … snapshot` (recorded by FakeDocker)."""

    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, world.live.container)
        await fresh(pilot, screen)

    run(world, scenario)
    snapshots = [c for c in world.docker.execs if c.argv[-1] == "snapshot"]
    assert snapshots
    assert {c.container.name for c in snapshots} == {world.live.container}


# ------------------------------------------------------------------ coverage of the keymap

EFFECTS = {
    "cursor_up": test_rows_expand_and_collapse,
    "cursor_down": test_rows_expand_and_collapse,
    "launch": test_enter_on_a_workspace_starts_the_launch_pickers,
    "setup": test_stage_keys_open_their_stage,
    "reconnect": test_instance_keys_exit_with_their_outcome,
    "restart": test_instance_keys_exit_with_their_outcome,
    "attach_pane": test_instance_keys_exit_with_their_outcome,
    "edit": test_stage_keys_open_their_stage,
    "prewarm": test_w_prewarms_a_saved_workspace,
    "new_workspace": test_stage_keys_open_their_stage,
    "new_session": test_n_on_an_instance_starts_the_new_session_flow,
    "agent_session": test_instance_keys_exit_with_their_outcome,
    "shell": test_instance_keys_exit_with_their_outcome,
    "recover": test_instance_keys_exit_with_their_outcome,
    "stop": test_t_stops_in_place,
    "purge": test_p_purges_after_a_confirmation_that_defaults_to_no,
    "inspect": test_i_shows_the_inspect_report,
    "delete": test_d_deletes_a_saved_workspace_after_confirmation,
    "settings": test_stage_keys_open_their_stage,
    "expand": test_rows_expand_and_collapse,
    "collapse": test_rows_expand_and_collapse,
    "focus_sessions": test_escape_and_left_leave_the_session_pane_first,
    "leave_sessions": test_escape_and_left_leave_the_session_pane_first,
    "quit": test_q_and_escape_quit,
    "first_agent": test_instance_keys_exit_with_their_outcome,
    "first_shell": test_instance_keys_exit_with_their_outcome,
    "first_recover": test_instance_keys_exit_with_their_outcome,
    "first_stop": test_workspace_keys_with_no_eligible_instance_say_so,
    "first_purge": test_p_on_a_workspace_asks_to_purge_its_first_purgeable_instance,
    "first_inspect": test_i_shows_the_inspect_report,
}


def test_every_key_of_the_keymap_has_a_test() -> None:
    assert_effects_cover(WorkspacesScreen.KEYMAP, EFFECTS)


def test_sidebar_is_the_only_focus_and_is_green_when_active(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        sidebar = screen.query_one(Sidebar)
        assert app.focused is sidebar
        assert sidebar.has_class("-active")
        await select(pilot, screen, world.live.container)
        await fresh(pilot, screen)
        await pilot.press("tab")
        assert not sidebar.has_class("-active")
        assert sidebar_text(screen)[screen.sidebar.cursor].startswith("  ")  # no ▸ cursor
        assert previewing(screen)

    run(world, scenario)


def test_a_click_selects_a_sidebar_row(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await pilot.click(Sidebar, offset=(4, 3))  # y 0 is the border: y 3 is the third row
        assert screen.current is not None
        assert screen.current.entry.label == "beta"
        assert "Working dir  /workspace" in detail_text(screen)

    run(world, scenario)


def test_refreshes_pause_under_another_stage_and_go_on_under_a_modal(world: World) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, "beta")
        await pilot.press("d")  # a modal: the list keeps refreshing behind it
        assert isinstance(app.screen, ConfirmDialog)
        before = screen.refreshes
        await until(pilot, lambda: screen.refreshes > before)
        await pilot.press("n")
        if not _has("jackin_tui.screens._settings"):
            return
        await pilot.press("s")
        await until(pilot, lambda: type(app.screen).__name__ == "SettingsScreen")
        await until(pilot, lambda: not screen.busy)
        paused = screen.refreshes
        await pilot.pause(REFRESH_SOCKET * 3)
        assert screen.refreshes == paused  # another stage on top: no refresh
        app.pop_screen()
        await until(pilot, lambda: screen.refreshes > paused)  # back: one at once

    run(world, scenario)


# ------------------------------------------------------------------ debug info


def test_debug_info_on_an_instance_row_names_its_container_role_agent_and_target(
    world: World,
) -> None:
    async def scenario(app: JackinConsole, pilot: Pilot[Any], screen: WorkspacesScreen) -> None:
        await select(pilot, screen, "alpha")
        assert screen.debug_rows() == [], "a workspace row adds nothing"
        await select(pilot, screen, world.live.container)
        assert screen.debug_rows() == [
            DebugRow("Container ID", world.live.container, copyable=True),
            DebugRow("Role", "agent-smith"),
            DebugRow("Agent", "claude"),
            DebugRow("Target", "alpha"),
        ]
        labels = [row.label for row in app.debug_rows()]
        assert labels[-4:] == ["Container ID", "Role", "Agent", "Target"]

    run(world, scenario)
