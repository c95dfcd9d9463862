"""Keyboard help (`?`, B9): a searchable list of the live keys; Esc closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from jackin_tui._keymap import Key, KeyMap
from jackin_tui._theme import TEXT_MUTED, TEXT_STRONG
from jackin_tui.dialogs._base import SCROLL_KEYS, Dialog, FilterRow

__all__ = ["HelpOverlay", "key_names"]

_NAMES = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "enter": "↵",
    "escape": "Esc",
    "tab": "Tab",
    "shift+tab": "⇧Tab",
    "space": "Space",
    "question_mark": "?",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "backspace": "⌫",
    "delete": "Del",
    "asterisk": "*",
}


def key_names(key: Key) -> str:
    """How the help names a key: its own hint (`↵`), or its key names (`↑`, `←/⇧Tab`)
    when its hint is shared with a neighbour or it has none, or it has a `help` of its own.
    """
    if key.shown and key.label and not key.help:
        return key.shown
    names = []
    for raw in key.keys.split(","):
        name = raw.strip()
        if name in _NAMES:
            names.append(_NAMES[name])
        elif name.startswith("ctrl+"):
            names.append("Ctrl-" + name.removeprefix("ctrl+").upper())
        else:
            names.append(name.upper() if len(name) == 1 else name)
    return "/".join(dict.fromkeys(names))  # `q,Q` is one key to the reader


class HelpOverlay(Dialog[None]):
    """One line per key (`↵  launch`), each keymap a block, modal keys first; type to search."""

    DEFAULT_CSS = f"""
    HelpOverlay #dialog {{
        width: 56;
    }}
    HelpOverlay #keys {{
        width: 1fr;
        height: auto;
    }}
    HelpOverlay .help-line, HelpOverlay .help-gap, HelpOverlay #no-match {{
        width: 1fr;
        height: 1;
    }}
    HelpOverlay #no-match {{
        color: {TEXT_MUTED};
    }}
    """

    KEYMAP: ClassVar[KeyMap] = SCROLL_KEYS + KeyMap(
        Key("escape,enter", "cancel", "close", "Esc"),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()
    SCROLL_CAP: ClassVar[int] = 20

    def __init__(self, keymaps: Sequence[KeyMap], title: str = "Keyboard help") -> None:
        super().__init__(title)
        self.keymaps = tuple(keymaps)
        self.rows: list[tuple[str, str] | None] = []  # None: the gap between two keymaps
        for keymap in self.keymaps:
            if not len(keymap):
                continue
            if self.rows:
                self.rows.append(None)
            self.rows.extend((key_names(k), k.description) for k in keymap)
        self.key_width = max((len(row[0]) for row in self.rows if row), default=0)

    def scroll_chrome(self) -> int:
        return 6  # border, padding, the search row and its blank

    @property
    def search(self) -> str:
        """What the operator typed to narrow the list."""
        return self.query_one("#search", Input).value if self.is_mounted else ""

    def row_matches(self, row: tuple[str, str]) -> bool:
        needle = self.search.casefold().strip()
        return not needle or needle in f"{row[0]} {row[1]}".casefold()

    @property
    def lines(self) -> list[str]:
        """The listed keys as text (`  ↵  launch`), blank lines between keymaps."""
        searching = bool(self.search.strip())
        return [
            "" if row is None else f"{row[0]:>{self.key_width}}  {row[1]}"
            for row in self.rows
            if (row is None and not searching) or (row is not None and self.row_matches(row))
        ]

    def compose_dialog(self) -> ComposeResult:
        yield FilterRow("search", id="search-row")
        with VerticalScroll(id="keys", can_focus=False):
            for index, row in enumerate(self.rows):
                if row is None:
                    yield Static("", classes="help-gap", id=f"help-{index}")
                    continue
                keys, label = row
                yield Static(
                    Content.assemble(
                        (f"{keys:>{self.key_width}}", f"bold {TEXT_STRONG}"),
                        (f"  {label}", TEXT_MUTED),
                    ),
                    classes="help-line",
                    id=f"help-{index}",
                )
            yield Static("no key matches", id="no-match", markup=False)

    def on_mount(self) -> None:
        self._filter()

    def _filter(self) -> None:
        searching = bool(self.search.strip())
        shown = 0
        for index, row in enumerate(self.rows):
            visible = not searching if row is None else self.row_matches(row)
            self.query_one(f"#help-{index}").display = visible
            shown += row is not None and visible
        self.query_one("#no-match").display = shown == 0
        self.call_after_refresh(self.refresh_hints)

    def text_changed(self) -> None:
        self._filter()

    def text_submitted(self) -> None:
        self.action_cancel()
