"""`prune system` and `prune instances --all`: the question first, then the steps."""

from __future__ import annotations

import pytest

from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.flows import ConfirmPrune, NonInteractive, prune_all_instances, prune_system
from jackin_sdk.launch import LaunchOptions, launch, resolve_target
from jackin_sdk.testing import FakeDocker
from tests.sdk.flows.conftest import Recorder
from tests.sdk.launch.conftest import World


class Engine:
    """`connect`, counting the calls: nothing may touch the engine before the yes."""

    def __init__(self, docker: FakeDocker) -> None:
        self.docker = docker
        self.calls = 0

    def __call__(self) -> FakeDocker:
        self.calls += 1
        return self.docker


def test_prune_system_asks_first_then_runs_the_four_steps(world: World) -> None:
    engine = Engine(world.docker)
    with pytest.raises(JackinError, match=r"^prune system needs --yes without a terminal$"):
        prune_system(engine, world.paths, all_=False, answerer=NonInteractive())
    answers = Recorder(prune=False)
    assert prune_system(engine, world.paths, all_=False, answerer=answers) is None
    assert answers.asked() == [
        ConfirmPrune(
            "Remove all prunable data? (instances, images, role cache, shared cache)",
            "prune system needs --yes without a terminal",
        )
    ]
    assert engine.calls == 0
    reports = prune_system(engine, world.paths, all_=False, answerer=NonInteractive(yes=True))
    assert reports is not None
    assert [r.title for r in reports][2:] == ["Role Cache", "Shared Cache"]
    assert len(reports) == 4
    assert engine.calls == 1


def test_prune_instances_asks_only_with_all(world: World) -> None:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    live = launch(target, LaunchOptions(detach=True), world.context())
    engine = Engine(world.docker)
    answers = Recorder()
    report = prune_all_instances(engine, world.paths, all_=False, foreign=False, answerer=answers)
    assert report is not None
    assert answers.asked() == []
    assert world.docker.inspect_container_state(live.container).label == "running"
    with pytest.raises(UsageError, match="--foreign applies only with --all"):
        prune_all_instances(engine, world.paths, all_=False, foreign=True, answerer=answers)
    with pytest.raises(JackinError, match="prune instances --all needs --yes"):
        prune_all_instances(engine, world.paths, all_=True, foreign=False,
                            answerer=NonInteractive())  # fmt: skip
    no = Recorder(prune=False)
    assert prune_all_instances(engine, world.paths, all_=True, foreign=True, answerer=no) is None
    [question] = no.asked()
    assert isinstance(question, ConfirmPrune)
    assert "remove every other jackin home's containers" in question.text
    assert engine.calls == 1
    report = prune_all_instances(engine, world.paths, all_=True, foreign=False, answerer=answers)
    assert report is not None
    assert world.docker.inspect_container_state(live.container).label == "missing"
