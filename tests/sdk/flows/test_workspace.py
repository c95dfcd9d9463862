"""The workspace edits' questions: asked only when a mount goes, refused with the flag to
pass when nobody can be asked, aborted on a no (every front end alike)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jackin_sdk.config import (
    MountConfig,
    WorkspaceConfig,
    WorkspaceEdit,
    WorkspacePlan,
    plan_workspace_create,
    plan_workspace_edit,
    plan_workspace_prune,
)
from jackin_sdk.errors import JackinError
from jackin_sdk.flows import (
    ConfirmCollapse,
    ConfirmPrune,
    ConfirmSensitiveMounts,
    NonInteractive,
    confirm_workspace_collapse,
    confirm_workspace_plan,
    confirm_workspace_prune,
)
from jackin_sdk.mounts import Mount
from tests.sdk.flows.conftest import Recorder

COLLAPSE_REFUSAL = (
    "refusing to collapse mounts without confirmation; pass --yes to proceed non-interactively"
)
PRUNE_REFUSAL = (
    "refusing to prune mounts without confirmation; pass --yes to proceed non-interactively"
)


def _workspace(*mounts: tuple[str, str]) -> WorkspaceConfig:
    return WorkspaceConfig(
        workdir="/work/app", mounts=[MountConfig(src=src, dst=dst) for src, dst in mounts]
    )


def _collapsing() -> WorkspacePlan:
    """Adding /src/app subsumes the existing /src/app/sub."""
    current = _workspace(("/src/app/sub", "/work/app/sub"))
    return plan_workspace_edit(
        "app", current, WorkspaceEdit(add_mounts=[Mount("/src/app", "/work/app")])
    )


def _redundant() -> WorkspaceConfig:
    return _workspace(("/src/app", "/work/app"), ("/src/app/sub", "/work/app/sub"))


def test_nothing_is_asked_when_no_mount_goes() -> None:
    plan = plan_workspace_edit("app", _workspace(("/src/app", "/work/app")), WorkspaceEdit())
    answers = Recorder(collapse=None)
    confirm_workspace_collapse(plan, answers)
    confirm_workspace_collapse(plan, NonInteractive())
    assert answers.asked() == []


def test_a_collapse_is_asked_then_refused_or_aborted() -> None:
    plan = _collapsing()
    answers = Recorder()
    confirm_workspace_collapse(plan, answers)
    assert answers.asked() == [ConfirmCollapse(plan.collapsed, ())]
    assert [r.child.src for r in plan.collapsed] == ["/src/app/sub"]
    with pytest.raises(JackinError, match=f"^{re.escape(COLLAPSE_REFUSAL)}$"):
        confirm_workspace_collapse(plan, NonInteractive())
    with pytest.raises(JackinError, match=r"^aborted by operator$"):
        confirm_workspace_collapse(plan, Recorder(collapse=False))
    confirm_workspace_collapse(plan, NonInteractive(yes=True))


def test_edit_prune_asks_about_the_pruned_mounts_too() -> None:
    plan = plan_workspace_edit("app", _redundant(), WorkspaceEdit(prune=True))
    assert plan.collapsed == ()
    answers = Recorder()
    confirm_workspace_collapse(plan, answers)
    assert answers.asked() == [ConfirmCollapse((), plan.pruned)]
    assert [r.child.src for r in plan.pruned] == ["/src/app/sub"]


def test_workspace_prune_is_confirmed() -> None:
    plan = plan_workspace_prune("app", _redundant())
    answers = Recorder()
    confirm_workspace_prune(plan, answers)
    assert answers.asked() == [ConfirmPrune("Proceed?", PRUNE_REFUSAL)]
    with pytest.raises(JackinError, match=f"^{re.escape(PRUNE_REFUSAL)}$"):
        confirm_workspace_prune(plan, NonInteractive())
    with pytest.raises(JackinError, match=r"^aborted by operator$"):
        confirm_workspace_prune(plan, Recorder(prune=False))


def test_sensitive_mounts_are_asked_first_and_a_new_workspace_only_reports_collapses(
    tmp_path: Path,
) -> None:
    (tmp_path / ".ssh").mkdir()
    added = [Mount(str(tmp_path / ".ssh"), "/keys")]
    answers = Recorder()
    confirm_workspace_plan(_collapsing(), added, answers, home=tmp_path)
    assert [type(q) for q in answers.asked()] == [ConfirmSensitiveMounts, ConfirmCollapse]
    with pytest.raises(JackinError, match="E020"):
        confirm_workspace_plan(_collapsing(), added, NonInteractive(), home=tmp_path)
    created = plan_workspace_create(
        "app",
        workdir="/work/app",
        mounts=[Mount("/src/app", "/work/app"), Mount("/src/app/sub", "/work/app/sub")],
    )
    assert created.collapsed
    answers = Recorder()
    confirm_workspace_plan(created, [], answers, home=tmp_path)
    confirm_workspace_plan(created, [], NonInteractive(), home=tmp_path)
    assert answers.asked() == []
