"""The console's outcomes performed after it exits (`jackin_tui._perform`), with the SDK
flows against FakeDocker and a stand-in attach client; and the binary's terminal gate."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest

from jackin_sdk.console import InstanceAction, InstanceVerb, Launch, Prewarm
from jackin_sdk.flows import ConfirmSensitiveMounts, DirtyExit, PlainLaunchView, TrustRole
from jackin_sdk.instances import InstanceStore
from jackin_sdk.launch import (
    LaunchOptions,
    LaunchResult,
    launch,
    resolve_target,
)
from jackin_sdk.lifecycle import CAPSULE
from jackin_sdk.paths import JackinPaths
from jackin_sdk.vocab import Agent
from jackin_tui.__main__ import run as run_binary
from jackin_tui._perform import ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, perform, perform_guarded
from jackin_tui._services import ConsoleServices
from tests.sdk.flows.conftest import Client, Recorder, host_home
from tests.sdk.launch.conftest import World, _isolated_git, world

__all__ = ["_isolated_git", "host_home", "world"]  # the fixtures this module uses


def _services(world: World, home: Path) -> ConsoleServices:
    return ConsoleServices(
        docker_factory=lambda: world.docker, config_loader=world.config, cwd=world.project,
        home=home, paths=world.paths,
    )  # fmt: skip


class Run:
    """One `perform` with a recording answerer and attach client; its lines and notes."""

    def __init__(self, world: World, home: Path, *, code: int = 0) -> None:
        self.services = _services(world, home)
        self.answers = Recorder()
        self.client = Client(self.answers.log, code=code)
        self.lines = io.StringIO()
        self.notes: list[str] = []
        self.shown: list[str] = []

    def __call__(self, outcome: Launch | InstanceAction | Prewarm) -> int:
        return perform(
            outcome, self.services, answerer=self.answers, view=PlainLaunchView(self.lines),
            notify=self.notes.append, tty=False, run=self.client, show=self.shown.append,
        )  # fmt: skip

    def attaches(self) -> list[list[str]]:
        return [entry[1] for entry in self.answers.log if isinstance(entry, tuple)]


class OnTerminal(Run):
    """`perform` on a terminal: one stream stands for the screen (switches and lines), and
    the attach client records what the screen held when it ran and the argv it got."""

    def __init__(self, world: World, home: Path, *, code: int = 0) -> None:
        super().__init__(world, home, code=code)
        self.at_attach: list[str] = []

    def __call__(self, outcome: Launch | InstanceAction | Prewarm) -> int:
        def client(argv: Sequence[str]) -> int:
            self.at_attach.append(self.lines.getvalue())
            return self.client(argv)

        return perform(
            outcome, self.services, answerer=self.answers,
            view=PlainLaunchView(self.lines, live=False), notify=self.notes.append, tty=True,
            run=client, show=self.shown.append, terminal=self.lines,
        )  # fmt: skip


def _running(world: World) -> LaunchResult:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    result = launch(target, LaunchOptions(detach=True), world.context())
    result.release()
    return result


def test_launch_in_the_current_directory_attaches_like_load(world: World, host_home: Path) -> None:
    run = Run(world, host_home)
    assert run(Launch("stand-in")) == 0
    [row] = InstanceStore(world.paths).index()
    c = row.container_base
    assert row.workspace_label == str(world.project)
    assert run.attaches() == [["docker", "exec", "-i", c, CAPSULE]]
    assert run.answers.asked() == [DirtyExit(c)]
    assert "  ✓ capsule" in run.lines.getvalue()
    assert run.notes[0] == f"attaching to {c} (claude) …"


def test_launch_of_a_saved_workspace_is_never_taken_for_a_directory(
    world: World, host_home: Path
) -> None:
    world.paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    world.paths.workspace_file("web").write_text(
        f'version = "v1alpha8"\nworkdir = "/workspace"\n'
        f'[[mounts]]\nsrc = "{world.project}"\ndst = "/workspace"\n'
    )
    (world.project / "web").mkdir()  # a folder of the same name where the console opened
    run = Run(world, host_home, code=130)
    assert run(Launch("stand-in", workspace="web", agent=Agent.CLAUDE)) == 0
    [row] = InstanceStore(world.paths).index()
    assert row.workspace_label == "web"


def test_a_sensitive_workspace_folder_is_asked_about_first(world: World, host_home: Path) -> None:
    run = Run(world, host_home)
    run.services = ConsoleServices(
        docker_factory=lambda: world.docker, config_loader=world.config, cwd=host_home,
        home=host_home, paths=world.paths,
    )  # fmt: skip
    run.answers.sensitive = False
    with pytest.raises(Exception, match="sensitive mount paths were not confirmed"):
        run(Launch("stand-in"))
    [question] = run.answers.asked()
    assert isinstance(question, ConfirmSensitiveMounts)
    assert run.attaches() == []


def test_instance_verbs_reconnect_open_a_session_or_a_shell(world: World, host_home: Path) -> None:
    c = _running(world).container
    run = Run(world, host_home)
    assert run(InstanceAction(c, InstanceVerb.RECONNECT, focus="2")) == 0
    assert run(InstanceAction(c, InstanceVerb.NEW_SESSION)) == 0
    assert run(InstanceAction(c, InstanceVerb.NEW_SESSION, agent=Agent.CODEX)) == 0
    shell = Run(world, host_home, code=130)
    assert shell(InstanceAction(c, InstanceVerb.SHELL)) == 130, "a shell's code is its own"
    capsule = ["docker", "exec", "-i", c, CAPSULE]
    assert run.attaches() == [
        [*capsule, "--focus", "2"],
        [*capsule, "new", "claude"],  # the instance's agent, not the capsule's bare shell
        [*capsule, "new", "codex"],
    ]
    assert shell.attaches() == [[*capsule, "new"]]
    assert shell.answers.asked() == [], "a shell tab does not finish the session"


def test_a_stopped_instance_is_restarted_before_reconnecting(world: World, host_home: Path) -> None:
    c = _running(world).container
    world.docker.exit_container(c, 137)
    run = Run(world, host_home)
    assert run(InstanceAction(c, InstanceVerb.RECONNECT)) == 0
    assert run.notes[0] == f"{c}: restarted"


def _saved(world: World, name: str, extra: str = "") -> None:
    world.paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    world.paths.workspace_file(name).write_text(
        f'version = "v1alpha8"\nworkdir = "/workspace"\n{extra}\n'
        f'[[mounts]]\nsrc = "{world.project}"\ndst = "/workspace"\n'
    )


def test_prewarm_builds_the_workspace_image_as_prewarm_image_does(
    world: World, host_home: Path
) -> None:
    _saved(world, "web", 'default_role = "stand-in"')
    run = Run(world, host_home)
    assert run(Prewarm("web")) == 0
    [image] = [tag for tag in world.docker.images if tag.startswith("jk_stand-in:")]
    assert run.shown == [f"jackin❯\n\nprewarm\n\nimages for web\n  ✓  claude  built  {image}"]
    assert f"    built {image}" in run.lines.getvalue(), "the build shows as it goes"
    assert run.answers.log == [], "a trusted role asks nothing"
    again = Run(world, host_home)
    assert again(Prewarm("web")) == 0
    assert again.shown[0].endswith(f"  ✓  claude  reused  {image}")
    assert InstanceStore(world.paths).index() == [], "a prewarm starts no instance"


def test_prewarm_of_a_workspace_without_a_default_role_is_the_clis_error(
    world: World, host_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _saved(world, "web")
    assert perform_guarded(Prewarm("web"), _services(world, host_home)) == 1
    assert capsys.readouterr() == (
        "",
        "\n  error: workspace `web` has no default role; pass `--role <selector>` or set a "
        "workspace default role\n",
    )
    assert world.docker.builder.builds == []


def test_a_jackin_error_is_its_message_and_exit_1_without_a_traceback(
    world: World, host_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = _services(world, host_home)
    assert perform_guarded(InstanceAction("jk-nope", InstanceVerb.RECONNECT), services) == 1
    err = capsys.readouterr().err
    assert err == (
        "\n  error: container 'jk-nope' not found; use `jackin load` to start a new session\n"
    )
    text = world.paths.config_file.read_text()
    world.paths.config_file.write_text(text.replace("trusted = true", "trusted = false"))
    assert perform_guarded(Launch("stand-in"), services) == 1  # stdin is not a terminal
    err = capsys.readouterr().err
    assert err.startswith(
        "  ✓ identity\n  ✗ role\n\n  error: launch failed at stage `role`: [E006]"
    )
    assert "Traceback" not in err


def test_the_binary_refuses_a_terminal_that_cannot_host_it(
    capsys: pytest.CaptureFixture[str], jackin_paths: JackinPaths
) -> None:
    del jackin_paths
    assert run_binary() == 1  # pytest's stdin is not a terminal
    assert capsys.readouterr().err == (
        "jackin❯ console requires an interactive terminal: stdin and stdout must be a terminal\n"
    )


def test_on_a_terminal_the_capsule_draws_in_the_console_s_alternate_screen(
    world: World, host_home: Path
) -> None:
    """B1: one alternate screen from the launch's progress to the end of the attach; the
    client is told (`JACKIN_HOST_ALT_SCREEN=1`) so it does not switch screens again."""
    run = OnTerminal(world, host_home)
    assert run(Launch("stand-in")) == 0
    [argv] = run.attaches()
    assert argv[3:6] == ["-t", "-e", "JACKIN_HOST_ALT_SCREEN=1"]
    [screen] = run.at_attach
    assert screen.startswith(ENTER_ALT_SCREEN), "the progress is drawn in the alternate screen"
    assert "  ✓ identity\n" in screen
    assert LEAVE_ALT_SCREEN not in screen, "still in it while the capsule draws"
    assert run.lines.getvalue().endswith(LEAVE_ALT_SCREEN), "the operator's screen comes back"


def test_an_instance_action_on_a_terminal_holds_the_screen_too(
    world: World, host_home: Path
) -> None:
    c = _running(world).container
    for verb in (InstanceVerb.RECONNECT, InstanceVerb.SHELL):
        run = OnTerminal(world, host_home)
        assert run(InstanceAction(c, verb)) == 0
        [argv] = run.attaches()
        assert "JACKIN_HOST_ALT_SCREEN=1" in argv, verb
        assert run.at_attach[0].startswith(ENTER_ALT_SCREEN)
        assert run.lines.getvalue().endswith(LEAVE_ALT_SCREEN)


def test_off_a_terminal_nothing_switches_screens(world: World, host_home: Path) -> None:
    run = Run(world, host_home)
    assert run(Launch("stand-in")) == 0
    assert "-e" not in run.attaches()[0]
    assert "\x1b[" not in run.lines.getvalue()


def test_a_launch_that_fails_shows_its_progress_again_on_the_operator_s_screen(
    world: World, host_home: Path
) -> None:
    text = world.paths.config_file.read_text()
    world.paths.config_file.write_text(text.replace("trusted = true", "trusted = false"))
    run = OnTerminal(world, host_home)
    run.answers.trust = False
    with pytest.raises(Exception, match="stage `role`"):
        run(Launch("stand-in"))
    progress = "  ✓ identity\n  ✗ role\n"
    assert run.lines.getvalue() == f"{ENTER_ALT_SCREEN}{progress}{LEAVE_ALT_SCREEN}{progress}"
    assert run.attaches() == []


def test_a_question_asked_during_a_stage_starts_on_a_line_of_its_own(
    world: World, host_home: Path
) -> None:
    """A first launch of an untrusted role asks during `role`: the `… role` line ends
    first, and the stage's outcome follows the answer on its own line."""
    text = world.paths.config_file.read_text()
    world.paths.config_file.write_text(text.replace("trusted = true", "trusted = false"))
    screen = io.StringIO()

    class Prompting(Recorder):
        def trust_role(self, question: TrustRole) -> bool | None:
            screen.write("Trust stand-in? [y/N] y\n")
            return super().trust_role(question)

    run = Run(world, host_home)
    run.answers = Prompting(log=run.answers.log)
    code = perform(
        Launch("stand-in"), run.services, answerer=run.answers,
        view=PlainLaunchView(screen, live=True), notify=run.notes.append, tty=False,
        run=Client(run.answers.log),
    )  # fmt: skip
    assert code == 0
    assert "  … role\nTrust stand-in? [y/N] y\n  ✓ role" in screen.getvalue()
