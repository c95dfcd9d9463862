"""Launch progress on stderr: a live status line on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from jackin_sdk.images import ImageEvent
    from jackin_sdk.launch import StageEvent

__all__ = ["LaunchRenderer"]


class LaunchRenderer:
    """Renders `StageEvent`s and `ImageEvent`s; rendering only, no decisions."""

    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self._open_line = False

    def _clear(self) -> None:
        if self._open_line:
            self.stream.write("\r\x1b[2K")
            self._open_line = False

    def _line(self, text: str) -> None:
        self._clear()
        self.stream.write(text + "\n")
        self.stream.flush()

    def _status(self, text: str) -> None:
        if not self.live:
            return
        self._clear()
        width = 100
        self.stream.write(text[:width])
        self.stream.flush()
        self._open_line = True

    def stage(self, event: StageEvent) -> None:
        """One line per finished, skipped or failed stage; notes as indented lines."""
        status = event.status.value
        name = event.stage.value
        if status == "started":
            self._status(f"  … {name}")
        elif status == "done":
            self._line(f"  ✓ {name}{f'  {event.message}' if event.message else ''}")
        elif status == "skipped":
            self._line(f"  - {name}  {event.message}")
        elif status == "failed":
            self._line(f"  ✗ {name}")
        else:
            self._line(f"    {event.message}")

    def image(self, event: ImageEvent) -> None:
        """Decisions as lines; build steps as a live line (plain mode prints steps only)."""
        kind = event.kind.value
        if kind in {"decision", "built"}:
            self._line(f"    {event.message}")
        elif kind == "step":
            text = f"    step {event.step}/{event.total}: {event.message}"
            if self.live:
                self._status(text)
            else:
                self._line(text)

    def close(self) -> None:
        """End a pending live line."""
        self._clear()
        self.stream.flush()
