"""The events the input parser hands to the multiplexer (spec A11)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, TypeAlias

__all__ = [
    "Direction",
    "InputEvent",
    "Mouse",
    "MouseKind",
    "OuterFocus",
    "PaneBytes",
    "PrefixAction",
    "PrefixCommand",
    "PrefixPending",
    "RequestExit",
    "ResizePane",
    "TogglePalette",
]

Direction: TypeAlias = Literal["up", "down", "left", "right"]
MouseKind: TypeAlias = Literal[
    "press", "release", "drag", "move", "wheel_up", "wheel_down", "wheel_left", "wheel_right"
]


class PrefixAction(StrEnum):
    """What a key pressed after the prefix key asks for (spec A11 prefix table)."""

    NEW_TAB = "new_tab"
    NEXT_TAB = "next_tab"
    PREV_TAB = "prev_tab"
    GOTO_TAB = "goto_tab"
    SPLIT_BELOW = "split_below"
    SPLIT_RIGHT = "split_right"
    FOCUS_LEFT = "focus_left"
    FOCUS_DOWN = "focus_down"
    FOCUS_UP = "focus_up"
    FOCUS_RIGHT = "focus_right"
    ZOOM = "zoom"
    CLOSE_PANE = "close_pane"
    CLOSE_TAB = "close_tab"
    CLEAR_PANE = "clear_pane"
    DETACH = "detach"
    USAGE = "usage"
    PALETTE = "palette"
    REDRAW = "redraw"


@dataclass(frozen=True, slots=True)
class PaneBytes:
    """Bytes for the focused pane (or the open dialog), to be written unchanged."""

    data: bytes


@dataclass(frozen=True, slots=True)
class TogglePalette:
    """The palette key: open/close the command palette (or close the open dialog)."""


@dataclass(frozen=True, slots=True)
class RequestExit:
    """Ctrl+Q: ask "Exit jackin❯?"."""


@dataclass(frozen=True, slots=True)
class PrefixCommand:
    """A prefix-table command; `tab` is the 0-based tab for `GOTO_TAB`, else None."""

    action: PrefixAction
    tab: int | None = None


@dataclass(frozen=True, slots=True)
class PrefixPending:
    """The prefix key started (`active=True`) or ended (`False`) awaiting its command key."""

    active: bool


@dataclass(frozen=True, slots=True)
class ResizePane:
    """Alt+Shift+Arrow: grow the focused pane's split towards `direction`."""

    direction: Direction


@dataclass(frozen=True, slots=True)
class OuterFocus:
    """The outer terminal gained (`True`) or lost (`False`) focus (`CSI I` / `CSI O`)."""

    focused: bool


@dataclass(frozen=True, slots=True)
class Mouse:
    """A mouse report from the outer terminal, 0-based cell coordinates.

    `button` is the protocol's button code without the shift/alt/ctrl/motion bits:
    0 left, 1 middle, 2 right, 3 none (X10 release, motion without a button),
    64-67 wheel up/down/left/right, 128-131 extra buttons. A re-encoder adds
    32 for `drag`/`move` and 4/8/16 for shift/alt/ctrl.
    """

    kind: MouseKind
    button: int
    row: int
    col: int
    shift: bool = False
    alt: bool = False
    ctrl: bool = False


InputEvent: TypeAlias = (
    PaneBytes
    | TogglePalette
    | RequestExit
    | PrefixCommand
    | PrefixPending
    | ResizePane
    | OuterFocus
    | Mouse
)
