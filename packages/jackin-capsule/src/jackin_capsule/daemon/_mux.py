"""The multiplexer's state: tabs of pane trees over sessions, focus, dialogs (A8, A10, A11).

Handlers only change state and mark the screen dirty; the daemon composes frames
(spec A13). Processes are started and signalled through the `Spawner` the daemon
passes in, so this module is testable with stand-in sessions.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from jackin_capsule.daemon._dialogs import (
    ConfirmDialog,
    Dialog,
    InfoDialog,
    ListDialog,
    TextDialog,
)
from jackin_capsule.daemon._session import Session, SpawnSpec
from jackin_capsule.input import (
    DialogKey,
    InputEvent,
    Mouse,
    OuterFocus,
    PaneBytes,
    PrefixAction,
    PrefixCommand,
    PrefixPending,
    RequestExit,
    ResizePane,
    TogglePalette,
    decode_dialog_keys,
)
from jackin_capsule.layout import Direction, PaneTree, Rect, ScreenLayout

__all__ = ["MAX_SESSIONS", "MAX_TABS", "Multiplexer", "Spawner", "Tab"]

MAX_TABS = 32
MAX_SESSIONS = 64
_FOCUS_IN = b"\x1b[I"
_FOCUS_OUT = b"\x1b[O"
_WHEEL_LINES = 3
_PREFIX_FOCUS = {
    PrefixAction.FOCUS_LEFT: Direction.LEFT,
    PrefixAction.FOCUS_DOWN: Direction.DOWN,
    PrefixAction.FOCUS_UP: Direction.UP,
    PrefixAction.FOCUS_RIGHT: Direction.RIGHT,
}
_RESIZE = {
    "left": Direction.LEFT,
    "right": Direction.RIGHT,
    "up": Direction.UP,
    "down": Direction.DOWN,
}
_SPLIT_SIDES = (
    ("← Left", Direction.LEFT),
    ("→ Right", Direction.RIGHT),
    ("↑ Above", Direction.UP),
    ("↓ Below", Direction.DOWN),
)


class Spawner(Protocol):
    """Starts a session of `rows`×`cols` (raises `OSError`/`ValueError` on failure)."""

    def __call__(self, spec: SpawnSpec, rows: int, cols: int) -> Session: ...


@dataclass(slots=True)
class Tab:
    """A tab: its pane tree and an optional operator-given label."""

    tree: PaneTree
    auto_label: str
    label: str | None = None

    @property
    def title(self) -> str:
        """What the tab strip shows."""
        return self.label or self.auto_label


@dataclass(slots=True)
class Multiplexer:
    """Tabs, panes, focus and dialogs over the live sessions."""

    spawner: Spawner
    agents: tuple[str, ...]
    rows: int = 24
    cols: int = 80
    sessions: dict[int, Session] = field(default_factory=dict)
    tabs: list[Tab] = field(default_factory=list)
    active: int = 0
    dialogs: list[Dialog] = field(default_factory=list)
    prefix_pending: bool = False
    generation: int = 0
    layout_changed: bool = True
    exit_requested: bool = False
    detach_requested: bool = False
    notices: list[str] = field(default_factory=list)
    on_focus_change: Callable[[], None] | None = None
    tab_spans: list[tuple[int, int]] = field(default_factory=list)
    """Column ranges of the tab chips in the last frame (set by the compositor)."""

    # ------------------------------------------------------------------ queries

    def screen(self) -> ScreenLayout:
        """The row layout for the current outer size."""
        return ScreenLayout.for_size(self.rows, self.cols)

    def active_tab(self) -> Tab | None:
        """The shown tab, if any."""
        return self.tabs[self.active] if self.tabs else None

    def focused(self) -> Session | None:
        """The focused pane's session."""
        tab = self.active_tab()
        return self.sessions.get(_focus(tab)) if tab is not None else None

    def boxes(self, tab: Tab | None = None) -> dict[int, Rect]:
        """Outer boxes of `tab`'s panes (the active tab by default)."""
        tab = tab if tab is not None else self.active_tab()
        if tab is None:
            return {}
        return tab.tree.layout(self.screen().content)

    def touch(self) -> None:
        """Something visible changed: compose a frame."""
        self.generation += 1

    # ------------------------------------------------------------------ sessions

    def _interior(self, tab: Tab | None, session_id: int) -> tuple[int, int]:
        box = self.boxes(tab).get(session_id)
        if box is None:
            content = self.screen().content
            return max(1, content.rows - 2), max(1, content.cols - 2)
        inner = PaneTree.interior(box)
        return max(1, inner.rows), max(1, inner.cols)

    def open_tab(self, spec: SpawnSpec) -> Session | None:
        """Start `spec` in a new, active tab (None and a notice when it cannot)."""
        if not self._can_spawn(spec, new_tab=True):
            return None
        content = self.screen().content
        try:
            session = self.spawner(spec, max(1, content.rows - 2), max(1, content.cols - 2))
        except (OSError, ValueError) as exc:
            self.spawn_failed(str(exc))
            return None
        self.sessions[session.id] = session
        self.tabs.append(Tab(PaneTree.single(session.id), spec.label))
        self._switch(len(self.tabs) - 1)
        self.relayout()
        return session

    def split(self, side: Direction, spec: SpawnSpec) -> Session | None:
        """Start `spec` beside the focused pane."""
        tab = self.active_tab()
        if tab is None:
            return self.open_tab(spec)
        if not self._can_spawn(spec, new_tab=False):
            return None
        try:
            session = self.spawner(spec, *self._interior(tab, _focus(tab)))
        except (OSError, ValueError) as exc:
            self.spawn_failed(str(exc))
            return None
        old = self.focused()
        self.sessions[session.id] = session
        tab.tree.split(_focus(tab), session.id, side)
        self._focus_swap(old, session)
        self.relayout()
        return session

    def _can_spawn(self, spec: SpawnSpec, *, new_tab: bool) -> bool:
        if spec.agent is not None and spec.agent not in self.agents:
            allowed = ", ".join(self.agents) or "none"
            self.spawn_failed(f"agent {spec.agent!r} is not enabled for this role ({allowed})")
            return False
        if len(self.sessions) >= MAX_SESSIONS:
            self.spawn_failed(f"at most {MAX_SESSIONS} sessions can run at once")
            return False
        if new_tab and len(self.tabs) >= MAX_TABS:
            self.spawn_failed(f"at most {MAX_TABS} tabs can be open at once")
            return False
        return True

    def spawn_failed(self, message: str) -> None:
        """Show the sticky "Spawn failed" notice (spec A6 step 4, A17)."""
        self.dialogs = [InfoDialog("Spawn failed", [message])]
        self.touch()

    def remove_session(self, session_id: int) -> None:
        """A pane's process ended: drop the pane, its tab when empty (focus goes left)."""
        session = self.sessions.pop(session_id, None)
        for index, tab in enumerate(self.tabs):
            if session_id in tab.tree.sessions():
                if tab.tree.remove(session_id):
                    del self.tabs[index]
                    if index <= self.active:
                        self.active = max(0, self.active - 1)
                break
        if session is not None and session.exit_code not in (None, 0) and not session.hung_up:
            tail = session.tail()
            code = session.exit_code or 0
            how = f"exited with code {code}" if code > 0 else f"was killed by signal {-code}"
            self.notices.append(
                f"{session.spec.label} ({session.codename}) {how}"
                + ("\n" + "\n".join(tail) if tail else "")
            )
        self.relayout()

    def relayout(self) -> None:
        """Size every pane's PTY to its box interior; compose a full frame."""
        for tab in self.tabs:
            for session_id in tab.tree.sessions():
                session = self.sessions.get(session_id)
                if session is not None:
                    session.resize(*self._interior(tab, session_id))
        self.layout_changed = True
        self.touch()

    def resize(self, rows: int, cols: int) -> None:
        """The outer terminal changed size."""
        self.rows, self.cols = rows, cols
        self.relayout()

    def terminate_all(self) -> None:
        """End every session (palette Exit / Ctrl+Q confirmed, SIGTERM)."""
        for session in self.sessions.values():
            _hangup(session)

    # ------------------------------------------------------------------ focus

    def _switch(self, index: int) -> None:
        if not self.tabs:
            return
        old = self.focused()
        self.active = index % len(self.tabs)
        self._focus_swap(old, self.focused())
        self.touch()

    def _focus_swap(self, old: Session | None, new: Session | None) -> None:
        if old is new:
            return
        if old is not None and old.terminal.modes.focus_events:
            old.write(_FOCUS_OUT)
        if new is not None and new.terminal.modes.focus_events:
            new.write(_FOCUS_IN)
        if self.on_focus_change is not None:
            self.on_focus_change()
        self.touch()

    def focus_session(self, session_id: int) -> bool:
        """Show the tab of `session_id` and focus it (Hello `focus_session`)."""
        for index, tab in enumerate(self.tabs):
            if session_id in tab.tree.sessions():
                old = self.focused()
                self.active = index
                tab.tree.focus(session_id)
                self._focus_swap(old, self.focused())
                return True
        return False

    # ------------------------------------------------------------------ input

    def handle(self, event: InputEvent) -> None:  # noqa: PLR0912 - one branch per event
        """Route one input event (spec A11)."""
        if isinstance(event, PaneBytes):
            if self.dialogs:
                self._dialog_keys(decode_dialog_keys(event.data))
            else:
                self._to_pane(event.data)
        elif isinstance(event, TogglePalette):
            if self.dialogs:
                self.dialogs.clear()
            else:
                self.dialogs = [self._palette()]
            self.touch()
        elif isinstance(event, RequestExit):
            self.dialogs = [self._exit_confirm()]
            self.touch()
        elif isinstance(event, PrefixPending):
            self.prefix_pending = event.active
            self.touch()
        elif isinstance(event, PrefixCommand):
            self._prefix(event)
        elif isinstance(event, ResizePane):
            tab = self.active_tab()
            if tab is not None and not self.dialogs:
                tab.tree.resize(_focus(tab), _RESIZE[event.direction])
                self.relayout()
        elif isinstance(event, OuterFocus):
            session = self.focused()
            if session is not None and session.terminal.modes.focus_events:
                session.write(_FOCUS_IN if event.focused else _FOCUS_OUT)
        elif isinstance(event, Mouse):
            self._mouse(event)

    def _to_pane(self, data: bytes) -> None:
        session = self.focused()
        if session is None:
            return
        if session.terminal.scroll_offset:
            session.terminal.scroll(-session.terminal.scroll_offset)
            self.touch()
            if data == b"\x1b":  # Esc only leaves the scrollback
                return
        session.write(data)

    def _dialog_keys(self, keys: list[DialogKey]) -> None:
        for index, key in enumerate(keys):
            if not self.dialogs:
                # Typed ahead after the dialog closed: it belongs to the pane.
                self._to_pane(b"".join(_key_bytes(k) for k in keys[index:]))
                return
            still_open, action = self.dialogs[-1].key(key)
            if not still_open:
                self.dialogs.pop()
            if action is not None:
                self.dialogs.clear()
                action()
            self.touch()

    def _prefix(self, command: PrefixCommand) -> None:  # noqa: PLR0912 - the prefix table
        action = command.action
        tab = self.active_tab()
        if action is PrefixAction.NEW_TAB:
            self.dialogs = [self._agent_picker(self.open_tab)]
        elif action is PrefixAction.NEXT_TAB:
            self._switch(self.active + 1)
        elif action is PrefixAction.PREV_TAB:
            self._switch(self.active - 1)
        elif action is PrefixAction.GOTO_TAB and command.tab is not None:
            if command.tab < len(self.tabs):
                self._switch(command.tab)
        elif action is PrefixAction.SPLIT_BELOW:
            self.dialogs = [self._agent_picker(lambda s: self.split(Direction.DOWN, s))]
        elif action is PrefixAction.SPLIT_RIGHT:
            self.dialogs = [self._agent_picker(lambda s: self.split(Direction.RIGHT, s))]
        elif action in _PREFIX_FOCUS and tab is not None:
            target = tab.tree.neighbour(_focus(tab), _PREFIX_FOCUS[action])
            if target is not None:
                old = self.focused()
                tab.tree.focus(target)
                self._focus_swap(old, self.focused())
        elif action is PrefixAction.ZOOM and tab is not None:
            tab.tree.toggle_zoom()
            self.relayout()
        elif action is PrefixAction.CLOSE_PANE:
            self.dialogs = [self._close_pane_confirm()]
        elif action is PrefixAction.CLOSE_TAB:
            self.dialogs = [self._close_tab_confirm()]
        elif action is PrefixAction.CLEAR_PANE:
            self.clear_pane()
        elif action is PrefixAction.DETACH:
            self.detach_requested = True
        elif action is PrefixAction.PALETTE:
            self.dialogs = [self._palette()]
        self.touch()

    def clear_pane(self) -> None:
        """Drop the focused pane's scrollback and ask the program to redraw (form feed)."""
        session = self.focused()
        if session is not None:
            session.terminal.clear_scrollback()
            session.write(b"\x0c")
            self.touch()

    def _mouse(self, event: Mouse) -> None:
        if self.dialogs:
            if event.kind == "press":
                self.dialogs.pop()  # v1: a click dismisses the dialog
                self.touch()
            return
        if event.row == 0 and event.kind == "press":
            self._click_tab(event.col)
            return
        hit = self._pane_at(event.row, event.col)
        if hit is None:
            return
        session_id, inner = hit
        session = self.sessions.get(session_id)
        tab = self.active_tab()
        if session is None or tab is None:
            return
        if event.kind == "press" and tab.tree.focused != session_id:
            old = self.focused()
            tab.tree.focus(session_id)
            self._focus_swap(old, session)
        if event.kind in ("wheel_up", "wheel_down"):
            self._wheel(session, event, inner)
        elif session.terminal.modes.mouse_mode and session_id == tab.tree.focused:
            _forward_mouse(session, event, inner)

    def _wheel(self, session: Session, event: Mouse, inner: Rect) -> None:
        modes = session.terminal.modes
        up = event.kind == "wheel_up"
        if modes.mouse_mode:
            _forward_mouse(session, event, inner)
        elif modes.alt_screen:
            arrow = (b"\x1bO" if modes.application_cursor else b"\x1b[") + (b"A" if up else b"B")
            session.write(arrow * _WHEEL_LINES)
        else:
            session.terminal.scroll(_WHEEL_LINES if up else -_WHEEL_LINES)
            self.touch()

    def _pane_at(self, row: int, col: int) -> tuple[int, Rect] | None:
        for session_id, box in self.boxes().items():
            inner = PaneTree.interior(box)
            if box.top <= row < box.top + box.rows and box.left <= col < box.left + box.cols:
                return session_id, inner
        return None

    def _click_tab(self, col: int) -> None:
        for index, (start, end) in enumerate(self.tab_spans):
            if start <= col < end:
                self._switch(index)
                return

    # ------------------------------------------------------------------ dialogs

    def _agent_picker(self, then: Callable[[SpawnSpec], object]) -> ListDialog:
        items: list[tuple[str, Callable[[], None]]] = [
            (agent.capitalize(), _bind(then, SpawnSpec(agent))) for agent in self.agents
        ]
        items.append(("Shell", _bind(then, SpawnSpec(None))))
        return ListDialog("Start", items)

    def _opens(self, make: Callable[[], Dialog]) -> Callable[[], None]:
        """An action that replaces the open dialogs with `make()` (a sub-dialog step)."""

        def open_next() -> None:
            self.dialogs = [make()]

        return open_next

    def _split_picker(self) -> ListDialog:
        def pick(side: Direction) -> Callable[[], None]:
            return self._opens(lambda: self._agent_picker(lambda spec: self.split(side, spec)))

        return ListDialog("Split", [(label, pick(side)) for label, side in _SPLIT_SIDES])

    def _palette(self) -> ListDialog:
        tab = self.active_tab()
        single = tab is not None and len(tab.tree.sessions()) == 1
        later = self._opens
        items: list[tuple[str, Callable[[], None]]] = [
            ("New tab", later(lambda: self._agent_picker(self.open_tab))),
            ("Split pane", later(self._split_picker)),
            ("Zoom / unzoom pane", self._toggle_zoom),
            ("Clear pane", self.clear_pane),
            ("Rename tab", later(self._rename_dialog)),
            ("Close tab" if single else "Close", later(self._close_target)),
            ("Detach", self._detach),
            ("Exit", later(self._exit_confirm)),
        ]
        return ListDialog("Menu", items)

    def _close_target(self) -> Dialog:
        """Close tab → confirm directly when the tab has one pane; otherwise pick first."""
        tab = self.active_tab()
        if tab is None or len(tab.tree.sessions()) == 1:
            return self._close_tab_confirm()
        return ListDialog(
            "Close",
            [
                ("Close pane", self._opens(self._close_pane_confirm)),
                ("Close tab", self._opens(self._close_tab_confirm)),
            ],
        )

    def _rename_dialog(self) -> TextDialog:
        tab = self.active_tab()

        def save(text: str) -> None:
            if tab is not None:
                tab.label = text or None  # empty restores the automatic label
                self.touch()

        current = (tab.label or "") if tab is not None else ""
        auto = tab.auto_label if tab is not None else ""
        return TextDialog("Rename tab", save, text=current, placeholder=auto)

    def _toggle_zoom(self) -> None:
        tab = self.active_tab()
        if tab is not None:
            tab.tree.toggle_zoom()
            self.relayout()

    def _detach(self) -> None:
        self.detach_requested = True

    def _exit_confirm(self) -> ConfirmDialog:
        live = len(self.sessions)
        return ConfirmDialog(
            "Exit jackin❯?",
            [f"Ends all {live} session(s) in this container; unsaved agent work is lost."],
            self._exit,
        )

    def _exit(self) -> None:
        self.exit_requested = True
        self.terminate_all()

    def _close_pane_confirm(self) -> ConfirmDialog:
        session = self.focused()
        name = session.spec.label if session is not None else "pane"
        return ConfirmDialog("Close pane?", [f"Ends {name} in this pane."], self._close_focused)

    def _close_focused(self) -> None:
        session = self.focused()
        if session is not None:
            _hangup(session)

    def _close_tab_confirm(self) -> ConfirmDialog:
        return ConfirmDialog("Close tab?", ["Ends every session in this tab."], self._close_tab)

    def _close_tab(self) -> None:
        tab = self.active_tab()
        if tab is not None:
            for session_id in tab.tree.sessions():
                session = self.sessions.get(session_id)
                if session is not None:
                    _hangup(session)


