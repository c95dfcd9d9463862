"""Interactive confirmation that fails closed without a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.errors import JackinError

if TYPE_CHECKING:
    from jackin_sdk.mounts import Mount

__all__ = ["confirm", "confirm_sensitive"]


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


def confirm_sensitive(mounts: list[Mount], *, yes: bool) -> None:
    from jackin_sdk.mounts import find_sensitive  # noqa: PLC0415

    """List sensitive sources on stderr and confirm them (or refuse without a terminal)."""
    hits = find_sensitive(mounts, home=Path.home())
    if not hits:
        return
    sys.stderr.write("Sensitive host paths in these mounts:\n")
    for hit in hits:
        sys.stderr.write(f"  {hit.mount.src} — {hit.reason}\n")
    if not confirm(
        "Continue with these mounts?",
        assume_yes=yes,
        refusal="sensitive mount paths detected but stdin is not a terminal — pass --yes "
        "to accept them non-interactively",
    ):
        raise JackinError("aborted — sensitive mount paths were not confirmed")
