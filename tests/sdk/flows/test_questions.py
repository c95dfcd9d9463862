"""`NonInteractive`: `--yes` acknowledges, otherwise nobody can be asked; the gate refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.errors import CodedError, ErrorCode, JackinError
from jackin_sdk.flows import (
    ConfirmPrune,
    ConfirmSensitiveMounts,
    DirtyExit,
    NonInteractive,
    TrustRole,
    confirm_sensitive_mounts,
)
from jackin_sdk.mounts import Mount
from jackin_sdk.roles import TrustPrompt
from tests.sdk.flows.conftest import Recorder


def test_non_interactive_answers() -> None:
    questions = (
        ConfirmSensitiveMounts(()),
        TrustRole(TrustPrompt("r", "https://example.invalid/r.git")),
        ConfirmPrune("prune?", "needs --yes"),
    )
    for yes, expected in ((True, True), (False, None)):
        answerer = NonInteractive(yes=yes)
        assert answerer.confirm_sensitive_mounts(questions[0]) is expected
        assert answerer.trust_role(questions[1]) is expected
        assert answerer.confirm_prune(questions[2]) is expected
        assert answerer.dirty_exit(DirtyExit("jk-x")) is None, "nobody chose: keep the work"


def test_the_sensitive_gate_asks_only_about_sensitive_sources(host_home: Path) -> None:
    (host_home / ".ssh").mkdir()
    project = host_home / "src" / "project"
    project.mkdir(parents=True)
    answers = Recorder()
    confirm_sensitive_mounts([Mount(str(project), "/w")], answers, home=host_home)
    assert answers.asked() == []
    mounts = [Mount(str(project), "/w"), Mount(str(host_home / ".ssh"), "/k")]
    confirm_sensitive_mounts(mounts, answers, home=host_home)
    [question] = answers.asked()
    assert isinstance(question, ConfirmSensitiveMounts)
    assert [h.mount.dst for h in question.hits] == ["/k"]
    assert question.text == "Continue with these mounts?"
    with pytest.raises(CodedError) as refused:
        confirm_sensitive_mounts(mounts, NonInteractive(), home=host_home)
    assert refused.value.code is ErrorCode.E020
    with pytest.raises(JackinError, match="aborted — sensitive mount paths were not confirmed"):
        confirm_sensitive_mounts(mounts, Recorder(sensitive=False), home=host_home)
