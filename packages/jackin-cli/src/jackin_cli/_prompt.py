"""Interactive confirmation and input that fail closed without a terminal.

The flows' questions are answered by the SDK's `jackin_sdk.flows.TerminalAnswerer` (a y/N
prompt on stderr when stdin is a terminal, yes with `--yes`, otherwise None: nobody to
ask, which the flow turns into its coded refusal), the same the console uses once it
has handed the terminal back.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jackin_sdk.mounts import Mount

__all__ = ["confirm_sensitive", "env_value_input", "tty"]


def tty() -> bool:
    """Whether stdin and stdout are both a terminal (the attach client gets `-t`)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm_sensitive(mounts: list[Mount], *, yes: bool) -> None:
    """List sensitive sources on stderr and confirm them; without a terminal and without
    `yes`, refuse (E020)."""
    from jackin_sdk.flows import TerminalAnswerer, confirm_sensitive_mounts  # noqa: PLC0415

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
