"""The workspace edits' questions: removing mounts a new mount subsumes (or that `--prune`
cleans up), and `workspace prune` itself. One rule for every front end: ask only when
some mount goes, refuse with the flag to pass when nobody can be asked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.errors import JackinError
from jackin_sdk.flows._mounts import confirm_sensitive_mounts
from jackin_sdk.flows._questions import Answerer, ConfirmCollapse, ConfirmPrune

if TYPE_CHECKING:
    from jackin_sdk.config import WorkspacePlan
    from jackin_sdk.mounts import Mount

__all__ = ["confirm_workspace_collapse", "confirm_workspace_plan", "confirm_workspace_prune"]

_ABORTED = "aborted by operator"


def confirm_workspace_collapse(plan: WorkspacePlan, answerer: Answerer) -> None:
    """Pass when `plan` removes no mount; otherwise ask (`ConfirmCollapse`). Nobody to
    ask refuses naming `--yes`; a no aborts."""
    if not plan.collapsed and not plan.pruned:
        return
    question = ConfirmCollapse(plan.collapsed, plan.pruned)
    answer = answerer.confirm_collapse(question)
    if answer is None:
        raise JackinError(question.refusal)
    if not answer:
        raise JackinError(_ABORTED)


def confirm_workspace_plan(
    plan: WorkspacePlan, added: Sequence[Mount], answerer: Answerer, *, home: Path | None = None
) -> None:
    """The questions before `plan` (`workspace create` or `edit`) is applied, in order: the
    sensitive sources among the `added` mounts (E020 when nobody can be asked), then, for
    an edit, the mounts it removes (a new workspace's collapses are only reported)."""
    confirm_sensitive_mounts(added, answerer, home=home)
    if not plan.created:
        confirm_workspace_collapse(plan, answerer)


def confirm_workspace_prune(plan: WorkspacePlan, answerer: Answerer) -> None:
    """Confirm `workspace prune` removing `plan.pruned` (listed by the front end first).
    Nobody to ask refuses naming `--yes`; a no aborts."""
    question = ConfirmPrune(
        "Proceed?",
        "refusing to prune mounts without confirmation; pass --yes to proceed non-interactively",
    )
    answer = answerer.confirm_prune(question)
    if answer is None:
        raise JackinError(question.refusal)
    if not answer:
        raise JackinError(_ABORTED)
