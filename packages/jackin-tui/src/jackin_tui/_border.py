"""§C panel titles: `┌ Title ───┐`, the title one space from the corner on each side.

Textual draws a left-aligned border title one edge cell in (`┌─ Title ──┐`) and has no
hook for it, so the console replaces the row renderer its style cache calls
(`textual._styles_cache.render_row`, Textual 8.2) with one that starts the title right
after the corner; every other row (no title, a centred title, no corner) is Textual's
own. `install()` is idempotent; the App calls it once. tests/tui/test_dialogs.py reads
the drawn border, so a Textual upgrade that moves the hook fails there, not silently.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from textual import _styles_cache
from textual._border import render_row as textual_render_row
from textual.css.types import AlignHorizontal

__all__ = ["install", "render_row"]


def render_row(  # noqa: PLR0917 - Textual's signature
    box_row: tuple[Segment, Segment, Segment],
    width: int,
    left: bool,
    right: bool,
    label_segments: Iterable[Segment],
    label_alignment: AlignHorizontal = "left",
) -> Iterable[Segment]:
    """A border row whose left (right) title touches its corner's padding space."""
    label = list(label_segments)
    corner = left if label_alignment == "left" else right if label_alignment == "right" else False
    if not label or not corner:
        yield from textual_render_row(box_row, width, left, right, label, label_alignment)
        return
    first, edge, last = box_row
    length = sum(segment.cell_length for segment in label)
    fill = Segment(edge.text * max(0, width - left - right - length), edge.style)
    if left:
        yield first
    if label_alignment == "left":
        yield from label
        yield fill
    else:
        yield fill
        yield from label
    if right:
        yield last


def install() -> None:
    """Make every border title the console draws a §C one (`┌ Title ┐`)."""
    _styles_cache.render_row = render_row  # type: ignore[attr-defined]
