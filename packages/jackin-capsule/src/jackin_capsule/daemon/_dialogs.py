"""The capsule's dialogs (spec A17, v1 subset): list pickers, confirms and notices.

A dialog owns the keyboard while it is open. Each key either keeps it open, or
closes it and returns what was chosen; the multiplexer acts on that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jackin_capsule.input import DialogKey

__all__ = ["ConfirmDialog", "Dialog", "InfoDialog", "ListDialog", "TextDialog"]

Action = Callable[[], None]


@dataclass(slots=True)
class ListDialog:
    """A filterable list: ↑/↓ move, type to filter, Enter picks, Esc closes."""

    title: str
    items: list[tuple[str, Action]]
    filter: str = ""
    selected: int = 0

    def visible(self) -> list[tuple[str, Action]]:
        """Items whose label contains the filter (case-insensitive)."""
        needle = self.filter.lower()
        return [item for item in self.items if needle in item[0].lower()]

    def key(self, key: DialogKey) -> tuple[bool, Action | None]:
        """(still open, action to run)."""
        shown = self.visible()
        if key.kind in ("ESCAPE", "CTRL_C", "CTRL_Q"):
            return False, None
        if key.kind == "UP":
            self.selected = max(0, self.selected - 1)
        elif key.kind == "DOWN":
            self.selected = min(max(0, len(shown) - 1), self.selected + 1)
        elif key.kind == "ENTER":
            if shown:
                return False, shown[min(self.selected, len(shown) - 1)][1]
        elif key.kind == "BACKSPACE":
            self.filter = self.filter[:-1]
            self.selected = 0
        elif key.kind == "CHAR":
            self.filter += key.text
            self.selected = 0
        return True, None


@dataclass(slots=True)
class ConfirmDialog:
    """Yes/No with focus on No by default (destructive actions)."""

    title: str
    lines: list[str]
    on_yes: Action
    yes_focused: bool = False

    def key(self, key: DialogKey) -> tuple[bool, Action | None]:
        """(still open, action to run)."""
        if key.kind == "CHAR" and key.text in ("y", "Y"):
            return False, self.on_yes
        if key.kind in ("ESCAPE", "CTRL_C", "CTRL_Q") or (
            key.kind == "CHAR" and key.text in ("n", "N")
        ):
            return False, None
        if key.kind in ("TAB", "BACKTAB", "LEFT", "RIGHT"):
            self.yes_focused = not self.yes_focused
        elif key.kind == "ENTER":
            return False, self.on_yes if self.yes_focused else None
        return True, None


@dataclass(slots=True)
class InfoDialog:
    """A read-only notice (spawn failure, …): Enter, Esc or q dismiss it."""

    title: str
    lines: list[str] = field(default_factory=list)

    def key(self, key: DialogKey) -> tuple[bool, Action | None]:
        """(still open, action to run)."""
        if key.kind in ("ESCAPE", "ENTER", "CTRL_C", "CTRL_Q", "BACKSPACE") or (
            key.kind == "CHAR" and key.text in ("q", "Q")
        ):
            return False, None
        return True, None


@dataclass(slots=True)
class TextDialog:
    """One line of text (rename tab): Enter saves it, Esc cancels."""

    title: str
    on_save: Callable[[str], None]
    text: str = ""
    placeholder: str = ""
    max_length: int = 16

    def key(self, key: DialogKey) -> tuple[bool, Action | None]:
        """(still open, action to run)."""
        if key.kind in ("ESCAPE", "CTRL_C", "CTRL_Q"):
            return False, None
        if key.kind == "ENTER":
            text = self.text.strip()
            return False, lambda: self.on_save(text)
        if key.kind == "BACKSPACE":
            self.text = self.text[:-1]
        elif key.kind == "CHAR":
            self.text = (self.text + key.text)[: self.max_length]
        return True, None


Dialog = ListDialog | ConfirmDialog | InfoDialog | TextDialog
