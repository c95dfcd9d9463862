"""The sensitive-mount gate every entry of a mount passes (load, workspace, global mounts)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.errors import JackinError
from jackin_sdk.flows._questions import Answerer, ConfirmSensitiveMounts
from jackin_sdk.mounts import SensitiveMountsNotConfirmed, find_sensitive

if TYPE_CHECKING:
    from jackin_sdk.mounts import Mount

__all__ = ["confirm_sensitive_mounts"]


def confirm_sensitive_mounts(
    mounts: Sequence[Mount], answerer: Answerer, *, home: Path | None = None
) -> None:
    """Pass when no mount source is sensitive or the operator confirms those that are.

    Nobody to ask (no terminal, no `--yes`) refuses with E020 listing them; a no aborts.
    `home` is the host home the rules are relative to (the process's when None).
    """
    hits = find_sensitive(list(mounts), home=Path.home() if home is None else home)
    if not hits:
        return
    answer = answerer.confirm_sensitive_mounts(ConfirmSensitiveMounts(tuple(hits)))
    if answer is None:
        raise SensitiveMountsNotConfirmed(hits)
    if not answer:
        raise JackinError("aborted — sensitive mount paths were not confirmed")
