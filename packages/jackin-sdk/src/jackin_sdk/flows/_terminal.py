"""The flows' questions asked on a plain terminal: the CLI's, and the console's once it
has exited and handed the terminal back (upstream-cli.md §2.8).

A y/N question (default No) on the error stream when standard input is a terminal; yes
outright with `yes` (`--yes`); otherwise None — nobody can be asked, and the flow
refuses with its coded error. Every question is escaped (`jackin_sdk.text.printable`):
it quotes role names, URLs and paths.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.flows._questions import (
        ConfirmCollapse,
        ConfirmPrune,
        ConfirmSensitiveMounts,
        DirtyExit,
        ExitChoice,
        TrustRole,
    )

__all__ = ["TerminalAnswerer"]


class TerminalAnswerer:
    """Answers the flows' questions on a terminal: `stdin` is read, `stderr` shows the
    question, and `stdout` is only asked whether it is a terminal (an attach on a
    terminal at both ends lets the capsule ask about dirty work itself). The process's
    streams by default; `yes` is the CLI's `--yes` acknowledgement."""

    def __init__(
        self,
        *,
        yes: bool = False,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self.yes = yes
        self.stdin = sys.stdin if stdin is None else stdin
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr

    def _can_ask(self) -> bool:
        return self.yes or self.stdin.isatty()

    def ask(self, question: str) -> bool | None:
        """`question [y/N]: ` answered yes (`y`, `yes`) or no; None without a terminal."""
        if self.yes:
            return True
        if not self.stdin.isatty():
            return None
        self.stderr.write(f"{printable(question, multiline=True)} [y/N]: ")
        self.stderr.flush()
        return self.stdin.readline().strip().lower() in {"y", "yes"}

    def confirm_sensitive_mounts(self, question: ConfirmSensitiveMounts) -> bool | None:
        """List the sensitive sources with their reasons, then ask (`yes` lists and goes
        on)."""
        if not self._can_ask():
            return None
        self.stderr.write("Sensitive host paths in these mounts:\n")
        for hit in question.hits:
            self.stderr.write(f"  {printable(hit.mount.src)} — {printable(hit.reason)}\n")
        return self.ask(question.text)

    def trust_role(self, question: TrustRole) -> bool | None:
        """The trust question with what trusting means."""
        return self.ask(question.prompt.text)

    def dirty_exit(self, question: DirtyExit) -> ExitChoice | None:
        """On a terminal at both ends the capsule asked the operator (its exit action
        decides); otherwise nobody was asked."""
        del question
        return "ask" if self.stdin.isatty() and self.stdout.isatty() else None

    def confirm_prune(self, question: ConfirmPrune) -> bool | None:
        """The prune question."""
        return self.ask(question.text)

    def confirm_collapse(self, question: ConfirmCollapse) -> bool | None:
        """List the mounts that will be removed (also when nobody can be asked, before
        the refusal), then ask."""
        if question.collapsed:
            self.stderr.write(
                f"Adding mount(s) will subsume {len(question.collapsed)} existing mount(s):\n"
            )
            for redundancy in question.collapsed:
                self.stderr.write(f"  • {printable(redundancy.child.src)}\n")
        if question.pruned:
            self.stderr.write(
                f"Cleaning up {len(question.pruned)} pre-existing redundant mount(s):\n"
            )
            for redundancy in question.pruned:
                self.stderr.write(f"  • {printable(redundancy.child.src)}\n")
        self.stderr.write("These will be removed from the workspace.\n")
        self.stderr.flush()
        return self.ask(question.text)