_KEY_BYTES = {
    "UP": b"\x1b[A",
    "DOWN": b"\x1b[B",
    "RIGHT": b"\x1b[C",
    "LEFT": b"\x1b[D",
    "ENTER": b"\r",
    "ESCAPE": b"\x1b",
    "BACKSPACE": b"\x7f",
    "TAB": b"\t",
    "BACKTAB": b"\x1b[Z",
    "CTRL_C": b"\x03",
    "CTRL_Q": b"\x11",
}


def _key_bytes(key: DialogKey) -> bytes:
    """A decoded key back as the bytes a terminal sends for it."""
    if key.kind == "CHAR":
        return key.text.encode()
    return _KEY_BYTES.get(key.kind, b"")


def _focus(tab: Tab) -> int:
    """The focused session of a tab (a tab is dropped when its last pane goes)."""
    focused = tab.tree.focused
    assert focused is not None, "a tab always has a pane"
    return focused


def _bind(then: Callable[[SpawnSpec], object], spec: SpawnSpec) -> Callable[[], None]:
    def run() -> None:
        then(spec)

    return run


def _hangup(session: Session) -> None:
    """What closing a terminal does: SIGHUP to the pane's process group."""
    if session.exit_code is not None:
        return
    session.hung_up = True
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(session.pid, signal.SIGHUP)


