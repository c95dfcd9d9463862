"""The workspace editor (B7): every key live where it should be and doing what it says,
saves that keep comments, the SDK's messages inline for bad input, Save/Discard/Cancel."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from jackin_sdk.config import WorkspaceDraft
from jackin_sdk.mounts import Isolation
from jackin_sdk.paths import JackinPaths
from jackin_tui._services import services
from jackin_tui.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    ErrorPopup,
    ListPicker,
    TextInputDialog,
)
from jackin_tui.screens._editor import EDITOR_KEYMAP, EditorScreen
from jackin_tui.screens._rows import DraftStage
from tests.tui.draft_support import (
    CONFIG_NOTE,
    ROWS,
    TAIL,
    WORKSPACE_NOTE,
    HomeStage,
    KeyEffect,
    Scenario,
    Shell,
    assert_hints_match_live,
    back_home,
    changes_text,
    files,
    key_effect_tests,
    live_everywhere,
    mask_keep,
    place,
    rows_text,
    run_stage,
    seed,
    services_for,
    settle,
    submit_text,
    tabs_text,
)


@pytest.fixture
def paths(jackin_paths: JackinPaths) -> JackinPaths:
    seed(jackin_paths)
    return jackin_paths


def _run(paths: JackinPaths, tmp: Path, scenario: Scenario, name: str | None = "web") -> None:
    run_stage(paths, tmp, lambda: EditorScreen(name), scenario)


def _draft(stage: DraftStage) -> WorkspaceDraft:
    assert isinstance(stage.draft, WorkspaceDraft)
    return stage.draft


# ── each key: live where it should be, shown, and doing what it says ────────────────────


async def _tab_prev(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Mounts")
    await pilot.press(key)
    assert stage.tab_name == "General"
    assert not stage.in_content


async def _tab_next(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General")
    await pilot.press(key)
    assert stage.tab_name == "Mounts"


async def _enter_content(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General")
    await pilot.press(key)
    assert stage.in_content
    assert rows_text(stage).startswith("▸ Name")


async def _row_up(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="workdir")
    await pilot.press(key)
    assert stage.row is not None
    assert stage.row.ident == "name"


async def _row_down(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="name")
    await pilot.press(key)
    assert stage.row is not None
    assert stage.row.ident == "workdir"


async def _next_tab(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", content=True)
    await pilot.press(key)
    assert stage.tab_name == "Mounts"
    assert stage.in_content


async def _to_strip(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Roles", content=True)
    await pilot.press(key)
    assert not stage.in_content
    assert stage.tab_name == "Roles"


async def _activate(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="name")
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, TextInputDialog)
    assert app.screen.label == "Workspace name"
    await submit_text(app, pilot, "site")
    assert _draft(stage).name == "site"
    assert changes_text(stage) == "1 unsaved change"


async def _toggle(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="git_pull")
    await pilot.press(key)
    assert _draft(stage).git_pull
    assert "Git pull     enabled" in rows_text(stage)


async def _add(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Mounts", content=True)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, TextInputDialog)
    await submit_text(app, pilot, "/src/lib:/work/lib:ro")
    assert "/work/lib  ro  shared  ← /src/lib" in rows_text(stage)


async def _delete(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Environments", row="KEEP")
    await pilot.press(key)
    assert "KEEP" not in rows_text(stage)
    assert _draft(stage).describe_changes() == ("removed env KEEP",)


async def _readonly(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Mounts", row="/work/web")
    await pilot.press(key)
    assert _draft(stage).mount_rows()[0].readonly


async def _isolation(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Mounts", row="/work/web")
    await pilot.press(key)
    assert _draft(stage).mount_rows()[0].isolation is Isolation.WORKTREE


async def _default_role(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Roles", row="the-architect")
    await pilot.press(key)
    assert _draft(stage).default_role == "the-architect"
    assert "[x] the-architect  (default)" in rows_text(stage)


async def _save(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="git_pull")
    await pilot.press("space")
    await pilot.press(key)
    await settle(pilot)
    assert _draft(stage).changes == 0
    paths = services(stage).paths
    text = paths.workspace_file("web").read_text()
    assert "git_pull_on_entry = true" in text
    assert text.startswith(WORKSPACE_NOTE)


EFFECTS: dict[str, KeyEffect] = {
    "tab_prev": _tab_prev,
    "tab_next": _tab_next,
    "enter_content": _enter_content,
    "row_up": _row_up,
    "row_down": _row_down,
    "next_tab": _next_tab,
    "to_strip": _to_strip,
    "activate": _activate,
    "toggle_row": _toggle,
    "add": _add,
    "delete": _delete,
    "readonly": _readonly,
    "isolation": _isolation,
    "default_role": _default_role,
    "mask": mask_keep,
    "save": _save,
    "back": back_home,
}


test_every_action_has_a_tested_effect, test_each_key_does_what_it_says = key_effect_tests(
    EDITOR_KEYMAP, EFFECTS, _run
)


def test_the_hint_bar_lists_exactly_the_live_keys_everywhere(
    paths: JackinPaths, tmp_path: Path
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        assert stage.label == "edit workspace · web"
        assert tabs_text(stage) == "General · Mounts · Roles · Environments · Auth"
        seen = await live_everywhere(app, pilot, stage)
        stage.edit(_draft(stage).toggle_git_pull)
        await pilot.pause()
        assert_hints_match_live(app)
        assert "S save" in str(app.screen.query_one("#hints").render())
        seen |= {k.action for k in EDITOR_KEYMAP if stage.is_live(k.action)}
        assert seen == set(EDITOR_KEYMAP.actions)

    _run(paths, tmp_path, scenario)


@pytest.mark.parametrize(
    ("tab", "row", "hints"),
    [
        ("General", None, "←→ · Tab rows" + TAIL),
        ("General", "name", ROWS + "   ↵ edit" + TAIL),
        ("General", "keep_awake", ROWS + "   Space toggle" + TAIL),
        (
            "Mounts",
            "/work/web",
            ROWS + "   A add · D remove · R ro/rw · I isolation" + TAIL,
        ),
        ("Mounts", "mount", ROWS + "   ↵ edit · A add" + TAIL),
        ("Roles", "agent-smith", ROWS + "   Space toggle · A add · * default" + TAIL),
        ("Roles", "role", ROWS + "   ↵ edit · A add" + TAIL),
        ("Environments", "KEEP", ROWS + "   ↵ edit · A add · D remove · M mask" + TAIL),
        ("Auth", "codex", ROWS + "   ↵ edit" + TAIL),
    ],
)
def test_hints_at_each_kind_of_row(
    paths: JackinPaths, tmp_path: Path, tab: str, row: str | None, hints: str
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, tab, row=row)
        await pilot.pause()
        assert str(stage.query_one("#hints").render()) == hints
        before = _draft(stage).describe_changes()
        for dead in ("r", "i", "m", "asterisk", "d", "space", "s"):
            if dead not in hints.lower() and not stage.is_live(_action(dead)):
                await pilot.press(dead)
        assert _draft(stage).describe_changes() == before
        assert "✗" not in rows_text(stage)

    _run(paths, tmp_path, scenario)


def _action(key: str) -> str:
    return next(k.action for k in EDITOR_KEYMAP if key in k.keys.split(","))


# ── saving ───────────────────────────────────────────────────────────────────────────────


def test_new_workspace_is_created_and_the_label_follows(paths: JackinPaths, tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        assert stage.label == "new workspace"
        place(stage, "General", row="name")
        await pilot.press("enter")
        await settle(pilot)
        await submit_text(app, pilot, "api")
        place(stage, "Mounts", content=True)
        await pilot.press("a")
        await settle(pilot)
        await submit_text(app, pilot, "/src/api:/work/api")
        assert "Working dir  /work/api" in "\n".join(r.text for r in stage.rows_for("General"))
        await pilot.press("S")
        await settle(pilot)
        assert stage.label == "edit workspace · api"
        assert "edit workspace · api" in str(stage.query_one("#header").render())

    _run(paths, tmp_path, scenario, name=None)
    text = paths.workspace_file("api").read_text()
    assert 'workdir = "/work/api"' in text
    assert paths.config_file.read_text().startswith(CONFIG_NOTE)


def test_new_workspace_for_a_directory_starts_filled_in(paths: JackinPaths, tmp_path: Path) -> None:
    project = tmp_path / "shop"

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        assert stage.label == "new workspace"
        assert f"Working dir  {project}" in rows_text(stage)
        await pilot.press("s")
        await settle(pilot)

    run_stage(paths, tmp_path, lambda: EditorScreen(None, directory=project), scenario)
    assert tomllib.loads(paths.workspace_file("shop").read_text())["workdir"] == str(project)


# ── bad input: the SDK's message inline, nothing written ─────────────────────────────────


def test_workdir_outside_every_mount_shows_the_sdk_message(
    paths: JackinPaths, tmp_path: Path
) -> None:
    before = files(paths)

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "General", row="workdir")
        await pilot.press("enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ListPicker)
        assert picker.items[0] == ("/work/web", "/work/web")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TextInputDialog)
        await submit_text(app, pilot, "/elsewhere")
        assert (
            '✗ workspace "web" workdir must be equal to, inside, or a parent of one of the '
            "workspace mount destinations"
        ) in rows_text(stage)
        assert _draft(stage).workdir == "/work/web"
        assert not stage.is_live("save")
        await pilot.press("S")
        await settle(pilot)

    _run(paths, tmp_path, scenario)
    assert files(paths) == before


def test_unknown_role_selector_shows_the_sdk_message(paths: JackinPaths, tmp_path: Path) -> None:
    before = files(paths)

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Roles", content=True)
        await pilot.press("a")
        await settle(pilot)
        await submit_text(app, pilot, "Bad Role!")
        assert (
            "✗ invalid selector: Bad Role! (use `name` or `namespace/name` with a-z, 0-9 and -)"
        ) in rows_text(stage)
        assert changes_text(stage) == ""

    _run(paths, tmp_path, scenario)
    assert files(paths) == before


def test_a_declined_sensitive_mount_saves_nothing_and_a_confirmed_one_saves(
    paths: JackinPaths, tmp_path: Path
) -> None:
    before = files(paths)

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Mounts", content=True)
        await pilot.press("a")
        await settle(pilot)
        await submit_text(app, pilot, f"{tmp_path}/.ssh:/work/web/ssh:ro")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert f"{tmp_path}/.ssh — SSH keys" in str(app.screen.explanation)
        await pilot.press("n")
        await settle(pilot)
        assert "✗ aborted — sensitive mount paths were not confirmed" in rows_text(stage)
        assert files(paths) == before
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert _draft(stage).changes == 0
        assert "✗" not in rows_text(stage)

    _run(paths, tmp_path, scenario)
    text = paths.workspace_file("web").read_text()
    assert "/work/web/ssh" in text
    assert text.startswith(WORKSPACE_NOTE)
    assert 'KEEP = "1"  # kept' in text


def test_a_reserved_env_key_is_refused_before_its_value_is_asked(
    paths: JackinPaths, tmp_path: Path
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Environments", content=True)
        await pilot.press("a")
        await settle(pilot)
        await submit_text(app, pilot, "DOCKER_HOST")
        assert not isinstance(app.screen, TextInputDialog)
        assert '✗ env name "DOCKER_HOST" is reserved' in rows_text(stage)
        await pilot.press("a")
        await settle(pilot)
        await submit_text(app, pilot, "API_TOKEN")
        dialog = app.screen
        assert isinstance(dialog, TextInputDialog)
        assert dialog.password
        await submit_text(app, pilot, "sk-ant-abcdefghijklmnopqrstuvwxyz012345")
        assert "API_TOKEN = ••••••••" in rows_text(stage)
        assert "sk-ant" not in rows_text(stage)

    _run(paths, tmp_path, scenario)


def test_a_role_env_section_is_added_and_saved(paths: JackinPaths, tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Environments", row="env-role")  # `+ Add role section`
        await pilot.press("enter")
        await settle(pilot)
        await submit_text(app, pilot, "Not A Role")
        assert "✗ invalid selector: Not A Role" in rows_text(stage)
        await pilot.press("enter")
        await settle(pilot)
        await submit_text(app, pilot, "the-architect")
        assert "▾ Role the-architect" in rows_text(stage)
        place(stage, "Environments", row="the-architect")  # its header: A adds to it
        assert str(stage.query_one("#hints").render()).count("A add") == 1
        await pilot.press("a")
        await settle(pilot)
        box: Any = app.screen
        assert isinstance(box, TextInputDialog)
        assert box.label == "Variable name (role the-architect)"
        await submit_text(app, pilot, "MODE")
        await submit_text(app, pilot, "fast")
        assert "  MODE = ••••••••" in rows_text(stage)
        assert changes_text(stage) == "1 unsaved change"
        await pilot.press("s")
        await settle(pilot)

    _run(paths, tmp_path, scenario)
    data = tomllib.loads(paths.workspace_file("web").read_text())
    assert data["roles"] == {"the-architect": {"env": {"MODE": "fast"}}}
    assert data["env"] == {"KEEP": "1"}


def test_auth_mode_is_chosen_from_a_list_and_reset(paths: JackinPaths, tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Auth", row="codex")
        assert not stage.is_live("delete")
        await pilot.press("enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ListPicker)
        assert [value for value, _ in picker.items] == ["sync", "api_key", "ignore", "inherit"]
        await pilot.press("up", "up", "enter")  # from `inherit` to `api_key`
        await settle(pilot)
        assert "Codex        api_key" in rows_text(stage)
        await pilot.press("d")
        assert "Codex        inherit (sync)" in rows_text(stage)

    _run(paths, tmp_path, scenario)


@pytest.mark.parametrize("answer", ["y", "n"])
def test_a_mount_that_subsumes_others_is_confirmed_first(
    paths: JackinPaths, tmp_path: Path, answer: str
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Mounts", content=True)
        await pilot.press("a")
        await settle(pilot)
        await submit_text(app, pilot, "/src:/work")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == "Adding this mount will subsume 1 existing mount(s). Proceed?"
        assert "• /src/web" in str(dialog.explanation)
        await pilot.press(answer)
        await settle(pilot)
        dsts = [row.dst for row in _draft(stage).mount_rows()]
        assert dsts == (["/work"] if answer == "y" else ["/work/web"])

    _run(paths, tmp_path, scenario)


# ── leaving with unsaved changes ─────────────────────────────────────────────────────────


async def _change_then_escape(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
    place(stage, "General", row="keep_awake")
    await pilot.press("space")
    await pilot.press("escape")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ChoiceDialog)
    assert dialog.options == ("Save", "Discard", "Cancel")
    assert dialog.question == "Save 1 change?"


def test_escape_then_save_saves_and_leaves(paths: JackinPaths, tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        await _change_then_escape(app, pilot, stage)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeStage)

    _run(paths, tmp_path, scenario)
    text = paths.workspace_file("web").read_text()
    assert "[keep_awake]\nenabled = true" in text
    assert text.startswith(WORKSPACE_NOTE)


def test_escape_then_discard_leaves_the_file_alone(paths: JackinPaths, tmp_path: Path) -> None:
    before = files(paths)

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        await _change_then_escape(app, pilot, stage)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeStage)

    _run(paths, tmp_path, scenario)
    assert files(paths) == before


@pytest.mark.parametrize("keys", [("right", "right", "enter"), ("escape",)])
def test_escape_then_cancel_stays_with_the_changes(
    paths: JackinPaths, tmp_path: Path, keys: tuple[str, ...]
) -> None:
    before = files(paths)

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        await _change_then_escape(app, pilot, stage)
        await pilot.press(*keys)
        await settle(pilot)
        assert app.screen is stage
        assert _draft(stage).keep_awake
        assert changes_text(stage) == "1 unsaved change"

    _run(paths, tmp_path, scenario)
    assert files(paths) == before


def test_a_missing_workspace_shows_the_sdk_error_and_goes_back(
    paths: JackinPaths, tmp_path: Path
) -> None:
    async def main() -> None:
        app = Shell(services=services_for(paths, tmp_path))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.push_screen(EditorScreen("nope"))
            for _ in range(200):  # the draft loads (and fails) in a worker thread
                if isinstance(app.screen, ErrorPopup):
                    break
                await pilot.pause()
            popup = app.screen
            assert isinstance(popup, ErrorPopup)
            assert popup.message.startswith("[E007]")
            assert 'No workspace named "nope"' in popup.message
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeStage)

    asyncio.run(main())
