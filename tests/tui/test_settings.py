"""Settings (B8): every key live where it should be and doing what it says, config.toml
saved with its comments, the SDK's messages inline, Save/Discard/Cancel."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from jackin_sdk.config import ConfigEditor, GitFlag, SettingsDraft, grant_trust
from jackin_sdk.paths import JackinPaths
from jackin_tui._services import services
from jackin_tui.dialogs import ChoiceDialog, ConfirmDialog, ListPicker, TextInputDialog
from jackin_tui.screens._rows import DraftStage
from jackin_tui.screens._settings import SETTINGS_KEYMAP, SettingsScreen
from tests.tui.draft_support import (
    CONFIG_NOTE,
    ROWS,
    TAIL,
    HomeStage,
    KeyEffect,
    Scenario,
    Shell,
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
    settle,
    submit_text,
    tabs_text,
)


@pytest.fixture
def paths(jackin_paths: JackinPaths) -> JackinPaths:
    seed(jackin_paths)
    with ConfigEditor(jackin_paths) as editor:
        grant_trust(editor, "acme/brown")
        editor.commit()
    return jackin_paths


def _run(paths: JackinPaths, tmp: Path, scenario: Scenario) -> None:
    run_stage(paths, tmp, SettingsScreen, scenario)


def _draft(stage: DraftStage) -> SettingsDraft:
    assert isinstance(stage.draft, SettingsDraft)
    return stage.draft


def _with_mount(stage: DraftStage) -> None:
    draft = _draft(stage)
    assert stage.edit(lambda: draft.add_mount("cache", "/srv/cache", "/cache"))


async def _add_mount_flow(
    app: Shell, pilot: Pilot[Any], name: str, spec: str, scope: str | None
) -> None:
    name_box: Any = app.screen
    assert isinstance(name_box, TextInputDialog)
    assert name_box.label == "Mount name"
    await submit_text(app, pilot, name)
    spec_box: Any = app.screen
    assert isinstance(spec_box, TextInputDialog)
    await submit_text(app, pilot, spec)
    choice: Any = app.screen
    assert isinstance(choice, ChoiceDialog)
    assert choice.options == ("All roles", "Specific role")
    if scope is None:
        await pilot.press("enter")
        await settle(pilot)
        return
    await pilot.press("right", "enter")
    await settle(pilot)
    await submit_text(app, pilot, scope)


# ── each key ─────────────────────────────────────────────────────────────────────────────


async def _tab_prev(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Mounts")
    await pilot.press(key)
    assert stage.tab_name == "General"


async def _tab_next(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Auth")
    await pilot.press(key)
    assert stage.tab_name == "Trust"


async def _enter_content(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General")
    await pilot.press(key)
    assert stage.in_content
    assert rows_text(stage).startswith("▸ Co-author trailer")


async def _row_up(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="dco")
    await pilot.press(key)
    assert stage.cursor == 0


async def _row_down(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="coauthor_trailer")
    await pilot.press(key)
    assert stage.cursor == 1


async def _next_tab(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Environments", content=True)
    await pilot.press(key)
    assert stage.tab_name == "Auth"
    assert stage.in_content


async def _to_strip(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Trust", content=True)
    await pilot.press(key)
    assert not stage.in_content


async def _activate(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Mounts", row="mount")  # the `+ Add mount` row
    await pilot.press(key)
    await settle(pilot)
    await _add_mount_flow(app, pilot, "cache", "/srv/cache:/cache:ro", None)
    assert "cache  [global]  /cache  ro  ← /srv/cache" in rows_text(stage)


async def _toggle(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="coauthor_trailer")
    await pilot.press(key)
    assert _draft(stage).git_flag(GitFlag.COAUTHOR_TRAILER)
    assert "Co-author trailer  enabled" in rows_text(stage)


async def _add(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "Mounts")
    await pilot.press(key)
    await settle(pilot)
    await _add_mount_flow(app, pilot, "shared", "/srv/shared:/shared", "acme/*")
    assert "shared  [acme/*]  /shared  rw  ← /srv/shared" in rows_text(stage)


async def _delete(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    _with_mount(stage)
    place(stage, "Mounts", row="cache")
    await pilot.press(key)
    assert _draft(stage).mount_rows() == []


async def _readonly(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    _with_mount(stage)
    place(stage, "Mounts", row="cache")
    await pilot.press(key)
    assert _draft(stage).mount_rows()[0].readonly


async def _rename(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    _with_mount(stage)
    place(stage, "Mounts", row="cache")
    await pilot.press(key)
    await settle(pilot)
    await submit_text(app, pilot, "cache2")
    assert stage.row is not None
    assert stage.row.ident == "cache2"
    assert "cache2  [global]  /cache  rw  ← /srv/cache" in rows_text(stage)


async def _source(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    _with_mount(stage)
    place(stage, "Mounts", row="cache")
    await pilot.press(key)
    await settle(pilot)
    box: Any = app.screen
    assert isinstance(box, TextInputDialog)
    assert box.default == "/srv/cache"
    await submit_text(app, pilot, "/srv/other")
    assert _draft(stage).mount_rows()[0].src == "/srv/other"


async def _destination(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    _with_mount(stage)
    place(stage, "Mounts", row="cache")
    await pilot.press(key)
    await settle(pilot)
    await submit_text(app, pilot, "relative")
    assert "✗ [E018]" in rows_text(stage)
    assert _draft(stage).mount_rows()[0].dst == "/cache"
    await pilot.press(key)
    await settle(pilot)
    await submit_text(app, pilot, "/cache2")
    assert _draft(stage).mount_rows()[0].dst == "/cache2"


async def _scope(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    _with_mount(stage)
    place(stage, "Mounts", row="cache")
    await pilot.press(key)
    await settle(pilot)
    await pilot.press("right", "enter")
    await settle(pilot)
    await submit_text(app, pilot, "acme/*")
    assert stage.row is not None
    assert stage.row.ident == "acme/*:cache"
    await pilot.press(key)
    await settle(pilot)
    await pilot.press("left", "enter")  # back to every role
    await settle(pilot)
    assert [row.key for row in _draft(stage).mount_rows()] == ["cache"]


async def _save(app: Shell, pilot: Pilot[Any], stage: DraftStage, key: str) -> None:
    place(stage, "General", row="dco")
    await pilot.press("space")
    await pilot.press(key)
    await settle(pilot)
    assert _draft(stage).changes == 0
    text = services(stage).paths.config_file.read_text()
    assert text.startswith(CONFIG_NOTE)
    assert tomllib.loads(text)["git"] == {"dco": True}


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
    "rename_mount": _rename,
    "edit_source": _source,
    "edit_destination": _destination,
    "edit_scope": _scope,
    "mask": mask_keep,
    "save": _save,
    "back": back_home,
}


test_every_action_has_a_tested_effect, test_each_key_does_what_it_says = key_effect_tests(
    SETTINGS_KEYMAP, EFFECTS, _run
)


def test_the_hint_bar_lists_exactly_the_live_keys_everywhere(
    paths: JackinPaths, tmp_path: Path
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        assert stage.label == "settings"
        assert tabs_text(stage) == "General · Mounts · Environments · Auth · Trust"
        _with_mount(stage)
        seen = await live_everywhere(app, pilot, stage)
        assert seen == set(SETTINGS_KEYMAP.actions)

    _run(paths, tmp_path, scenario)


@pytest.mark.parametrize(
    ("tab", "row", "hints"),
    [
        ("General", None, "←→ · Tab rows" + TAIL),
        ("Mounts", None, "←→ · Tab rows   A add" + TAIL),
        ("General", "dco", ROWS + "   Space toggle" + TAIL),
        (
            "Mounts",
            "cache",
            ROWS + "   A add · D remove · R ro/rw · N name · 1 src · 2 dst · 3 scope" + TAIL,
        ),
        ("Environments", "KEEP", ROWS + "   ↵ edit · A add · D remove · M mask" + TAIL),
        ("Auth", "github", ROWS + "   ↵ edit" + TAIL),
        ("Trust", "acme/brown", ROWS + "   Space toggle" + TAIL),
    ],
)
def test_hints_at_each_kind_of_row(
    paths: JackinPaths, tmp_path: Path, tab: str, row: str | None, hints: str
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        _with_mount(stage)
        place(stage, tab, row=row)
        await pilot.pause()
        dirty = hints.replace(TAIL, "   S save · Esc back   Ctrl-Q quit · ? help")
        assert str(stage.query_one("#hints").render()) == dirty

    _run(paths, tmp_path, scenario)


# ── saving and bad input ─────────────────────────────────────────────────────────────────


def test_a_global_mount_edit_changes_config_toml_and_keeps_its_comments(
    paths: JackinPaths, tmp_path: Path
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Mounts", content=True)
        await pilot.press("a")
        await settle(pilot)
        await _add_mount_flow(app, pilot, "cache", "/srv/cache:/cache", None)
        await pilot.press("s")
        await settle(pilot)
        place(stage, "Mounts", row="cache")
        await pilot.press("r")
        await pilot.press("s")
        await settle(pilot)
        assert changes_text(stage) == ""

    _run(paths, tmp_path, scenario)
    text = paths.config_file.read_text()
    assert text.startswith(CONFIG_NOTE)
    assert 'KEEP = "1"  # kept' in text
    mounts = tomllib.loads(text)["docker"]["mounts"]
    assert mounts == {"cache": {"src": "/srv/cache", "dst": "/cache", "readonly": True}}


def test_a_relative_destination_shows_the_sdk_message(paths: JackinPaths, tmp_path: Path) -> None:
    before = files(paths)

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Mounts", content=True)
        await pilot.press("a")
        await settle(pilot)
        await _add_mount_flow(app, pilot, "bad", "/srv/x:relative", None)
        text = rows_text(stage)
        assert "✗ [E018]" in text
        assert "relative" in text
        assert _draft(stage).changes == 0

    _run(paths, tmp_path, scenario)
    assert files(paths) == before


def test_a_declined_sensitive_global_mount_saves_nothing(
    paths: JackinPaths, tmp_path: Path
) -> None:
    before = files(paths)

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Mounts", content=True)
        await pilot.press("a")
        await settle(pilot)
        await _add_mount_flow(app, pilot, "keys", f"{tmp_path}/.aws:/aws:ro", None)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert "✗ aborted — sensitive mount paths were not confirmed" in rows_text(stage)
        assert changes_text(stage) == "1 unsaved change"

    _run(paths, tmp_path, scenario)
    assert files(paths) == before


def test_trust_space_toggles_and_built_ins_refuse(paths: JackinPaths, tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Trust", row="agent-smith")
        await pilot.press("space")
        assert "✗ agent-smith is a built-in role and is always trusted." in rows_text(stage)
        place(stage, "Trust", row="acme/brown")
        await pilot.press("space")
        assert "✗" not in rows_text(stage)
        assert "acme/brown                   untrusted" in rows_text(stage)
        await pilot.press("s")
        await settle(pilot)

    _run(paths, tmp_path, scenario)
    roles = tomllib.loads(paths.config_file.read_text())["roles"]
    assert "trusted" not in roles["acme/brown"]


def test_global_auth_uses_the_shared_panel(paths: JackinPaths, tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "Auth", row="claude")
        await pilot.press("enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ListPicker)
        assert [v for v, _ in picker.items] == [
            "sync",
            "api_key",
            "oauth_token",
            "ignore",
            "inherit",
        ]
        await pilot.press("up", "enter")  # `ignore`
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    _run(paths, tmp_path, scenario)
    assert tomllib.loads(paths.config_file.read_text())["claude"] == {"auth_forward": "ignore"}


@pytest.mark.parametrize(
    ("keys", "left", "saved"),
    [
        (("enter",), True, True),
        (("right", "enter"), True, False),
        (("left", "enter"), False, False),
    ],
    ids=["save", "discard", "cancel"],
)
def test_escape_with_changes_asks_save_discard_cancel(
    paths: JackinPaths, tmp_path: Path, keys: tuple[str, ...], left: bool, saved: bool
) -> None:
    before = files(paths)

    async def scenario(app: Shell, pilot: Pilot[Any], stage: DraftStage) -> None:
        place(stage, "General", row="dco")
        await pilot.press("space")
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(app.screen, HomeStage) is left
        if not left:
            assert changes_text(stage) == "1 unsaved change"

    _run(paths, tmp_path, scenario)
    if saved:
        assert tomllib.loads(paths.config_file.read_text())["git"] == {"dco": True}
    else:
        assert files(paths) == before
