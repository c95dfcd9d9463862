"""`launch_and_attach` and `attach_session`: the questions come when `jackin load` asked
them, answered yes, no, or not at all (nobody to ask)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.errors import CodedError, ErrorCode, JackinError
from jackin_sdk.flows import (
    ConfirmSensitiveMounts,
    DirtyExit,
    LaunchEnd,
    NonInteractive,
    TrustRole,
    attach_session,
    launch_and_attach,
)
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.launch import LaunchError, LaunchOptions, StageEvent, resolve_target
from jackin_sdk.lifecycle import CAPSULE
from jackin_sdk.testing import FakeDocker
from tests.sdk.flows.conftest import Client, Recorder
from tests.sdk.launch.conftest import World


class View:
    """Collects the launch's stage events; counts `close`."""

    def __init__(self) -> None:
        self.stages: list[StageEvent] = []
        self.closed = 0

    def stage(self, event: StageEvent) -> None:
        self.stages.append(event)

    def image(self, event: object) -> None:
        del event

    def close(self) -> None:
        self.closed += 1


def _launch(
    world: World,
    answerer: Recorder | NonInteractive,
    client: Client,
    *,
    detach: bool = False,
    notes: list[str] | None = None,
    tty: bool = True,
) -> LaunchEnd:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    return launch_and_attach(
        target, LaunchOptions(detach=detach), config=world.config(),
        connect=lambda: world.docker, answerer=answerer, view=View(),
        notify=(notes if notes is not None else []).append, tty=tty, run=client,
    )  # fmt: skip


def _e006(raised: pytest.ExceptionInfo[LaunchError]) -> CodedError:
    """The launch's role stage failed with the trust gate's E006."""
    cause = raised.value.cause
    assert isinstance(cause, CodedError)
    assert cause.code is ErrorCode.E006
    return cause


def _untrusted(world: World) -> None:
    text = world.paths.config_file.read_text()
    world.paths.config_file.write_text(text.replace("trusted = true", "trusted = false"))


def test_a_trusted_launch_attaches_then_asks_about_dirty_work_once(world: World) -> None:
    answers = Recorder()
    client = Client(answers.log)
    notes: list[str] = []
    end = _launch(world, answers, client, notes=notes)
    c = end.container
    assert end == LaunchEnd(c, 0)
    # No sensitive mount, a trusted role: the only question is the session's end, after
    # the client returned.
    assert answers.log == [("attach", ["docker", "exec", "-i", "-t", c, CAPSULE]), DirtyExit(c)]
    assert notes[0] == f"attaching to {c} (claude) …"
    assert notes[1] == f"{c} keeps running; reattach with `jackin hardline {c}`"


def test_the_session_end_decides_the_exit_code_and_the_status(world: World) -> None:
    answers = Recorder()
    client = Client(answers.log, code=130)
    client.then.append(lambda: world.docker.exit_container(_only(world), 0))
    end = _launch(world, answers, client, tty=False)
    assert end.exit_code == 0, "Ctrl-C in the client is a normal end"
    assert answers.log[0] == ("attach", ["docker", "exec", "-i", end.container, CAPSULE])
    manifest = InstanceStore(world.paths).read_manifest(end.container)
    assert manifest is not None
    assert manifest.status is InstanceStatus.CLEAN_EXITED

    failing = Client(answers.log, code=3)
    assert _launch(world, answers, failing).exit_code == 3


def _only(world: World) -> str:
    [row] = [r for r in InstanceStore(world.paths).index() if r.status is InstanceStatus.ACTIVE]
    return row.container_base


def test_detach_never_attaches_nor_asks(world: World) -> None:
    answers = Recorder()
    end = _launch(world, answers, Client(answers.log), detach=True)
    assert end.detached
    assert end.exit_code == 0
    assert answers.log == []


