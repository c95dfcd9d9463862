"""Centred dialog boxes over an opaque backdrop (spec A11, A15, A17)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from jackin_capsule.layout import Rect
from jackin_capsule.render._canvas import Canvas
from jackin_capsule.render._cells import text_cells, text_width
from jackin_capsule.render._style import Style
from jackin_capsule.render._theme import (
    BLACK,
    BORDER_GREY,
    PHOSPHOR_GREEN,
    TEXT_BODY,
    TEXT_MUTED,
    TEXT_STRONG,
)

__all__ = ["DialogView", "draw_dialog"]

_BORDER = Style(fg=PHOSPHOR_GREEN)
_TITLE = Style(fg=PHOSPHOR_GREEN, bold=True)
_BODY = Style(fg=TEXT_BODY)
_MUTED = Style(fg=TEXT_MUTED)
_PROMPT = Style(fg=PHOSPHOR_GREEN, bold=True)
_FILTER = Style(fg=TEXT_STRONG)
_SELECTED = Style(fg=BLACK, bg=PHOSPHOR_GREEN, bold=True)
_BUTTON_FOCUSED = Style(fg=BLACK, bg=PHOSPHOR_GREEN, bold=True)
_BUTTON = Style(fg=TEXT_BODY, bg=BORDER_GREY)
_MIN_INNER = 24
_PLACEHOLDER = "type to filter"
_NO_MATCHES = "no matches"


@dataclass(frozen=True)
class DialogView:
    """What an open dialog shows.

    `kind` "list": a filter line and `items` with `selected` highlighted.
    `kind` "confirm": `message` lines and Yes/No buttons, `yes_focused` saying which
    one has focus.
    `kind` "input": one line of typed text (`filter_text`), `message[0]` as placeholder.
    """

    kind: Literal["list", "confirm", "input"]
    title: str
    items: Sequence[str] = ()
    selected: int = 0
    filter_text: str = ""
    message: Sequence[str] = ()
    yes_focused: bool = False
    yes_label: str = "Yes"
    no_label: str = "No"

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "message", tuple(self.message))


def draw_dialog(canvas: Canvas, area: Rect, dialog: DialogView) -> Rect:
    """Blank `area` and draw `dialog` centred in it; returns the dialog's box."""
    canvas.fill(area)
    if dialog.kind == "confirm":
        return _draw_confirm(canvas, area, dialog)
    if dialog.kind == "input":
        return _draw_input(canvas, area, dialog)
    return _draw_list(canvas, area, dialog)


def _box(canvas: Canvas, area: Rect, inner_rows: int, inner_cols: int, title: str) -> Rect:
    """Draw an empty bordered box centred in `area`; returns the box (clipped)."""
    rows = min(area.rows, inner_rows + 2)
    cols = min(area.cols, inner_cols + 2)
    box = Rect(area.top + (area.rows - rows) // 2, area.left + (area.cols - cols) // 2, rows, cols)
    if rows < 2 or cols < 2:
        return box
    canvas.put_text(box.top, box.left, "┌" + "─" * (cols - 2) + "┐", _BORDER)
    for row in range(box.top + 1, box.bottom - 1):
        canvas.put_text(row, box.left, "│", _BORDER)
        canvas.put_text(row, box.right - 1, "│", _BORDER)
    canvas.put_text(box.bottom - 1, box.left, "└" + "─" * (cols - 2) + "┘", _BORDER)
    room = cols - 4
    if title and room >= 3:
        cells = text_cells(title)
        label = title if len(cells) + 2 <= room else "".join(cells[: room - 3]) + "…"
        canvas.put_text(box.top, box.left + 1, f" {label} ", _TITLE, cols - 2)
    return box


def _draw_list(canvas: Canvas, area: Rect, dialog: DialogView) -> Rect:
    items = dialog.items
    widest = max((text_width(item) for item in items), default=len(_NO_MATCHES))
    inner_cols = max(
        _MIN_INNER,
        text_width(dialog.title) + 4,
        widest + 4,
        text_width(dialog.filter_text) + 4,
    )
    visible = max(1, min(len(items), area.rows - 3))
    box = _box(canvas, area, visible + 1, inner_cols, dialog.title)
    interior = box.inset(1)
    if interior.empty:
        return box
    width = interior.cols
    row = interior.top
    canvas.put_text(row, interior.left, "❯ ", _PROMPT, width)
    if dialog.filter_text:
        canvas.put_text(row, interior.left + 2, dialog.filter_text, _FILTER, width - 2)
    else:
        canvas.put_text(row, interior.left + 2, _PLACEHOLDER, _MUTED, width - 2)
    slots = interior.rows - 1
    if not items:
        if slots > 0:
            canvas.put_text(row + 1, interior.left + 2, _NO_MATCHES, _MUTED, width - 2)
        return box
    selected = min(max(dialog.selected, 0), len(items) - 1)
    first = max(0, selected - slots + 1) if slots > 0 else 0
    for offset in range(max(0, slots)):
        index = first + offset
        if index >= len(items):
            break
        line = row + 1 + offset
        if index == selected:
            canvas.fill(Rect(line, interior.left, 1, width), " ", _SELECTED)
            canvas.put_text(line, interior.left, "▸ " + items[index], _SELECTED, width)
        else:
            canvas.put_text(line, interior.left + 2, items[index], _BODY, width - 2)
    return box


def _draw_input(canvas: Canvas, area: Rect, dialog: DialogView) -> Rect:
    """One line of text being typed (`filter_text`), `message[0]` as its placeholder."""
    placeholder = dialog.message[0] if dialog.message else ""
    inner_cols = max(
        _MIN_INNER,
        text_width(dialog.title) + 4,
        text_width(dialog.filter_text) + 4,
        text_width(placeholder) + 4,
    )
    box = _box(canvas, area, 1, inner_cols, dialog.title)
    interior = box.inset(1)
    if interior.empty:
        return box
    canvas.put_text(interior.top, interior.left, "❯ ", _PROMPT, interior.cols)
    text, style = (dialog.filter_text, _FILTER) if dialog.filter_text else (placeholder, _MUTED)
    canvas.put_text(interior.top, interior.left + 2, text, style, interior.cols - 2)
    return box


def _draw_confirm(canvas: Canvas, area: Rect, dialog: DialogView) -> Rect:
    yes = f" {dialog.yes_label} "
    no = f" {dialog.no_label} "
    buttons = text_width(yes) + 3 + text_width(no)
    widest = max((text_width(line) for line in dialog.message), default=0)
    inner_cols = max(_MIN_INNER, widest + 4, buttons + 4, text_width(dialog.title) + 4)
    inner_rows = len(dialog.message) + 4
    box = _box(canvas, area, inner_rows, inner_cols, dialog.title)
    interior = box.inset(1)
    if interior.empty:
        return box
    width = interior.cols
    for offset, line in enumerate(dialog.message):
        row = interior.top + 1 + offset
        if row >= interior.bottom - 2:
            break
        canvas.put_text(row, interior.left + 2, line, _BODY, width - 4)
    button_row = interior.bottom - 2 if interior.rows >= 3 else interior.bottom - 1
    x = interior.left + max(0, (width - buttons) // 2)
    limit = interior.right - x
    used = canvas.put_text(
        button_row, x, yes, _BUTTON_FOCUSED if dialog.yes_focused else _BUTTON, limit
    )
    x += used + 3
    canvas.put_text(
        button_row,
        x,
        no,
        _BUTTON if dialog.yes_focused else _BUTTON_FOCUSED,
        max(0, interior.right - x),
    )
    return box
