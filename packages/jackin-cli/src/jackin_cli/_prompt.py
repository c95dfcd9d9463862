"""Interactive confirmation that fails closed without a terminal."""

from __future__ import annotations

import sys

from jackin_sdk.errors import JackinError

__all__ = ["confirm"]


def confirm(question: str, *, assume_yes: bool, refusal: str) -> bool:
    """Ask a y/N question on stderr; `assume_yes` answers yes.

    Without a TTY on stdin the question cannot be asked: raise `refusal` (which should
    name the flag that acknowledges non-interactively) instead of guessing.
    """
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise JackinError(refusal)
    sys.stderr.write(f"{question} [y/N]: ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in {"y", "yes"}
