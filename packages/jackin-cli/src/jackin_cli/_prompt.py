"""Interactive confirmation and input that fail closed without a terminal.

`TerminalAnswerer` is the CLI's answerer of the SDK flows' questions (`jackin_sdk.flows`):
a y/N prompt on stderr when stdin is a terminal, yes with `--yes`, and otherwise None
(nobody to ask), which the flow turns into its coded refusal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.errors import JackinError
from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.flows import (
        ConfirmPrune,
        ConfirmSensitiveMounts,
        DirtyExit,
        ExitChoice,
        TrustRole,
    )
    from jackin_sdk.mounts import Mount

__all__ = ["TerminalAnswerer", "confirm", "confirm_sensitive", "env_value_input", "tty"]


def tty() -> bool:
    """Whether stdin and stdout are both a terminal (the attach client gets `-t`)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str, *, assume_yes: bool, refusal: str) -> bool:
    """Ask a y/N question on stderr (escaped: it quotes role names and URLs); `assume_yes`
    answers yes.

    Without a TTY on stdin the question cannot be asked: raise `refusal` (which should
    name the flag that acknowledges non-interactively) instead of guessing.
    """
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise JackinError(refusal)
    sys.stderr.write(f"{printable(question, multiline=True)} [y/N]: ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in {"y", "yes"}


class TerminalAnswerer:
    """Answers the flows' questions on this terminal; `yes` is the `--yes` flag."""

    def __init__(self, *, yes: bool = False) -> None:
        self.yes = yes

    def _ask(self, text: str) -> bool | None:
        if self.yes:
            return True
        if not sys.stdin.isatty():
            return None
        return confirm(text, assume_yes=False, refusal="no terminal to ask on")

    def confirm_sensitive_mounts(self, question: ConfirmSensitiveMounts) -> bool | None:
        """List the sensitive sources on stderr, then ask (`--yes` lists and goes on)."""
        if not self.yes and not sys.stdin.isatty():
            return None
        sys.stderr.write("Sensitive host paths in these mounts:\n")
        for hit in question.hits:
            sys.stderr.write(f"  {printable(hit.mount.src)} — {printable(hit.reason)}\n")
        return self._ask(question.text)

    def trust_role(self, question: TrustRole) -> bool | None:
        """The trust question with what trusting means."""
        return self._ask(question.prompt.text)

    def dirty_exit(self, question: DirtyExit) -> ExitChoice | None:
        """On a terminal the capsule asked the operator (its exit-action); else nobody."""
        del question
        return "ask" if tty() else None

    def confirm_prune(self, question: ConfirmPrune) -> bool | None:
        """The prune question."""
        return self._ask(question.text)


def confirm_sensitive(mounts: list[Mount], *, yes: bool) -> None:
    """List sensitive sources on stderr and confirm them; without a terminal and without
    `yes`, refuse (E020)."""
    from jackin_sdk.flows import confirm_sensitive_mounts  # noqa: PLC0415

    confirm_sensitive_mounts(mounts, TerminalAnswerer(yes=yes), home=Path.home())


def env_value_input(key: str, value: str | None, *, from_stdin: bool, command: str) -> str:
    """The value of `key` for `… env set`: the argument, standard input (`--stdin`), or a
    prompt without echo on a terminal. A secret given as an argument is kept but warned
    about on stderr (it was visible in the process list); `command` is how to run it."""
    from jackin_sdk.env import argv_secret_warning, env_value_from_input  # noqa: PLC0415
    from jackin_sdk.errors import UsageError  # noqa: PLC0415

    if from_stdin:
        if value is not None:
            raise UsageError("give the value as an argument or with --stdin, not both")
        return env_value_from_input(key, sys.stdin.read())
    if value is None:
        if not sys.stdin.isatty():
            raise UsageError(
                f"no value for {key}: pass --stdin to read it from standard input, "
                "or run in a terminal to be prompted"
            )
        import getpass  # noqa: PLC0415

        return env_value_from_input(key, getpass.getpass(f"Value of {key} (input hidden): "))
    warning = argv_secret_warning(key, value, command=command)
    if warning is not None:
        sys.stderr.write(warning + "\n")
        sys.stderr.flush()
    return value
