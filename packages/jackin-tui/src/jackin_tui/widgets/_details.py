"""The workspace manager's detail pane (B3): a workspace's blocks (General, Mounts,
Global mounts, Roles) or an instance's session pane (the live tab/pane tree)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from jackin_tui._theme import (
    BLACK,
    BORDER_GREY,
    PHOSPHOR_GREEN,
    TEXT_BODY,
    TEXT_MUTED,
    TEXT_STRONG,
)

if TYPE_CHECKING:
    from jackin_sdk.overview import DetailBlock, InstanceEntry, SessionTree

__all__ = ["DetailPane", "block_text", "session_text"]


def block_text(block: DetailBlock) -> Text:
    """A detail block's rows: a table with a muted header, or `key  value` pairs."""
    text = Text()
    if not block.rows:
        text.append(block.empty or "nothing", style=TEXT_MUTED)
        return text
    if not block.columns:
        keys = max(len(r[0]) for r in block.rows)
        for n, row in enumerate(block.rows):
            if n:
                text.append("\n")
            if row[0]:
                text.append(f"{row[0]:<{keys}}  ", style=TEXT_MUTED)
            text.append("  ".join(row[1:]), style=TEXT_BODY)
        return text
    widths = [
        max(len(block.columns[i]), *(len(r[i]) for r in block.rows if i < len(r)))
        for i in range(len(block.columns))
    ]
    header = "  ".join(f"{c:<{w}}" for c, w in zip(block.columns, widths, strict=True))
    text.append(header.rstrip(), style=TEXT_MUTED)
    for row in block.rows:
        text.append("\n")
        text.append("  ".join(f"{c:<{w}}" for c, w in zip(row, widths, strict=False)).rstrip())
    return text


_STATE_STYLE = {"working": "#CC5C00", "blocked": "#FF3C3C", "done": PHOSPHOR_GREEN}


def session_text(instance: InstanceEntry, tree: SessionTree | None, cursor: int | None) -> Text:
    """The session pane of an instance (B3); `cursor` is the chosen pane in preview."""
    text = Text()
    text.append(f"Role: {instance.role_key} · Agent: {instance.agent} · ", style=TEXT_MUTED)
    text.append(f"Status: {instance.status_label}\n\n", style=TEXT_MUTED)
    if tree is None:
        text.append("Reading sessions…" if instance.live else "Not running.", style=TEXT_MUTED)
        return text
    if tree.live:
        text.append("Live tab/pane tree (from container daemon)\n", style=TEXT_STRONG)
        if not tree.tabs:
            text.append("no tabs", style=TEXT_MUTED)
        index = 0
        for tab in tree.tabs:
            mark = "▸" if tab.active else " "
            text.append(f"{mark} Tab {tab.number}: {tab.label}\n", style=TEXT_BODY)
            for pane in tab.panes:
                glyph = "●" if pane.focused else "○"
                line = Text(f"    {glyph} {pane.label}")
                if pane.agent:
                    line.append(f" ({pane.agent})")
                line.append(f" {pane.state}", style=_STATE_STYLE.get(pane.state, TEXT_MUTED))
                if index == cursor:
                    line.stylize(f"{BLACK} on {PHOSPHOR_GREEN}")
                text.append_text(line)
                text.append("\n")
                index += 1
        text.rstrip()
        return text
    if tree.recorded:
        text.append("Recorded sessions (from the instance manifest)\n", style=TEXT_STRONG)
        text.append("\n".join(tree.recorded), style=TEXT_BODY)
        return text
    text.append("No sessions to show." if instance.live else "Not running.", style=TEXT_MUTED)
    return text


class DetailPane(VerticalScroll, can_focus=False):
    """The right column: a stack of bordered blocks."""

    DEFAULT_CSS = f"""
    DetailPane {{
        width: 1fr;
        height: 1fr;
        margin-left: 1;
    }}
    DetailPane > .block {{
        width: 1fr;
        height: auto;
        border: solid {BORDER_GREY};
        border-title-color: {TEXT_BODY};
        padding: 0 1;
    }}
    DetailPane > .block.-active {{
        border: solid {PHOSPHOR_GREEN};
        border-title-color: {PHOSPHOR_GREEN};
    }}
    """

    def __init__(self) -> None:
        super().__init__(id="details")
        self._shown: object = None
        self._content: tuple[list[tuple[str, Text]], bool] | None = None

    def show(self, key: object, blocks: list[tuple[str, Text]], *, active: bool = False) -> None:
        """Show `blocks` (title, body); the same `key` updates the bodies in place."""
        current = list(self.query(".block").results(Static))
        if key == self._shown and (blocks, active) == self._content:
            return  # a refresh that changed nothing repaints nothing
        self._content = (blocks, active)
        if key == self._shown and len(current) == len(blocks):
            for widget, (title, body) in zip(current, blocks, strict=True):
                widget.border_title = title
                widget.update(body)
                widget.set_class(active, "-active")
            return
        self._shown = key
        self.remove_children()
        widgets = []
        for title, body in blocks:
            widget = Static(body, classes="block", markup=False)
            widget.border_title = title
            widget.set_class(active, "-active")
            widgets.append(widget)
        self.mount_all(widgets)
