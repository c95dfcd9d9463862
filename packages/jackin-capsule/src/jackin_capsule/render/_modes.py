"""Outer-terminal mode reconciliation: the "restore on focus swap" of spec A13."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ModeReconciler", "OuterModes"]


@dataclass(frozen=True, slots=True)
class OuterModes:
    """The outer-terminal modes the focused pane wants."""

    bracketed_paste: bool = False
    application_cursor: bool = False
    cursor_style: int = 0
    kitty_flags: int = 0


class ModeReconciler:
    """Emits only the mode transitions between what was last asserted and what is wanted."""

    __slots__ = ("_last",)

    def __init__(self) -> None:
        """A reconciler whose first call asserts every mode."""
        self._last: OuterModes | None = None

    def reset(self) -> None:
        """Forget what was asserted (new client): the next call asserts everything."""
        self._last = None

    def reconcile(self, desired: OuterModes) -> bytes:
        """Bytes moving the outer terminal to `desired`; empty when nothing changed.

        Kitty keyboard flags are re-asserted as a pop (`ESC[<u`) followed by a push of
        the new flags when they are non-zero.
        """
        last = self._last
        out: list[str] = []
        if last is None or last.bracketed_paste != desired.bracketed_paste:
            out.append("\x1b[?2004h" if desired.bracketed_paste else "\x1b[?2004l")
        if last is None or last.application_cursor != desired.application_cursor:
            out.append("\x1b[?1h" if desired.application_cursor else "\x1b[?1l")
        if last is None or last.cursor_style != desired.cursor_style:
            out.append(f"\x1b[{max(0, desired.cursor_style)} q")
        if last is None or last.kitty_flags != desired.kitty_flags:
            out.append("\x1b[<u")
            if desired.kitty_flags > 0:
                out.append(f"\x1b[>{desired.kitty_flags}u")
        self._last = desired
        return "".join(out).encode("ascii")