def _forward_mouse(session: Session, event: Mouse, inner: Rect) -> None:
    """Re-encode a mouse event in pane coordinates, in the pane's own protocol."""
    row = event.row - inner.top
    col = event.col - inner.left
    if not (0 <= row < inner.rows and 0 <= col < inner.cols):
        return
    modes = session.terminal.modes
    if event.kind == "move" and modes.mouse_mode != 1003:
        return
    if event.kind == "drag" and modes.mouse_mode not in (1002, 1003):
        return
    if event.kind == "release" and modes.mouse_mode == 9:
        return
    button = {"wheel_up": 64, "wheel_down": 65}.get(event.kind, event.button)
    if event.kind in ("drag", "move"):
        button += 32
    button += (4 if event.shift else 0) + (8 if event.alt else 0) + (16 if event.ctrl else 0)
    if modes.mouse_encoding == 1006:
        final = "m" if event.kind == "release" else "M"
        session.write(f"\x1b[<{button};{col + 1};{row + 1}{final}".encode())
        return
    if event.kind == "release":
        button = 3 + (button & ~3)
    if col + 33 > 255 or row + 33 > 255:
        return  # X10 cannot express it
    session.write(bytes([0x1B, 0x5B, 0x4D, button + 32, col + 33, row + 33]))
