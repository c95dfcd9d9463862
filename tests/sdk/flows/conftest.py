"""The launch tests' world (a trusted stand-in role, FakeDocker), a recording answerer and
a stand-in for the attach client, for the flows every front end shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from jackin_sdk.flows import (
    ConfirmCollapse,
    ConfirmPrune,
    ConfirmSensitiveMounts,
    DirtyExit,
    ExitChoice,
    TrustRole,
)
from jackin_sdk.paths import JackinPaths
from tests.sdk.launch.conftest import _isolated_git, world  # noqa: F401 - fixtures

__all__ = ["Client", "Recorder"]

Question = ConfirmSensitiveMounts | TrustRole | DirtyExit | ConfirmPrune | ConfirmCollapse


@dataclass
class Recorder:
    """Answers every question with a fixed answer and records it, in order, in `log`
    (shared with the `Client`, so the order of questions and attaches shows)."""

    sensitive: bool | None = True
    trust: bool | None = True
    dirty: ExitChoice | None = "ask"
    prune: bool | None = True
    collapse: bool | None = True
    log: list[object] = field(default_factory=list)

    def asked(self) -> list[Question]:
        return [q for q in self.log if isinstance(q, Question)]

    def confirm_sensitive_mounts(self, question: ConfirmSensitiveMounts) -> bool | None:
        self.log.append(question)
        return self.sensitive

    def trust_role(self, question: TrustRole) -> bool | None:
        self.log.append(question)
        return self.trust

    def dirty_exit(self, question: DirtyExit) -> ExitChoice | None:
        self.log.append(question)
        return self.dirty

    def confirm_prune(self, question: ConfirmPrune) -> bool | None:
        self.log.append(question)
        return self.prune

    def confirm_collapse(self, question: ConfirmCollapse) -> bool | None:
        self.log.append(question)
        return self.collapse


@dataclass
class Client:
    """The attach client's stand-in: records its argv in `log` and returns `code`; `then`
    runs as the session (e.g. the capsule stopping the container)."""

    log: list[object]
    code: int = 0
    then: list[object] = field(default_factory=list)

    def __call__(self, argv: Sequence[str]) -> int:
        self.log.append(("attach", list(argv)))
        for action in self.then:
            assert callable(action)
            action()
        return self.code


@pytest.fixture(autouse=True)
def host_home(tmp_path: Path, jackin_paths: JackinPaths, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The flows read the host's home and environment themselves: a private one."""
    del jackin_paths
    home = tmp_path / "host-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Op")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "op@example.invalid")
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    return home