@pytest.mark.parametrize(("answer", "persisted"), [(True, True), (False, False), (None, False)])
def test_an_untrusted_role_is_put_to_the_answerer(
    world: World, answer: bool | None, persisted: bool
) -> None:
    _untrusted(world)
    answers = Recorder(trust=answer)
    client = Client(answers.log)
    if answer:
        _launch(world, answers, client)
    else:
        with pytest.raises(LaunchError) as raised:
            _launch(world, answers, client)
        wanted = "not trusted — aborting" if answer is False else "No terminal to ask on"
        assert wanted in str(_e006(raised).detail)
        assert not [e for e in answers.log if isinstance(e, tuple)], "never attached"
    [question] = [q for q in answers.asked() if isinstance(q, TrustRole)]
    assert question.prompt.role == "stand-in"
    assert "Trust this role source?" in question.prompt.text
    assert ("trusted = true" in world.paths.config_file.read_text()) is persisted


def test_non_interactive_refuses_an_untrusted_role_with_e006_and_yes_trusts_it(
    world: World,
) -> None:
    _untrusted(world)
    with pytest.raises(LaunchError) as raised:
        _launch(world, NonInteractive(), Client([]), detach=True)
    assert "No terminal to ask on" in str(_e006(raised).detail)
    assert _launch(world, NonInteractive(yes=True), Client([]), detach=True).detached


def test_sensitive_mounts_are_confirmed_before_the_engine_is_asked(
    world: World, host_home: Path
) -> None:
    connected: list[str] = []

    def connect() -> FakeDocker:
        connected.append("engine")
        return world.docker

    target = resolve_target(
        world.config(), selector="stand-in", cwd=world.project, mounts=[f"{host_home}:/h"],
        home=host_home,
    )  # fmt: skip

    def launch(answers: Recorder) -> LaunchEnd:
        return launch_and_attach(
            target, LaunchOptions(detach=True), config=world.config(), connect=connect,
            answerer=answers, view=View(), notify=print, tty=False, home=host_home,
            run=Client([]),
        )  # fmt: skip

    for answer, error in ((None, "E020"), (False, "sensitive mount paths were not confirmed")):
        answers = Recorder(sensitive=answer)
        with pytest.raises(JackinError, match=error):
            launch(answers)
        [question] = answers.asked()
        assert isinstance(question, ConfirmSensitiveMounts)
        assert [h.mount.src for h in question.hits] == [str(host_home)]
    assert connected == [], "refused before the engine was asked anything"
    answers = Recorder(sensitive=True)
    assert launch(answers).detached
    assert connected == ["engine"]
    assert [type(q) for q in answers.asked()] == [ConfirmSensitiveMounts]


def test_a_configured_dirty_exit_policy_is_applied_without_asking(world: World) -> None:
    text = world.paths.config_file.read_text()
    world.paths.config_file.write_text('dirty_exit_policy = "keep"\n' + text)
    answers = Recorder()
    end = _launch(world, answers, Client(answers.log))
    assert not [q for q in answers.asked() if isinstance(q, DirtyExit)]
    assert end.exit_code == 0


def test_attach_session_opens_a_new_tab_or_focuses_a_session(world: World) -> None:
    c = _launch(world, NonInteractive(), Client([]), detach=True).container
    answers = Recorder(dirty=None)
    client = Client(answers.log)
    config = world.config()
    new = attach_session(
        world.docker, config, c, answerer=answers, notify=print, tty=False, run=client,
        new=True, agent="codex",
    )  # fmt: skip
    focused = attach_session(
        world.docker, config, c, answerer=answers, notify=print, tty=False, run=client, focus=2
    )
    assert (new, focused) == (0, 0)
    attaches = [e[1] for e in answers.log if isinstance(e, tuple)]
    assert attaches == [
        ["docker", "exec", "-i", c, CAPSULE, "new", "codex"],
        ["docker", "exec", "-i", c, CAPSULE, "--focus", "2"],
    ]
    assert answers.asked() == [DirtyExit(c), DirtyExit(c)]
