"""`reconnect` (hardline): resolve, revive (restart or rebuild), attach, finish."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.errors import JackinError
from jackin_sdk.flows import DirtyExit, NonInteractive, TrustRole, reconnect
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.launch import LaunchOptions, LaunchResult, StageEvent, launch, resolve_target
from jackin_sdk.lifecycle import CAPSULE
from tests.sdk.flows.conftest import Client, Recorder
from tests.sdk.launch.conftest import World


class View:
    def __init__(self) -> None:
        self.stages: list[str] = []
        self.closed = 0

    def stage(self, event: StageEvent) -> None:
        self.stages.append(f"{event.stage.value}:{event.status.value}")

    def image(self, event: object) -> None:
        del event

    def close(self) -> None:
        self.closed += 1


def _running(world: World) -> LaunchResult:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    result = launch(target, LaunchOptions(detach=True), world.context())
    result.release()
    return result


def _reconnect(
    world: World,
    selector: str | None,
    answers: Recorder,
    *,
    view: View | None = None,
    notes: list[str] | None = None,
    code: int = 0,
    login_shell: bool = False,
    cwd: Path | None = None,
) -> int:
    return reconnect(
        world.docker, world.config(), selector, cwd=cwd or world.project, answerer=answers,
        notify=(notes if notes is not None else []).append, view=view or View(), tty=True,
        shell=login_shell, run=Client(answers.log, code=code),
    )  # fmt: skip


def test_a_live_instance_is_attached_and_its_end_classified(world: World) -> None:
    c = _running(world).container
    answers = Recorder()
    notes: list[str] = []
    assert _reconnect(world, None, answers, notes=notes) == 0  # found by the directory
    assert answers.log == [("attach", ["docker", "exec", "-i", "-t", c, CAPSULE]), DirtyExit(c)]
    assert notes == [f"{c} keeps running; reattach with `jackin hardline {c}`"]
    assert _reconnect(world, c, Recorder(), code=130) == 0
    assert _reconnect(world, c, Recorder(), code=2) == 2


def test_a_stopped_instance_is_restarted_first(world: World) -> None:
    c = _running(world).container
    world.docker.exit_container(c, 137)
    notes: list[str] = []
    assert _reconnect(world, c, Recorder(), notes=notes) == 0
    assert notes[0] == f"{c}: restarted"
    assert world.docker.inspect_container_state(c).label == "running"


def test_a_missing_container_is_rebuilt_around_its_state_asking_trust(world: World) -> None:
    c = _running(world).container
    world.docker.remove_container(c)
    text = world.paths.config_file.read_text()
    world.paths.config_file.write_text(text.replace("trusted = true", "trusted = false"))
    answers = Recorder()
    view = View()
    notes: list[str] = []
    assert _reconnect(world, c, answers, view=view, notes=notes) == 0
    assert notes[0] == f"{c}: restored"
    assert "capsule:done" in view.stages
    assert view.closed == 1
    trust, attach, dirty = answers.log
    assert isinstance(trust, TrustRole)
    assert attach == ("attach", ["docker", "exec", "-i", "-t", c, CAPSULE])
    assert dirty == DirtyExit(c)


def test_a_shell_is_a_login_shell_tab_and_its_code_is_kept(world: World) -> None:
    c = _running(world).container
    answers = Recorder()
    assert _reconnect(world, c, answers, login_shell=True, code=130) == 130
    assert answers.log == [("attach", ["docker", "exec", "-i", "-t", c, CAPSULE, "new"])]


def test_nothing_to_reconnect_to_names_what_to_do(world: World, tmp_path: Path) -> None:
    with pytest.raises(JackinError, match="no instance belongs to the current directory"):
        _reconnect(world, None, Recorder(), cwd=tmp_path)
    c = _running(world).container
    world.docker.remove_container(c)
    InstanceStore(world.paths).set_status(c, InstanceStatus.CLEAN_EXITED)
    with pytest.raises(JackinError, match="not found; use `jackin load`"):
        reconnect(
            world.docker, world.config(), c, cwd=world.project, answerer=NonInteractive(),
            notify=print, view=View(), tty=False, run=Client([]),
        )  # fmt: skip


def test_a_new_session_without_an_agent_opens_the_instances_agent(world: World) -> None:
    """The capsule's bare `new` opens a shell; `hardline --new` means another agent."""
    c = _running(world).container
    answers = Recorder()
    reconnect(
        world.docker, world.config(), c, cwd=world.project, answerer=answers, notify=print,
        view=View(), tty=False, new=True, run=Client(answers.log),
    )  # fmt: skip
    assert answers.log[0] == ("attach", ["docker", "exec", "-i", c, CAPSULE, "new", "claude"])
