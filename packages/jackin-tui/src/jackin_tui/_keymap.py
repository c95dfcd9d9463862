"""One keymap table per screen or modal: its bindings, its hint bar and its help.

A screen declares `KEYMAP = KeyMap(Key(...), ...)` and `BINDINGS = KEYMAP.bindings()`;
the hint bar is `KEYMAP.hints(screen.is_live)`, so it lists exactly the keys that do
something right now, and the `?` overlay lists the same table. A key is bound once, in
the table, so a key cannot be bound without being shown (or shown without being bound).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType

__all__ = ["GLOBAL_KEYMAP", "GROUP_SEPARATOR", "KEY_SEPARATOR", "Key", "KeyMap", "LiveKeys"]

GROUP_SEPARATOR = "   "
KEY_SEPARATOR = " · "


# What an unlabelled key does when its table gives no `help` (the usual arrow pairs).
_KEY_MEANINGS = {
    "up": "move up",
    "down": "move down",
    "left": "move left",
    "right": "move right",
    "tab": "next",
    "shift+tab": "previous",
}


@dataclass(frozen=True, slots=True)
class Key:
    """One row of a keymap table.

    `keys` are Textual key names, comma-separated ("enter", "up,k", "ctrl+q"); `action`
    is the screen's action name without `action_`; `label` and `shown` make the hint
    (`shown label`, or `shown` alone when `label` is empty). A key whose `shown` is empty
    has no hint of its own: it is covered by a neighbour's (`↓` under an `↑↓` hint) or is
    deliberately off the bar (Ctrl-C); it is still bound and still listed in the help.
    Hints are grouped by `group` (ascending, stable); `priority` binds the key before the
    focused widget sees it. `help` is what the `?` overlay says the key does when the
    hint's label is not enough (a key with no label, or one half of an `↑↓` pair); the
    overlay then lists it under its own key names rather than the shared hint.
    """

    keys: str
    action: str
    label: str
    shown: str
    group: int = 0
    priority: bool = False
    help: str = ""

    @property
    def description(self) -> str:
        """What the `?` overlay says the key does: `help`, else the label, else what its
        key names mean (`move up` for an unlabelled `↑`)."""
        if self.help or self.label:
            return self.help or self.label
        first = self.keys.split(",")[0].strip()
        return _KEY_MEANINGS.get(first, self.action.replace("_", " "))

    @property
    def hint(self) -> str:
        """The key as the hint bar shows it: `↵ launch`, or `↑↓` with no label."""
        return f"{self.shown} {self.label}" if self.label else self.shown


class KeyMap:
    """An ordered table of Keys, one per screen or modal."""

    __slots__ = ("keys",)

    def __init__(self, *keys: Key) -> None:
        self.keys: tuple[Key, ...] = tuple(keys)

    def __iter__(self) -> Iterator[Key]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def __add__(self, other: KeyMap) -> KeyMap:
        return KeyMap(*self.keys, *other.keys)

    def __repr__(self) -> str:
        return f"KeyMap({', '.join(k.keys for k in self.keys)})"

    @property
    def actions(self) -> frozenset[str]:
        """Every action the table binds."""
        return frozenset(k.action for k in self.keys)

    def bindings(self) -> list[BindingType]:
        """Textual bindings for `BINDINGS = KEYMAP.bindings()`; Textual's footer is unused."""
        return [
            Binding(
                k.keys,
                k.action,
                k.label,
                show=False,
                key_display=k.shown or None,
                priority=k.priority,
            )
            for k in self.keys
        ]

    def live(self, live: Callable[[str], bool]) -> KeyMap:
        """The keys whose action is live, in table order."""
        return KeyMap(*(k for k in self.keys if live(k.action)))

    def hint_groups(self, live: Callable[[str], bool]) -> list[list[Key]]:
        """The live keys that have a hint, grouped (groups ascending, table order within)."""
        groups: dict[int, list[Key]] = {}
        for key in self.keys:
            if key.shown and live(key.action):
                groups.setdefault(key.group, []).append(key)
        return [groups[g] for g in sorted(groups)]

    def hints(self, live: Callable[[str], bool]) -> str:
        """The hint bar text: `↑↓ · ↵ launch   E edit · N new` (live keys only)."""
        return GROUP_SEPARATOR.join(
            KEY_SEPARATOR.join(k.hint for k in group) for group in self.hint_groups(live)
        )


class LiveKeys:
    """Mixed into every console screen and modal (before Textual's class): a key of its
    `KEYMAP` does something only while `is_live(action)` says so (`check_action`)."""

    KEYMAP: ClassVar[KeyMap] = KeyMap()

    def is_live(self, action: str) -> bool:
        """Whether the key bound to `action` does something right now (default: yes)."""
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.KEYMAP.actions:
            return self.is_live(action)
        return True


# The keys every stage has; the App binds them, stage footers end with their hints.
# Ctrl-C (hard quit) has no hint: the spec's footers end with `Ctrl-Q quit · ? help`.
GLOBAL_KEYMAP = KeyMap(
    Key("ctrl+q", "request_quit", "quit", "Ctrl-Q", group=1000, priority=True),
    Key("question_mark", "help", "help", "?", group=1000),
    Key("ctrl+c", "hard_quit", "quit now", "", group=1000, priority=True),
)
