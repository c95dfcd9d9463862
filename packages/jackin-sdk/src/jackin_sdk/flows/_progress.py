"""A launch's progress as plain lines on a stream: the CLI's (`load`, `hardline`,
`prewarm`) and the console's once it has handed the terminal back (upstream-capsule-tui.md
B5.4, D2.5) — one renderer, so both front ends show the same lines.

Event messages quote the role's name, git output, build steps of the role's Dockerfile
and notes from the workspace: they are escaped (`jackin_sdk.text.printable`) and a
message of several lines is indented under its event. The only control sequences on
the stream are the renderer's own (`\\r` and erase-line, rewriting a started stage's
line on a terminal).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.flows._questions import (
        Answerer,
        ConfirmCollapse,
        ConfirmPrune,
        ConfirmSensitiveMounts,
        DirtyExit,
        ExitChoice,
        TrustRole,
    )
    from jackin_sdk.images import ImageEvent
    from jackin_sdk.launch import StageEvent

__all__ = ["PlainLaunchView"]

_INDENT = "      "
_ERASE_LINE = "\r\x1b[2K"
_WIDTH = 100  # an open line is cut here: a wrapped one could not be rewritten


def _shown(message: str) -> str:
    """`message` escaped, its later lines indented so none can pass for a stage."""
    return printable(message, multiline=True).replace("\n", "\n" + _INDENT)


class PlainLaunchView:
    """A `LaunchView` writing one line per finished (`✓`), skipped (`-`) or failed (`✗`)
    stage under its name (`jackin_sdk.launch.Stage`), notes and image steps indented.

    On a terminal (`live`) a started stage shows at once as `… stage` and its line is
    rewritten in place when it ends, so a long stage (an image build) is never a silent
    wait; the build's current step shows on that line (or on a line of its own, erased by
    the next), so a long Dockerfile does not scroll the progress away. A note or a
    question (`answering`) during the stage ends the open line first and is written under
    it. Elsewhere (a pipe, a log) only the outcome lines are written, every build step
    one. Everything written as a line is kept in `transcript`, to show again (`replay`)
    if the screen it was on goes away.
    """

    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.live = self.stream.isatty() if live is None else live
        self.transcript: list[str] = []
        self._pending: str | None = None  # the stage whose `… name` line is open
        self._open = False  # a line without its newline is on the screen
        self._stepped = False  # the open `… stage` line shows a build step

    def _end_open(self) -> None:
        """Keep an open `… stage` line (a newline, the step it showed gone); erase a lone
        build step's."""
        if self._open and self._pending is None:
            self.stream.write(_ERASE_LINE)
        elif self._open:
            self.stream.write(f"{_ERASE_LINE}  … {self._pending}\n" if self._stepped else "\n")
        self._pending, self._open, self._stepped = None, False, False

    def _line(self, text: str, *, replaces: str | None = None) -> None:
        if replaces is not None and self._pending == replaces:
            self.stream.write(_ERASE_LINE)
            self._pending, self._open, self._stepped = None, False, False
        else:
            self._end_open()
        self.transcript.append(text)
        self.stream.write(text + "\n")
        self.stream.flush()

    def _status(self, text: str) -> None:
        """Rewrite the open line as `text` (one line, cut to the width)."""
        if self._open:
            self.stream.write(_ERASE_LINE)
        self.stream.write(text[:_WIDTH])
        self.stream.flush()
        self._open = True

    def stage(self, event: StageEvent) -> None:
        """`… stage` (live only), `✓ stage`, `- stage  why`, `✗ stage`, or an indented note."""
        status, name, message = event.status.value, event.stage.value, _shown(event.message)
        if status == "started":
            if self.live:
                self._end_open()
                self._pending = name
                self._status(f"  … {name}")
        elif status == "done":
            self._line(f"  ✓ {name}{f'  {message}' if message else ''}", replaces=name)
        elif status == "skipped":
            self._line(f"  - {name}  {message}", replaces=name)
        elif status == "failed":
            self._line(f"  ✗ {name}", replaces=name)
        else:
            self._line(f"    {message}")

    def image(self, event: ImageEvent) -> None:
        """The image decision as a line; a build step as a line, or live the open line."""
        kind = event.kind.value
        if kind in {"decision", "built"}:
            self._line(f"    {_shown(event.message)}")
        elif kind == "step":
            step = f"step {event.step}/{event.total}: "
            if not self.live:
                self._line(f"    {step}{_shown(event.message)}")
            elif self._pending is not None:
                self._status(f"  … {self._pending}  {step}{printable(event.message)}")
                self._stepped = True
            else:
                self._status(f"    {step}{printable(event.message)}")

    def close(self) -> None:
        """End an open line: a `… stage` line stays, a lone build step goes."""
        self._end_open()
        self.stream.flush()

    def replay(self, stream: TextIO | None = None) -> None:
        """Write the transcript again, on `stream` (this view's by default)."""
        target = self.stream if stream is None else stream
        target.write("".join(line + "\n" for line in self.transcript))
        target.flush()

    def answering(self, answerer: Answerer) -> Answerer:
        """`answerer`, ending an open `… stage` line before each question, so a prompt
        asked during a stage (the trust question during `role`) starts on its own line."""
        return _BetweenLines(answerer, self)


class _BetweenLines:
    def __init__(self, answerer: Answerer, lines: PlainLaunchView) -> None:
        self.answerer = answerer
        self.lines = lines

    def confirm_sensitive_mounts(self, question: ConfirmSensitiveMounts) -> bool | None:
        self.lines.close()
        return self.answerer.confirm_sensitive_mounts(question)

    def trust_role(self, question: TrustRole) -> bool | None:
        self.lines.close()
        return self.answerer.trust_role(question)

    def dirty_exit(self, question: DirtyExit) -> ExitChoice | None:
        self.lines.close()
        return self.answerer.dirty_exit(question)

    def confirm_prune(self, question: ConfirmPrune) -> bool | None:
        self.lines.close()
        return self.answerer.confirm_prune(question)

    def confirm_collapse(self, question: ConfirmCollapse) -> bool | None:
        self.lines.close()
        return self.answerer.confirm_collapse(question)
