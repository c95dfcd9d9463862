"""Dialogs: a centred list or confirm box over an opaque backdrop."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.layout import Rect
from jackin_capsule.render import Canvas, DialogView, Style, draw_dialog

AREA = Rect(2, 0, 18, 80)
SELECTED = Style(fg="000000", bg="00ff41", bold=True)


def _covered(canvas: Canvas, box: Rect) -> str:
    return "\n".join(
        "".join(canvas.cell(row, col)[0] for col in range(box.left, box.right))
        for row in range(box.top, box.bottom)
    )


def test_list_dialog_is_centred_with_title_filter_and_selection() -> None:
    canvas = Canvas(24, 80)
    canvas.fill(Rect(0, 0, 24, 80), "x")
    dialog = DialogView(
        "list", "Menu", items=["New tab", "Split pane", "Exit"], selected=1, filter_text="p"
    )
    box = draw_dialog(canvas, AREA, dialog)
    assert box.cols == 26
    assert box.rows == 6
    assert box.left == (80 - 26) // 2
    assert box.top == 2 + (18 - 6) // 2
    lines = _covered(canvas, box).splitlines()
    assert lines[0].startswith("┌ Menu ─")
    assert lines[1] == "│❯ p                     │"
    assert lines[2] == "│  New tab               │"
    assert lines[3] == "│▸ Split pane            │"
    assert lines[5].startswith("└")
    assert all(
        canvas.cell(box.top + 3, col)[1] == SELECTED for col in range(box.left + 1, box.right - 1)
    )
    # The backdrop blanks the whole content area but leaves the chrome rows.
    assert canvas.row_text(2) == " " * 80
    assert canvas.cell(5, 0) == (" ", Style())
    assert canvas.row_text(0) == "x" * 80
    assert canvas.row_text(20) == "x" * 80


def test_empty_filter_shows_a_placeholder_and_no_items_a_notice() -> None:
    canvas = Canvas(24, 80)
    box = draw_dialog(canvas, AREA, DialogView("list", "Agents", items=[]))
    text = _covered(canvas, box)
    assert "type to filter" in text
    assert "no matches" in text


def test_long_lists_scroll_to_keep_the_selection_visible() -> None:
    canvas = Canvas(12, 40)
    items = [f"item {n}" for n in range(30)]
    box = draw_dialog(
        canvas, Rect(2, 0, 6, 40), DialogView("list", "Pick", items=items, selected=20)
    )
    text = _covered(canvas, box)
    assert "▸ item 20" in text
    assert "item 0" not in text
    assert box.rows == 6


def test_confirm_dialog_buttons_and_focus() -> None:
    canvas = Canvas(24, 80)
    dialog = DialogView("confirm", "Exit jackin❯?", message=["All sessions end."])
    box = draw_dialog(canvas, AREA, dialog)
    text = _covered(canvas, box)
    assert text.splitlines()[0].startswith("┌ Exit jackin❯? ")
    assert "All sessions end." in text
    row = box.bottom - 3
    line = "".join(canvas.cell(row, col)[0] for col in range(80))
    yes = line.index(" Yes ")
    no = line.index(" No ")
    assert yes < no
    assert canvas.cell(row, no)[1] == Style(fg="000000", bg="00ff41", bold=True)
    assert canvas.cell(row, yes)[1] != canvas.cell(row, no)[1]
    focused_yes = DialogView("confirm", "Exit?", message=["m"], yes_focused=True)
    canvas = Canvas(24, 80)
    box = draw_dialog(canvas, AREA, focused_yes)
    row = box.bottom - 3
    line = "".join(canvas.cell(row, col)[0] for col in range(80))
    assert canvas.cell(row, line.index(" Yes "))[1].bg == "00ff41"


@pytest.mark.parametrize("area", [Rect(2, 0, 0, 80), Rect(2, 0, 1, 3), Rect(2, 0, 3, 2)])
def test_tiny_areas_do_not_fail(area: Rect) -> None:
    canvas = Canvas(6, 80)
    draw_dialog(canvas, area, DialogView("list", "Menu", items=["a"]))
    draw_dialog(canvas, area, DialogView("confirm", "Exit?", message=["sure?"]))


@settings(max_examples=80, deadline=None)
@given(
    rows=st.integers(0, 20),
    cols=st.integers(0, 60),
    items=st.lists(st.text(max_size=30), max_size=12),
    selected=st.integers(-3, 15),
    kind=st.sampled_from(["list", "confirm"]),
)
def test_dialog_stays_inside_its_area(
    rows: int, cols: int, items: list[str], selected: int, kind: str
) -> None:
    canvas = Canvas(rows + 4, cols + 2)
    area = Rect(2, 1, rows, cols)
    marker = "#"
    canvas.fill(Rect(0, 0, rows + 4, cols + 2), marker)
    view = DialogView(
        "list" if kind == "list" else "confirm",
        "Title",
        items=items,
        selected=selected,
        message=items,
    )
    box = draw_dialog(canvas, area, view)
    assert area.top <= box.top
    assert box.bottom <= area.bottom
    assert area.left <= box.left
    assert box.right <= area.right
    for row in range(canvas.rows):
        for col in range(canvas.cols):
            if not area.contains(row, col):
                assert canvas.cell(row, col)[0] == marker


def test_input_dialog_shows_the_typed_text_or_its_placeholder() -> None:
    canvas = Canvas(24, 80)
    typed = draw_dialog(canvas, AREA, DialogView("input", "Rename tab", filter_text="review"))
    lines = _covered(canvas, typed).splitlines()
    assert lines[0].startswith("┌ Rename tab ─")
    assert lines[1] == "│❯ review                │"
    assert len(lines) == 3
    empty = draw_dialog(canvas, AREA, DialogView("input", "Rename tab", message=["Claude"]))
    assert _covered(canvas, empty).splitlines()[1] == "│❯ Claude                │"
    assert canvas.cell(empty.top + 1, empty.left + 3)[1] != canvas.cell(typed.top + 1, 0)[1]
