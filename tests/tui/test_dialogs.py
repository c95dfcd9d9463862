"""The console's modals (B9): every key in each KEYMAP does what its hint says.

Each dialog runs in the real shell (`Shell`, tests/tui/support.py); a test pushes it,
presses keys as the operator would and reads what it dismissed with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from jackin_tui._border import render_row
from jackin_tui._keymap import Key, KeyMap
from jackin_tui._theme import DANGER, PHOSPHOR_DARK, PHOSPHOR_GREEN
from jackin_tui.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    DebugInfoDialog,
    DebugRow,
    Dialog,
    ErrorPopup,
    HelpOverlay,
    ListPicker,
    ReportDialog,
    StatusPopup,
    TextInputDialog,
)
from tests.tui.support import (
    Shell,
    assert_effects_cover,
    assert_hints_match_live,
    drawn_lines,
    hint_bar,
    key_presses,
    run_shell,
)

LONG = "E042: the engine said no. " * 60
ROLES = [("agent-smith", "agent-smith"), ("the-architect", "the-architect"), ("neo", "neo")]


@dataclass
class Seen:
    dismissed: bool = False
    value: Any = None
    top: Screen[Any] | None = None
    hints: str = ""
    state: dict[str, Any] = field(default_factory=dict)


def drive(
    tmp: Path,
    make: Callable[[], Dialog[Any]],
    keys: Sequence[str] = (),
    probe: Callable[[Dialog[Any]], dict[str, Any]] | None = None,
) -> Seen:
    """Push `make()`, press `keys`, and report how it ended (or its state if still open)."""
    seen = Seen()

    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        results: list[Any] = []
        dialog = make()
        app.push_screen(dialog, results.append)
        await pilot.pause()
        await pilot.pause()
        assert_hints_match_live(app)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        seen.dismissed = bool(results)
        seen.value = results[0] if results else None
        seen.top = app.screen
        seen.hints = hint_bar(app)
        if probe is not None and not results:
            seen.state = probe(dialog)
        assert_hints_match_live(app)

    run_shell(tmp, scenario)
    return seen


# --- Confirm -----------------------------------------------------------------------------

CONFIRM_EFFECTS = {"switch", "select", "yes", "no", "cancel"}


def test_confirm_effects_cover_its_keymap() -> None:
    assert_effects_cover(ConfirmDialog.KEYMAP, CONFIRM_EFFECTS)


@pytest.mark.parametrize(("name", "key"), key_presses(ConfirmDialog.KEYMAP))
@pytest.mark.parametrize("default_yes", [False, True])
def test_confirm_every_key(tmp_path: Path, name: str, key: Key, default_yes: bool) -> None:
    seen = drive(
        tmp_path, lambda: ConfirmDialog("Purge instance?", default_yes=default_yes), [name]
    )
    expected = {
        "select": default_yes,  # Enter answers the focused button: the default
        "yes": True,
        "no": False,
        "cancel": False,  # Esc is No
    }
    if key.action == "switch":  # moves the focus, then Enter answers the other button
        again = drive(
            tmp_path, lambda: ConfirmDialog("Purge?", default_yes=default_yes), [name, "enter"]
        )
        assert (again.dismissed, again.value) == (True, not default_yes)
        return
    assert (seen.dismissed, seen.value) == (True, expected[key.action])


def test_confirm_shows_question_and_explanation_and_its_hints(tmp_path: Path) -> None:
    def probe(dialog: Dialog[Any]) -> dict[str, Any]:
        return {
            "text": [str(s.render()) for s in dialog.query(".question, .explanation")],
            "title": dialog.query_one("#dialog").border_title,
        }  # fmt: skip

    seen = drive(
        tmp_path,
        lambda: ConfirmDialog("Purge instance?", "This removes the container and its state."),
        probe=probe,
    )
    assert seen.state["text"] == ["Purge instance?", "This removes the container and its state."]
    assert seen.state["title"] == "Confirm"
    assert seen.hints == "←→ · ↵ select · Y yes · N no · Esc cancel"


# --- Error and status popups -------------------------------------------------------------


def test_error_popup_effects_cover_its_keymap() -> None:
    assert_effects_cover(ErrorPopup.KEYMAP, {"scroll_up", "scroll_down", "close", "cancel"})


@pytest.mark.parametrize("name", ["enter", "o", "escape"])
def test_error_popup_closes_with_none(tmp_path: Path, name: str) -> None:
    seen = drive(tmp_path, lambda: ErrorPopup("E001: Docker is not running."), [name])
    assert (seen.dismissed, seen.value) == (True, None)


def test_error_popup_scroll_keys_are_live_only_when_the_text_overflows(tmp_path: Path) -> None:
    short = drive(tmp_path, lambda: ErrorPopup("E001: short."), ["down"], probe=lambda _d: {})
    assert short.hints == "↵ ok · Esc close"
    assert not short.dismissed

    def scrolled(dialog: Dialog[Any]) -> dict[str, Any]:
        return {"y": dialog.query_one(VerticalScroll).scroll_y}

    down = drive(tmp_path, lambda: ErrorPopup(LONG), ["down", "down"], probe=scrolled)
    assert down.hints == "↑↓ scroll · ↵ ok · Esc close"
    assert down.state["y"] == 2
    up = drive(tmp_path, lambda: ErrorPopup(LONG), ["down", "down", "up"], probe=scrolled)
    assert up.state["y"] == 1


def test_error_popup_has_the_red_border_and_wraps(tmp_path: Path) -> None:
    def probe(dialog: Dialog[Any]) -> dict[str, Any]:
        box = dialog.query_one("#dialog")
        message = dialog.query_one(".message", Static)
        return {
            "border": box.styles.border_top,
            "width": box.size.width,
            "lines": message.size.height,
        }

    seen = drive(tmp_path, lambda: ErrorPopup(LONG), probe=probe)
    kind, color = seen.state["border"]
    assert kind == "solid"
    assert color.hex.upper() == DANGER
    assert seen.state["width"] <= 100
    assert seen.state["lines"] > 10


def test_status_popup_ignores_the_operator_until_its_caller_dismisses_it(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        popup = StatusPopup("Stopping alpha…")
        results: list[Any] = []
        app.push_screen(popup, results.append)
        await pilot.pause()
        assert hint_bar(app) == ""
        await pilot.press("escape", "enter", "q", "question_mark")
        await pilot.click(offset=(1, 5))
        assert app.screen is popup
        assert not results
        popup.update("Purging alpha…")
        await pilot.pause()
        assert str(popup.query_one("#status", Static).render()) == "Purging alpha…"
        popup.dismiss()
        await pilot.pause()
        assert results == [None]
        assert not isinstance(app.screen, StatusPopup)

    run_shell(tmp_path, scenario)


# --- Text input --------------------------------------------------------------------------


def test_text_input_effects_cover_its_keymap() -> None:
    assert_effects_cover(TextInputDialog.KEYMAP, {"commit", "cancel"})


def test_text_input_starts_with_the_default_and_the_cursor_at_its_end(tmp_path: Path) -> None:
    seen = drive(tmp_path, lambda: TextInputDialog("Mount destination", "/work"), ["s", "enter"])
    assert (seen.dismissed, seen.value) == (True, "/works")


def test_text_input_escape_cancels_with_none(tmp_path: Path) -> None:
    seen = drive(tmp_path, lambda: TextInputDialog("Name", "alpha"), ["x", "escape"])
    assert (seen.dismissed, seen.value) == (True, None)


def test_text_input_validation_keeps_it_open_and_shows_the_message(tmp_path: Path) -> None:
    def validate(text: str) -> str | None:
        return None if text.startswith("/") else "E031: destination must be absolute"

    def probe(dialog: Dialog[Any]) -> dict[str, Any]:
        error = dialog.query_one("#error", Static)
        return {"error": str(error.render()), "shown": error.display}

    bad = drive(
        tmp_path,
        lambda: TextInputDialog("Mount destination", "work", validate=validate),
        ["enter"],
        probe=probe,
    )
    assert not bad.dismissed
    assert isinstance(bad.top, TextInputDialog)
    assert bad.state == {"error": "E031: destination must be absolute", "shown": True}
    fixed = drive(
        tmp_path,
        lambda: TextInputDialog("Mount destination", "work", validate=validate),
        ["enter", "home", "slash", "enter"],
    )
    assert (fixed.dismissed, fixed.value) == (True, "/work")


def test_text_input_masks_a_password(tmp_path: Path) -> None:
    seen = drive(
        tmp_path,
        lambda: TextInputDialog("Token", password=True),
        probe=lambda d: {"password": d.query_one(Input).password},
    )
    assert seen.state == {"password": True}


# --- Choice ------------------------------------------------------------------------------

SAVE = ("Save", "Discard", "Cancel")


def test_choice_effects_cover_its_keymap() -> None:
    assert_effects_cover(ChoiceDialog.KEYMAP, {"previous", "next", "select", "cancel"})


@pytest.mark.parametrize(("name", "key"), key_presses(ChoiceDialog.KEYMAP))
def test_choice_every_key(tmp_path: Path, name: str, key: Key) -> None:
    then = [] if key.action in {"select", "cancel"} else ["enter"]
    seen = drive(tmp_path, lambda: ChoiceDialog("Unsaved changes", SAVE, default=1), [name, *then])
    expected = {"previous": 0, "next": 2, "select": 1, "cancel": None}[key.action]
    assert (seen.dismissed, seen.value) == (True, expected)


def test_choice_wraps_and_one_option_has_no_move_keys(tmp_path: Path) -> None:
    wrapped = drive(tmp_path, lambda: ChoiceDialog("Scope", SAVE), ["left", "enter"])
    assert wrapped.value == 2
    single = drive(tmp_path, lambda: ChoiceDialog("Only", ["OK"]), probe=lambda _d: {})
    assert single.hints == "↵ select · Esc cancel"


# --- List picker -------------------------------------------------------------------------


def test_list_picker_effects_cover_its_keymap() -> None:
    assert_effects_cover(ListPicker.KEYMAP, {"cursor_up", "cursor_down", "commit", "cancel"})


@pytest.mark.parametrize(("name", "key"), key_presses(ListPicker.KEYMAP))
def test_list_picker_every_key(tmp_path: Path, name: str, key: Key) -> None:
    then = ["enter"] if key.action.startswith("cursor") else []
    seen = drive(
        tmp_path, lambda: ListPicker("Select role", ROLES, selected="the-architect"), [name, *then]
    )
    expected = {
        "cursor_up": "agent-smith",
        "cursor_down": "neo",
        "commit": "the-architect",
        "cancel": None,
    }[key.action]
    assert (seen.dismissed, seen.value) == (True, expected)


def test_list_picker_filters_as_you_type(tmp_path: Path) -> None:
    def probe(dialog: Dialog[Any]) -> dict[str, Any]:
        assert isinstance(dialog, ListPicker)
        return {"shown": [dialog.items[i][0] for i in dialog.shown], "value": dialog.value}

    typed = drive(
        tmp_path, lambda: ListPicker("Select role", ROLES, filterable=True), list("arch"), probe
    )
    assert typed.state == {"shown": ["the-architect"], "value": "the-architect"}
    assert typed.hints == "↵ select · Esc cancel"  # one row: nothing to move to
    picked = drive(
        tmp_path,
        lambda: ListPicker("Select role", ROLES, filterable=True),
        ["n", "e", "o", "enter"],
    )
    assert picked.value == "neo"


def test_list_picker_with_nothing_to_choose_only_cancels(tmp_path: Path) -> None:
    def probe(dialog: Dialog[Any]) -> dict[str, Any]:
        return {"empty": str(dialog.query_one("#empty", Static).render())}

    seen = drive(
        tmp_path,
        lambda: ListPicker("Select role", ROLES, filterable=True, empty="no role matches"),
        ["z", "enter"],
        probe,
    )
    assert not seen.dismissed
    assert seen.state == {"empty": "no role matches"}
    assert seen.hints == "Esc cancel"


def test_list_picker_marks_the_selected_row(tmp_path: Path) -> None:
    def probe(dialog: Dialog[Any]) -> dict[str, Any]:
        rows = [s for s in dialog.query(".row") if isinstance(s, Static)]
        return {
            "rows": [str(r.render()) for r in rows],
            "on": [r.has_class("-selected") for r in rows],
        }

    seen = drive(tmp_path, lambda: ListPicker("Select role", ROLES), ["down"], probe)
    assert seen.state == {
        "rows": ["agent-smith", "▸ the-architect", "neo"],
        "on": [False, True, False],
    }


# --- Help --------------------------------------------------------------------------------


def test_help_effects_cover_its_keymap() -> None:
    assert_effects_cover(HelpOverlay.KEYMAP, {"scroll_up", "scroll_down", "cancel"})


@pytest.mark.parametrize("name", ["escape", "enter"])
def test_help_closes(tmp_path: Path, name: str) -> None:
    seen = drive(tmp_path, lambda: HelpOverlay([ConfirmDialog.KEYMAP]), [name])
    assert (seen.dismissed, seen.value) == (True, None)


def test_help_scrolls_a_long_keymap(tmp_path: Path) -> None:
    many = KeyMap(*(Key(f"f{i}", f"act{i}", f"action {i}", f"F{i}") for i in range(1, 40)))

    def probe(dialog: Dialog[Any]) -> dict[str, Any]:
        return {"y": dialog.query_one(VerticalScroll).scroll_y}

    seen = drive(tmp_path, lambda: HelpOverlay([many]), ["down", "down", "down", "up"], probe)
    assert seen.state == {"y": 2}
    assert seen.hints == "↑↓ scroll · Esc close"


def test_help_narrows_to_the_keys_matching_what_is_typed(tmp_path: Path) -> None:
    def probe(dialog: Dialog[Any]) -> dict[str, Any]:
        assert isinstance(dialog, HelpOverlay)
        shown = [w for w in dialog.query(".help-line, .help-gap, #no-match") if w.display]
        return {"lines": [" ".join(line.split()) for line in dialog.lines], "drawn": len(shown)}

    keymaps = [ConfirmDialog.KEYMAP, ChoiceDialog.KEYMAP]
    seen = drive(tmp_path, lambda: HelpOverlay(keymaps), list("yes"), probe)
    assert seen.state == {"lines": ["Y yes"], "drawn": 1}
    both = drive(tmp_path, lambda: HelpOverlay(keymaps), list("cancel"), probe)
    assert both.state["lines"] == ["Esc cancel", "Esc cancel"]  # no gap while searching
    arrows = drive(tmp_path, lambda: HelpOverlay(keymaps), list("option"), probe)
    assert arrows.state["lines"] == ["←/⇧Tab previous option", "→/Tab next option"]
    none = drive(tmp_path, lambda: HelpOverlay(keymaps), list("zzz"), probe)
    assert none.state == {"lines": [], "drawn": 1}  # `no key matches`
    assert none.hints == "Esc close"


# --- The Filter: row (picker and help) ---------------------------------------------------


def drawn_filter_row(app: Shell) -> str:
    """The drawn `Filter:` row inside the box's borders, the cursor cell shown as `▏`."""
    cursor = app.screen.query_one(Input).get_component_rich_style("input--cursor")
    rows = [strip for strip in app.screen._compositor.render_strips() if "Filter:" in strip.text]
    assert len(rows) == 1, f"one Filter: row expected, drawn: {drawn_lines(app)!r}"
    cells = "".join(
        "▏" if seg.style is not None and seg.style.bgcolor == cursor.bgcolor else seg.text
        for seg in rows[0]
    )
    return cells.split("│")[1].strip()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize(
    "make",
    [
        lambda: ListPicker("Select role", ROLES, filterable=True),
        lambda: HelpOverlay([ConfirmDialog.KEYMAP]),
    ],
    ids=["picker", "help"],
)
def test_filter_row_shows_the_text_typed(
    tmp_path: Path, make: Callable[[], Dialog[Any]], size: tuple[int, int]
) -> None:
    """One borderless line: the typed text, then the cursor (not the Input's tall border)."""
    drawn: list[str] = []

    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        app.push_screen(make())
        await pilot.pause()
        await pilot.pause()
        drawn.append(drawn_filter_row(app))
        await pilot.press("a", "r")
        await pilot.pause()
        drawn.append(drawn_filter_row(app))

    run_shell(tmp_path, scenario, size)
    assert drawn == ["Filter: ▏", "Filter: ar▏"]


