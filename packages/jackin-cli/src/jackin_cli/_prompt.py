"""Interactive confirmation and input that fail closed without a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.errors import JackinError
from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.mounts import Mount

__all__ = ["confirm", "confirm_sensitive", "env_value_input"]


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


def confirm_sensitive(mounts: list[Mount], *, yes: bool) -> None:
    """List sensitive sources on stderr and confirm them; without a terminal and without
    `yes`, refuse (E020)."""
    from jackin_sdk.mounts import SensitiveMountsNotConfirmed, find_sensitive  # noqa: PLC0415

    hits = find_sensitive(mounts, home=Path.home())
    if not hits:
        return
    if not yes and not sys.stdin.isatty():
        raise SensitiveMountsNotConfirmed(hits)
    sys.stderr.write("Sensitive host paths in these mounts:\n")
    for hit in hits:
        sys.stderr.write(f"  {printable(hit.mount.src)} — {printable(hit.reason)}\n")
    if yes:
        return
    if not confirm("Continue with these mounts?", assume_yes=False, refusal="no terminal"):
        raise JackinError("aborted — sensitive mount paths were not confirmed")


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
