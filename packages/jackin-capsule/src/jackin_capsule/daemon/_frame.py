"""From multiplexer state to the bytes of one frame (spec A13, A15).

The frame is the cell diff against what the client already shows, inside
synchronised-output brackets, then the focused pane's mode transitions, then the
focused pane's allowed side-channel sequences (titles, notifications, links), which
go out only between frames. Background panes' side-channel sequences are dropped.
"""

from __future__ import annotations

import time

from jackin_capsule.daemon._activity import roll_up
from jackin_capsule.daemon._dialogs import (
    ConfirmDialog,
    Dialog,
    InfoDialog,
    ListDialog,
    TextDialog,
)
from jackin_capsule.daemon._mux import Multiplexer
from jackin_capsule.render import (
    ChromeState,
    DialogView,
    FrameEncoder,
    ModeReconciler,
    OuterModes,
    PaneRowCache,
    PaneView,
    TabChip,
    chrome_hits,
    compose,
)

__all__ = ["Compositor"]

_NORMAL_HINTS = (
    ("Ctrl-\\", "menu"),
    ("Alt+Shift+←↑↓→", "resize pane"),
    ("click", "focus pane"),
    ("Ctrl-Q", "quit"),
)
_SCROLLBACK_HINTS = (("wheel", "scroll"), ("Esc", "exit scrollback"), ("Ctrl-\\", "menu"))
_PREFIX_HINTS = (
    ("c", "new tab"),
    ("n/p", "next/prev"),
    ('"/%', "split"),
    ("hjkl", "focus"),
    ("z", "zoom"),
    ("x", "close"),
    ("d", "detach"),
    ("C-l", "clear"),
)
_LIST_HINTS = (("↑↓", "move"), ("Enter", "select"), ("Esc", "close"))
_CONFIRM_HINTS = (("y", "yes"), ("n", "no"), ("Enter", "choose"), ("Esc", "cancel"))
_INFO_HINTS = (("Enter", "dismiss"),)
_TEXT_HINTS = (("Enter", "save"), ("Esc", "cancel"))


def _dialog_view(dialog: Dialog) -> DialogView:
    if isinstance(dialog, ListDialog):
        return DialogView(
            "list",
            dialog.title,
            items=[label for label, _ in dialog.visible()],
            selected=dialog.selected,
            filter_text=dialog.filter,
        )
    if isinstance(dialog, TextDialog):
        return DialogView(
            "input", dialog.title, filter_text=dialog.text, message=[dialog.placeholder]
        )
    if isinstance(dialog, ConfirmDialog):
        return DialogView(
            "confirm", dialog.title, message=dialog.lines, yes_focused=dialog.yes_focused
        )
    return DialogView("confirm", dialog.title, message=dialog.lines, yes_label="", no_label="OK")


def _hints(mux: Multiplexer) -> tuple[tuple[str, str], ...]:
    if mux.dialogs:
        top = mux.dialogs[-1]
        if isinstance(top, ListDialog):
            return _LIST_HINTS
        if isinstance(top, TextDialog):
            return _TEXT_HINTS
        return _CONFIRM_HINTS if not isinstance(top, InfoDialog) else _INFO_HINTS
    if mux.prefix_pending:
        return _PREFIX_HINTS
    focused = mux.focused()
    if focused is not None and focused.terminal.scroll_offset:
        return _SCROLLBACK_HINTS
    return _NORMAL_HINTS


def _title(term_title: str | None, cwd: str | None, home: str | None, fallback: str) -> str:
    if term_title:
        return term_title
    if cwd:
        if home and (cwd == home or cwd.startswith(home.rstrip("/") + "/")):
            return "~" + cwd[len(home.rstrip("/")) :]
        return cwd
    return fallback


class Compositor:
    """Per-client frame state: the last canvas sent and the modes last asserted."""

    def __init__(self, *, instance_id: str, debug: bool, home: str | None = None) -> None:
        self.instance_id = instance_id
        self.debug = debug
        self.home = home
        self.encoder = FrameEncoder()
        self.modes = ModeReconciler()
        self.caches: dict[int, PaneRowCache] = {}
        self.drawn_states: list[str] = []

    @staticmethod
    def tab_states(mux: Multiplexer, now: float) -> list[str]:
        """Each tab's rolled-up state."""
        return [
            roll_up(
                mux.sessions[sid].activity.state(now)
                for sid in tab.tree.sessions()
                if sid in mux.sessions
            )
            for tab in mux.tabs
        ]

    def states_changed(self, mux: Multiplexer, now: float) -> bool:
        """Whether a tab glyph would differ from the last frame's."""
        return self.tab_states(mux, now) != self.drawn_states

    def reset(self) -> None:
        """A new client: repaint everything and assert every mode."""
        self.encoder.reset()
        self.modes.reset()

    def frame(self, mux: Multiplexer, *, full: bool) -> bytes:
        """The bytes bringing the client's terminal to the multiplexer's current state."""
        layout = mux.screen()
        self.drawn_states = self.tab_states(mux, time.monotonic())
        chrome = ChromeState(
            tabs=[
                TabChip(tab.title, state, index == mux.active)
                for index, (tab, state) in enumerate(zip(mux.tabs, self.drawn_states, strict=True))
            ],
            prefix_pending=mux.prefix_pending,
            hints=_hints(mux),
            instance_id=self.instance_id,
            debug=self.debug,
        )
        tab = mux.active_tab()
        focused = mux.focused()
        panes: list[PaneView] = []
        for session_id, box in mux.boxes().items():
            session = mux.sessions.get(session_id)
            if session is None or tab is None:
                continue
            term = session.terminal
            cache = self.caches.setdefault(session_id, PaneRowCache())
            title = _title(term.title, term.cwd, self.home, tab.title)
            dirty = None if full else set(term.dirty)
            panes.append(PaneView(box, term, title, session is focused, dirty, cache))
        dialog_open = bool(mux.dialogs)
        for pane in panes if not dialog_open else ():
            pane.source.clear_dirty()  # type: ignore[attr-defined]
        for gone in set(self.caches) - set(mux.sessions):
            del self.caches[gone]
        dialog = _dialog_view(mux.dialogs[-1]) if mux.dialogs else None
        cursor = focused.terminal.cursor() if focused is not None else None
        visible = focused is not None and focused.terminal.cursor_visible()
        canvas, outer_cursor = compose(
            layout, chrome, panes, dialog=dialog, cursor=cursor, cursor_visible=visible
        )
        hits = chrome_hits(layout, chrome)
        mux.tab_spans = [span if span is not None else (-1, -1) for span in hits.tabs]
        out = bytearray(self.encoder.encode(canvas, outer_cursor, full=full))
        if focused is not None:
            modes = focused.terminal.modes
            out += self.modes.reconcile(
                OuterModes(
                    bracketed_paste=modes.bracketed_paste,
                    application_cursor=modes.application_cursor,
                    cursor_style=modes.cursor_style,
                    kitty_flags=modes.kitty_flags,
                )
            )
        for session in mux.sessions.values():
            side = session.terminal.take_passthrough()
            if session is focused and side:
                out += b"".join(side)
        return bytes(out)