# --- Every dialog ------------------------------------------------------------------------

EVERY: list[Callable[[], Dialog[Any]]] = [
    lambda: ConfirmDialog("Delete workspace alpha?"),
    lambda: ErrorPopup("E001: Docker is not running."),
    lambda: TextInputDialog("Name"),
    lambda: ChoiceDialog("Source", ["Plain text", "1Password"]),
    lambda: ListPicker("Select agent", ROLES),
    lambda: HelpOverlay([ConfirmDialog.KEYMAP]),
]


@pytest.mark.parametrize(
    "make",
    [
        *EVERY,
        lambda: ReportDialog(LONG, "Inspect aaaaaaa1"),
        lambda: DebugInfoDialog([DebugRow("Container ID", "jk-1", copyable=True)]),
        lambda: StatusPopup("Stopping aaaaaaa1…"),
    ],
)
def test_liveness_can_be_asked_before_the_box_is_composed(
    make: Callable[[], Dialog[Any]],
) -> None:
    """The hint bar and the help may ask a modal about its keys before it has mounted:
    every key answers (no NoMatches), and the scroll keys are dead until there is a box
    whose content overflows."""
    dialog = make()
    for key in dialog.KEYMAP:
        live = dialog.is_live(key.action)
        if key.action in {"scroll_up", "scroll_down"}:
            assert live is False, key


