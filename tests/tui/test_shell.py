"""The console's frame and global keys (B1, B2, B10): header, hint bar, `?`, quitting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from jackin_sdk.console import Launch
from jackin_sdk.testing import FakeDocker
from jackin_tui._scrollbar import PhosphorScrollBarRender
from jackin_tui._services import ConsoleServices, services
from jackin_tui._theme import (
    BLACK,
    BORDER_GREY,
    PHOSPHOR_DARK,
    PHOSPHOR_DIM,
    PHOSPHOR_GREEN,
    TEXT_MUTED,
    TEXT_STRONG,
)
from jackin_tui.dialogs import ConfirmDialog, HelpOverlay, ListPicker, StatusPopup, TextInputDialog
from jackin_tui.widgets import BrandHeader, HintBar
from tests.tui.support import (
    Shell,
    ToyStage,
    assert_effects_cover,
    assert_hints_match_live,
    hint_bar,
    run_shell,
)


def _toy(app: Shell) -> ToyStage:
    stage = app.stage
    assert isinstance(stage, ToyStage)
    return stage


def test_the_header_shows_the_brand_pill_and_the_stage_label(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        header = app.stage.query_one(BrandHeader)
        assert header.plain == " jackin❯  · toy"
        assert header.region.y == 0
        ToyStage.LABEL = "edit workspace · alpha"
        try:
            _toy(app).refresh_label()
        finally:
            ToyStage.LABEL = "toy"
        assert header.plain == " jackin❯  · edit workspace · alpha"

    run_shell(tmp_path, scenario)


def _styles(widget: Static) -> list[tuple[str, str]]:
    content = widget.content
    assert isinstance(content, Content)
    return [(content.plain[span.start : span.end], str(span.style)) for span in content.spans]


def test_header_and_hint_bar_colours(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        assert _styles(app.stage.query_one(BrandHeader)) == [
            (" jackin❯ ", f"bold {BLACK} on {PHOSPHOR_GREEN}"),
            (" · ", PHOSPHOR_DARK),
            ("toy", PHOSPHOR_DIM),
        ]
        drawn = _styles(app.stage.query_one(HintBar))
        assert drawn[:4] == [
            ("↵", f"bold {TEXT_STRONG}"),
            (" launch", TEXT_MUTED),
            ("E", f"bold {TEXT_STRONG}"),
            (" edit", TEXT_MUTED),
        ]
        assert (" · ", BORDER_GREY) in drawn  # between keys of one group

    run_shell(tmp_path, scenario)


def test_the_hint_bar_lists_exactly_the_live_keys_and_ends_with_the_global_ones(
    tmp_path: Path,
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        assert hint_bar(app) == "↵ launch   E edit   Q quit   Ctrl-Q quit · ? help"
        assert_hints_match_live(app)
        stage = _toy(app)
        stage.editable = False
        stage.refresh_hints()
        await pilot.pause()
        assert hint_bar(app) == "↵ launch   Q quit   Ctrl-Q quit · ? help"
        assert_hints_match_live(app)
        await pilot.press("e")  # a dead key does nothing
        await pilot.press("enter")
        assert stage.pressed == ["launch"]
        stage.editable = True
        stage.refresh_hints()
        await pilot.press("e")
        assert stage.pressed == ["launch", "edit"]
        assert "E edit" in hint_bar(app)

    run_shell(tmp_path, scenario)


def test_a_modal_s_hints_replace_the_stage_s_and_come_back_when_it_closes(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        stage_hints = hint_bar(app)
        app.push_screen(ListPicker("Select role", [("a", "a"), ("b", "b")]))
        await pilot.pause()
        assert hint_bar(app) == "↑↓ · ↵ select · Esc cancel"
        assert_hints_match_live(app)
        await pilot.press("escape")
        await pilot.pause()
        assert hint_bar(app) == stage_hints

    run_shell(tmp_path, scenario)


def test_the_hint_bar_is_the_centred_last_row_at_80x24_and_follows_a_resize(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        bar = app.stage.query_one(HintBar)
        assert bar.region.y == 23
        assert bar.region.width == 80
        assert bar.styles.text_align == "center"
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert bar.region.y == 47
        assert bar.region.width == 160

    run_shell(tmp_path, scenario, size=(80, 24))


def test_the_background_is_the_terminal_s_own(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        assert app.stage.styles.background.ansi == -1  # ansi_default, never forced black
        app.push_screen(ConfirmDialog("Delete?"))
        await pilot.pause()
        assert app.screen.styles.background.a == 0  # the stage shows around the box
        assert app.screen.query_one("#dialog").styles.background.ansi == -1

    run_shell(tmp_path, scenario)


def test_the_stage_stays_visible_around_a_modal(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        app.push_screen(ConfirmDialog("Delete?"))
        await pilot.pause()
        drawn = app.export_screenshot().replace("&#160;", " ")
        assert "toy body" in drawn  # the stage's body, top left, outside the box
        assert "Delete?" in drawn

    run_shell(tmp_path, scenario)


def test_help_lists_the_stage_s_live_keys_and_the_global_ones(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        _toy(app).editable = False
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpOverlay)
        assert [line.split(maxsplit=1) for line in help_screen.lines if line] == [
            ["↵", "launch"],
            ["Q", "quit"],
            ["Ctrl-Q", "quit"],
            ["?", "help"],
            ["Ctrl-C", "quit now"],
        ]
        assert hint_bar(app) == "Esc close"
        await pilot.press("question_mark")  # `?` is searched for now; never a second overlay
        await pilot.pause()
        overlay: HelpOverlay = help_screen
        assert app.screen is overlay
        assert overlay.lines == ["     ?  help"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.stage

    run_shell(tmp_path, scenario)


def test_help_over_a_modal_lists_the_modal_s_keys_first(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        picker = ListPicker("Select role", [("a", "a"), ("b", "b")])
        app.push_screen(picker)
        await pilot.pause()
        await pilot.press("question_mark")  # a modal's footer has no `? help`: no hidden keys
        await pilot.pause()
        assert app.screen is picker
        app.action_help()
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpOverlay)
        labels = [line.split(maxsplit=1)[1] for line in help_screen.lines if line]
        modal = ["move up", "move down", "select", "cancel"]
        assert labels == [*modal, "launch", "edit", "quit", "quit", "help", "quit now"]

    run_shell(tmp_path, scenario)


def test_ctrl_q_asks_with_yes_preselected_and_enter_quits_with_no_outcome(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+q")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog)
        assert confirm.question == "Exit jackin❯?"
        assert confirm.yes_selected
        await pilot.press("ctrl+q")  # asking again does not stack a second question
        await pilot.pause()
        assert sum(isinstance(s, ConfirmDialog) for s in app.screen_stack) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running

    assert run_shell(tmp_path, scenario) is None


@pytest.mark.parametrize("answer", ["n", "escape"])
def test_ctrl_q_then_no_stays(tmp_path: Path, answer: str) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press(answer)
        await pilot.pause()
        assert app.is_running
        assert app.screen is app.stage
        assert_hints_match_live(app)

    run_shell(tmp_path, scenario)


@pytest.mark.parametrize(
    "modal",
    [None, lambda: TextInputDialog("Name", "alpha"), lambda: StatusPopup("Stopping…")],
)
def test_ctrl_c_quits_at_once_from_anywhere(tmp_path: Path, modal: Any) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        if modal is not None:
            app.push_screen(modal())
            await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running

    assert run_shell(tmp_path, scenario) is None


def test_ctrl_q_works_while_a_text_box_has_focus(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        app.push_screen(TextInputDialog("Name", "alpha"))
        await pilot.pause()
        await pilot.press("question_mark", "ctrl+q")  # `?` is text here
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        box = app.screen
        assert isinstance(box, TextInputDialog)
        assert box.value == "alpha?"

    run_shell(tmp_path, scenario)


@pytest.mark.parametrize("key", ["q", "escape"])
def test_q_and_escape_quit_from_a_stage(tmp_path: Path, key: str) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running

    assert run_shell(tmp_path, scenario) is None


def test_the_toy_stage_s_keys_are_all_tested() -> None:
    assert_effects_cover(ToyStage.KEYMAP, {"launch", "edit", "quit"})


def test_a_stage_ends_the_console_with_its_outcome(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        app.exit(Launch("agent-smith", workspace="alpha"))

    assert run_shell(tmp_path, scenario) == Launch("agent-smith", workspace="alpha")


def test_back_pops_a_pushed_stage_and_quits_from_the_first(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        first = app.stage
        second = ToyStage()
        await app.push_screen(second)
        await pilot.pause()
        second.action_back()
        await pilot.pause()
        assert app.stage is first
        assert app.is_running
        _toy(app).action_back()
        await pilot.pause()
        assert not app.is_running

    run_shell(tmp_path, scenario)


def test_services_are_the_injected_ones_and_the_engine_is_made_once(tmp_path: Path) -> None:
    made: list[FakeDocker] = []

    def factory() -> FakeDocker:
        made.append(FakeDocker())
        return made[-1]

    injected = ConsoleServices(
        docker_factory=factory, config_loader=lambda: None,  # type: ignore[arg-type,return-value]
        cwd=tmp_path, home=tmp_path,
    )  # fmt: skip

    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        app._services = injected  # as `Shell(services=injected)` would
        assert services(app.stage) is injected
        assert made == []  # opening the console did not reach for the engine
        assert injected.docker() is injected.docker() is made[0]

    run_shell(tmp_path, scenario)


def test_default_services_touch_nothing_until_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JACKIN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("JACKIN_HOME_DIR", str(tmp_path / "home"))
    found = ConsoleServices.default(cwd=tmp_path)
    assert found.cwd == tmp_path
    assert found.paths.config_dir == tmp_path / "config"
    assert not (tmp_path / "config").exists()  # nothing loaded or written yet


@pytest.mark.parametrize(("position", "expected"), [(0, "┃┃┃·········"), (30, "·········┃┃┃")])
def test_scrollbars_are_a_heavy_thumb_on_a_dotted_track(position: int, expected: str) -> None:
    bar = PhosphorScrollBarRender.render_bar(
        size=12, virtual_size=40, window_size=10, position=position
    )
    assert "".join(segment.text for segment in bar.segments) == expected


def test_a_scrollbar_with_nothing_to_scroll_is_all_track() -> None:
    bar = PhosphorScrollBarRender.render_bar(size=4, virtual_size=4, window_size=4, vertical=False)
    assert "".join(s.text for s in bar.segments) == "····\n"
