"""§C scrollbars: a `┃` (vertical) or `━` (horizontal) thumb over a dim `·` track.

Textual draws block-character bars; the console installs this renderer for its own
widgets (`ScrollBar.renderer` is Textual's documented hook). The thumb takes the
scrollbar colour, the track the scrollbar background colour as dim dots; neither
paints a background (the terminal's own shows through).
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment, Segments
from rich.style import Style
from textual.scrollbar import ScrollBarRender

__all__ = ["PhosphorScrollBarRender"]


class PhosphorScrollBarRender(ScrollBarRender):
    """The console's scrollbar look."""

    @classmethod
    def render_bar(  # noqa: PLR0917 - Textual's signature
        cls,
        size: int = 25,
        virtual_size: float = 50,
        window_size: float = 20,
        position: float = 0,
        thickness: int = 1,
        vertical: bool = True,
        back_color: Color = Color.parse("#303A32"),  # noqa: B008 - immutable, as Textual's
        bar_color: Color = Color.parse("#7A8A7A"),  # noqa: B008
    ) -> Segments:
        width = thickness if vertical else 1
        thumb_glyph, track_glyph = ("┃", "·") if vertical else ("━", "·")
        track = Style(color=back_color, dim=True)
        segments = [Segment(track_glyph * width, track)] * int(size)
        if window_size and size and virtual_size and size != virtual_size:
            thumb = max(1, min(size, round(window_size / virtual_size * size)))
            span = virtual_size - window_size
            start = round((position / span if span > 0 else 0) * (size - thumb))
            start = max(0, min(int(size) - thumb, start))
            up = Segment(track_glyph * width, track + Style(meta={"@mouse.down": "scroll_up"}))
            down = Segment(track_glyph * width, track + Style(meta={"@mouse.down": "scroll_down"}))
            grab = Segment(
                thumb_glyph * width, Style(color=bar_color, meta={"@mouse.down": "grab"})
            )
            segments = [up] * start + [grab] * thumb + [down] * (int(size) - start - thumb)
        if vertical:
            return Segments(segments, new_lines=True)
        return Segments([*segments, Segment.line()] * thickness, new_lines=False)