@pytest.mark.parametrize("make", EVERY)
def test_a_click_outside_the_box_cancels(tmp_path: Path, make: Callable[[], Dialog[Any]]) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        results: list[Any] = []
        app.push_screen(make(), results.append)
        await pilot.pause()
        assert await pilot.click(offset=(1, 3))
        await pilot.pause()
        assert len(results) == 1
        assert results[0] in (None, False)

    run_shell(tmp_path, scenario)


@pytest.mark.parametrize("make", EVERY)
def test_only_the_top_dialog_is_bright(tmp_path: Path, make: Callable[[], Dialog[Any]]) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        under = make()
        app.push_screen(under)
        await pilot.pause()
        app.push_screen(ConfirmDialog("Really?"))
        await pilot.pause()
        assert under.has_class("-inactive")
        _, color = under.query_one("#dialog").styles.border_top
        assert color.hex.upper() == PHOSPHOR_DARK
        assert_hints_match_live(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is under
        assert not under.has_class("-inactive")
        _, color = under.query_one("#dialog").styles.border_top
        assert color.hex.upper() == (DANGER if isinstance(under, ErrorPopup) else PHOSPHOR_GREEN)
        assert_hints_match_live(app)

    run_shell(tmp_path, scenario)


@pytest.mark.parametrize("make", EVERY)
def test_the_title_sits_one_space_from_the_corner(
    tmp_path: Path, make: Callable[[], Dialog[Any]]
) -> None:
    """§C: `┌ Title ───┐`, exactly one space each side, first letter uppercase."""

    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        dialog = make()
        app.push_screen(dialog)
        await pilot.pause()
        box = dialog.query_one("#dialog").region
        top = drawn_lines(app)[box.y][box.x : box.right]
        title = dialog.dialog_title
        assert title[:1].isupper()
        assert top.startswith(f"┌ {title} ─"), top
        assert top.endswith("─┐"), top

    run_shell(tmp_path, scenario)


MANY = [(f"role-{i}", f"role-{i}") for i in range(40)]
TALL: list[Callable[[], Dialog[Any]]] = [
    lambda: ErrorPopup(LONG),
    lambda: ListPicker("Select role", MANY, filterable=True),
    lambda: ListPicker("Select role", MANY),
    lambda: HelpOverlay(
        [KeyMap(*(Key(f"f{i}", f"a{i}", f"action {i}", f"F{i}") for i in range(40)))]
    ),
]


@pytest.mark.parametrize("make", EVERY + TALL)
def test_the_box_sits_in_the_body_clear_of_header_and_footer(
    tmp_path: Path, make: Callable[[], Dialog[Any]]
) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        dialog = make()
        app.push_screen(dialog)
        await pilot.pause()
        box = dialog.query_one("#dialog").region
        for part in dialog.query("#dialog > *"):  # nothing cut off by the box's border
            assert part.region.bottom <= box.bottom - 1, part
        assert box.y >= 2
        assert box.bottom <= 24 - 2
        assert abs(box.x - (80 - box.right)) <= 1  # centred
        title = dialog.query_one("#dialog").border_title
        assert isinstance(title, str)
        assert title[:1].isupper()

    run_shell(tmp_path, scenario, size=(80, 24))


def test_clicking_a_button_or_a_row_chooses_it(tmp_path: Path) -> None:
    async def scenario(app: Shell, pilot: Pilot[Any]) -> None:
        results: list[Any] = []
        choice = ChoiceDialog("Unsaved changes", SAVE)
        app.push_screen(choice, results.append)
        await pilot.pause()
        discard = list(choice.query(".button"))[1]
        assert await pilot.click(discard)
        await pilot.pause()
        picker = ListPicker("Select role", ROLES)
        app.push_screen(picker, results.append)
        await pilot.pause()
        assert await pilot.click("#row-2")
        await pilot.pause()
        confirm = ConfirmDialog("Delete?")
        app.push_screen(confirm, results.append)
        await pilot.pause()
        assert await pilot.click(next(iter(confirm.query(".button"))))
        await pilot.pause()
        assert results == [1, "neo", True]

    run_shell(tmp_path, scenario)


@pytest.mark.parametrize(
    ("align", "label", "left", "right", "expected"),
    [
        ("left", " Title ", True, True, "┌ Title ───┐"),
        ("right", " Title ", True, True, "┌─── Title ┐"),
        ("center", " Title ", True, True, "┌─ Title ──┐"),  # Textual's own
        ("left", "", True, True, "┌──────────┐"),
        ("left", "Title ", False, True, "─Title ────┐"),  # no corner: Textual's own
    ],
)
def test_border_rows_put_a_title_next_to_its_corner(
    align: Any, label: str, left: bool, right: bool, expected: str
) -> None:
    box = (Segment("┌" if left else "─"), Segment("─"), Segment("┐"))
    row = render_row(box, 12, left, right, [Segment(label)] if label else [], align)
    assert "".join(segment.text for segment in row) == expected
