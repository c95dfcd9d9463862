"""Launch progress on stderr: a live status line on a terminal, plain lines otherwise.

Event messages quote the role's name, git output, build steps of the role's Dockerfile
and notes from the workspace: they are escaped (`jackin_sdk.text.printable`) and a
message of several lines is indented under its event. The only control sequences on
the stream are the renderer's own (`\r` and erase-line for the live line).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.images import ImageEvent
    from jackin_sdk.launch import StageEvent

__all__ = ["LaunchRenderer"]

_INDENT = "      "


def _shown(message: str) -> str:
    """`message` escaped; its later lines indented so none can pass for an event."""
    return printable(message, multiline=True).replace("\n", "\n" + _INDENT)


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
        message = _shown(event.message)
        if status == "started":
            self._status(f"  … {name}")
        elif status == "done":
            self._line(f"  ✓ {name}{f'  {message}' if message else ''}")
        elif status == "skipped":
            self._line(f"  - {name}  {message}")
        elif status == "failed":
            self._line(f"  ✗ {name}")
        else:
            self._line(f"    {message}")

    def image(self, event: ImageEvent) -> None:
        """Decisions as lines; build steps as a live line (plain mode prints steps only)."""
        kind = event.kind.value
        if kind in {"decision", "built"}:
            self._line(f"    {_shown(event.message)}")
        elif kind == "step":
            step = f"    step {event.step}/{event.total}: "
            if self.live:  # one line that the next status erases: no newline may stay
                self._status(step + printable(event.message))
            else:
                self._line(step + _shown(event.message))

    def close(self) -> None:
        """End a pending live line."""
        self._clear()
        self.stream.flush()
