"""After the console exits with an `Outcome`: perform it with the SDK's flows, on the
terminal the console gave back (upstream-capsule-tui.md B1).

The screens are gone by now, so questions are the CLI's y/N prompts on stderr
(`jackin_sdk.flows.TerminalAnswerer`), an error is the CLI's block
(`jackin_sdk.text.render_error`), and a launch shows the CLI's progress lines
(`jackin_sdk.flows.PlainLaunchView`, B5.4's stage names); a launch or an instance
action keeps the alternate screen from its progress to the end of the attach (the
capsule draws in it: one alternate screen, B1); the process then ends with the
session's exit code. This is rendering only: every decision is the flows'
(`jackin_sdk.flows`), the same the CLI's `load`, `hardline` and `prewarm` call.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from jackin_sdk.flows import PlainLaunchView
from jackin_sdk.text import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jackin_sdk.console import InstanceAction, Launch, Outcome, Prewarm
    from jackin_sdk.flows import Answerer, AttachRunner, LaunchView, Notify
    from jackin_tui._services import ConsoleServices

__all__ = ["ENTER_ALT_SCREEN", "LEAVE_ALT_SCREEN", "HostScreen", "perform", "perform_guarded"]

ENTER_ALT_SCREEN = "\x1b[?1049h\x1b[H\x1b[2J"
LEAVE_ALT_SCREEN = "\x1b[?1049l"


class HostScreen:
    """The alternate screen the console hands on (B1: one alternate screen across
    console → launch → capsule attach): held from the launch's progress until the
    attach client returns, which draws in it (`JACKIN_HOST_ALT_SCREEN=1`) instead of
    switching screens again. After a failure before the attach, the progress written
    so far is shown again on the operator's own screen, above the error.
    """

    def __init__(self, terminal: TextIO) -> None:
        self.terminal = terminal
        self.held = False

    def enter(self) -> None:
        self.terminal.write(ENTER_ALT_SCREEN)
        self.terminal.flush()
        self.held = True

    def leave(self) -> None:
        if self.held:
            self.held = False
            self.terminal.write(LEAVE_ALT_SCREEN)
            self.terminal.flush()

    def around(self, run: AttachRunner) -> AttachRunner:
        """`run`, leaving the screen as soon as the client returns (its outro is ours)."""

        def attached(argv: Sequence[str]) -> int:
            try:
                return run(argv)
            finally:
                self.leave()

        return attached


@dataclass(frozen=True, slots=True)
class _Front:
    """How a launch or an instance action meets the operator: the same for both."""

    answerer: Answerer
    view: LaunchView
    notify: Notify
    tty: bool
    run: AttachRunner
    host_alt_screen: bool


def _stderr_line(message: str) -> None:
    sys.stderr.write(printable(message, multiline=True) + "\n")
    sys.stderr.flush()


def _tty() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _focus(focus: str | None) -> int | None:
    """The capsule session id the console picked, as the attach client takes it."""
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

    if focus is None:
        return None
    if not focus.isdigit():
        raise JackinError(f"not a capsule session id: {focus!r}")
    return int(focus)


def perform(
    outcome: Outcome,
    services: ConsoleServices,
    *,
    answerer: Answerer | None = None,
    view: LaunchView | None = None,
    notify: Notify | None = None,
    tty: bool | None = None,
    run: AttachRunner | None = None,
    show: Callable[[str], None] | None = None,
    terminal: TextIO | None = None,
) -> int:
    """Perform `outcome` as `jackin load` / `jackin hardline` / `jackin prewarm --image
    --workspace` would; the exit code.

    The defaults are this terminal's (stderr prompts and lines, `docker exec` on it, a
    report on stdout through `show`); tests pass their own answerer, view, attach client
    and `show`. On a terminal (`tty`) a launch or an instance action runs in the
    alternate screen (`HostScreen`, switched on `terminal`, stdout by default) and the
    attach client draws in it.
    """
    from jackin_sdk.console import InstanceAction, Launch  # noqa: PLC0415
    from jackin_sdk.flows import TerminalAnswerer  # noqa: PLC0415
    from jackin_sdk.lifecycle import run_attached  # noqa: PLC0415

    answerer = answerer or TerminalAnswerer()
    view = view or PlainLaunchView()
    if isinstance(view, PlainLaunchView):
        answerer = view.answering(answerer)
    notify = notify or _stderr_line
    tty = _tty() if tty is None else tty
    runner: AttachRunner = run or run_attached
    if not isinstance(outcome, Launch | InstanceAction):
        return _prewarm(outcome, services, answerer, view, show or _stdout_lines)
    screen = HostScreen(terminal or sys.stdout) if tty else None
    if screen is not None:
        screen.enter()
        runner = screen.around(runner)
    front = _Front(answerer, view, notify, tty, runner, host_alt_screen=screen is not None)
    try:
        if isinstance(outcome, Launch):
            return _launch(outcome, services, front)
        return _instance(outcome, services, front)
    except BaseException:
        if screen is not None and screen.held and isinstance(view, PlainLaunchView):
            screen.leave()
            view.replay()
        raise
    finally:
        if screen is not None:
            screen.leave()


def _stdout_lines(text: str) -> None:
    sys.stdout.write(printable(text, multiline=True) + "\n")
    sys.stdout.flush()


def _prewarm(
    outcome: Prewarm,
    services: ConsoleServices,
    answerer: Answerer,
    view: LaunchView,
    show: Callable[[str], None],
) -> int:
    """`jackin prewarm --image --workspace <name>` for the workspace the console picked."""
    from jackin_sdk.flows import prewarm_images  # noqa: PLC0415

    try:
        report = prewarm_images(
            services.config(), connect=services.docker, answerer=answerer,
            workspace=outcome.workspace, progress=view.image,
        )  # fmt: skip
    finally:
        view.close()
    show("\n".join(report.human_lines()))
    return 0


def _launch(outcome: Launch, services: ConsoleServices, front: _Front) -> int:
    from jackin_sdk.flows import launch_and_attach  # noqa: PLC0415
    from jackin_sdk.launch import LaunchOptions, resolve_target  # noqa: PLC0415

    config = services.config()
    target = resolve_target(
        config, selector=outcome.role, saved_workspace=outcome.workspace, cwd=services.cwd,
        home=services.home,
    )  # fmt: skip
    options = LaunchOptions(agent=outcome.agent, provider=outcome.provider)
    end = launch_and_attach(
        target, options, config=config, connect=services.docker, answerer=front.answerer,
        view=front.view, notify=front.notify, tty=front.tty, home=services.home, run=front.run,
        host_alt_screen=front.host_alt_screen,
    )  # fmt: skip
    return end.exit_code


def _instance(outcome: InstanceAction, services: ConsoleServices, front: _Front) -> int:
    from jackin_sdk.console import InstanceVerb  # noqa: PLC0415
    from jackin_sdk.flows import reconnect  # noqa: PLC0415

    verb = outcome.verb
    new = verb is InstanceVerb.NEW_SESSION
    return reconnect(
        services.docker(), services.config(), outcome.container, cwd=services.cwd,
        answerer=front.answerer, notify=front.notify, view=front.view, tty=front.tty, new=new,
        agent=outcome.agent.value if new and outcome.agent is not None else None,
        provider=outcome.provider if new else None, shell=verb is InstanceVerb.SHELL,
        focus=_focus(outcome.focus) if verb is InstanceVerb.RECONNECT else None,
        run=front.run, host_alt_screen=front.host_alt_screen,
    )  # fmt: skip


def perform_guarded(outcome: Outcome, services: ConsoleServices) -> int:
    """`perform` on this terminal; a jackin error is its message on stderr, as the CLI
    renders it (`jackin_sdk.text.render_error`), and its exit code."""
    from jackin_sdk.errors import JackinError  # noqa: PLC0415
    from jackin_sdk.text import render_error  # noqa: PLC0415

    try:
        return perform(outcome, services)
    except JackinError as exc:
        if exc.exit_code == 0:
            return 0
        sys.stderr.write(render_error(exc) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file or folder jackin could not use, as the CLI says it
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(render_error(JackinError(f"{where}{exc.strerror or exc}")) + "\n")
        return 1
