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


def _shown(message: str) -> str:
    """`message` escaped, its later lines indented so none can pass for a stage."""
    return printable(message, multiline=True).replace("\n", "\n" + _INDENT)


class PlainLaunchView:
    """A `LaunchView` writing one line per finished (`✓`), skipped (`-`) or failed (`✗`)
    stage under its name (`jackin_sdk.launch.Stage`), notes and image steps indented.

    On a terminal (`live`) a started stage shows at once as `… stage` and its line is
    rewritten in place when it ends, so a long stage (an image build) is never a silent
    wait; a note, an image step or a question (`answering`) during the stage ends that
    line first and is written under it. Elsewhere (a pipe, a log) only the outcome lines
    are written. Everything but the `… stage` lines is kept in `transcript`, to show
    again (`replay`) if the screen it was on goes away.
    """

    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.live = self.stream.isatty() if live is None else live
        self.transcript: list[str] = []
        self._pending: str | None = None  # the stage whose `… name` line is open

    def _end_pending(self) -> None:
        if self._pending is not None:
            self._pending = None
            self.stream.write("\n")

    def _line(self, text: str, *, replaces: str | None = None) -> None:
        if replaces is not None and self._pending == replaces:
            self._pending = None
            self.stream.write(_ERASE_LINE)
        else:
            self._end_pending()
        self.transcript.append(text)
        self.stream.write(text + "\n")
        self.stream.flush()

    def stage(self, event: StageEvent) -> None:
        """`… stage` (live only), `✓ stage`, `- stage  why`, `✗ stage`, or an indented note."""
        status, name, message = event.status.value, event.stage.value, _shown(event.message)
        if status == "started":
            if self.live:
                self._end_pending()
                self._pending = name
                self.stream.write(f"  … {name}")
                self.stream.flush()
        elif status == "done":
            self._line(f"  ✓ {name}{f'  {message}' if message else ''}", replaces=name)
        elif status == "skipped":
            self._line(f"  - {name}  {message}", replaces=name)
        elif status == "failed":
            self._line(f"  ✗ {name}", replaces=name)
        else:
            self._line(f"    {message}")

    def image(self, event: ImageEvent) -> None:
        """The image decision and build steps, each a line."""
        kind = event.kind.value
        if kind in {"decision", "built"}:
            self._line(f"    {_shown(event.message)}")
        elif kind == "step":
            self._line(f"    step {event.step}/{event.total}: {_shown(event.message)}")

    def close(self) -> None:
        """End an open `… stage` line."""
        self._end_pending()
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
