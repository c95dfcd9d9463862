"""The launch's plain progress lines (`jackin_sdk.flows.PlainLaunchView`): the CLI's and
the console's after it exits are this one renderer."""

from __future__ import annotations

import io

from jackin_sdk.flows import PlainLaunchView, TerminalAnswerer, TrustRole
from jackin_sdk.images import ImageEvent, ImageEventKind
from jackin_sdk.launch import LaunchError, Stage, StageEvent, StageStatus
from jackin_sdk.roles import TrustPrompt


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_every_stage_is_shown_under_the_launch_cockpits_name() -> None:
    """B5.4 / runtime §2.1: the stage that starts the role container is `capsule`, in the
    lines and in the error alike."""
    assert [stage.value for stage in Stage] == [
        "identity", "role", "credentials", "construct", "derived image", "workspace",
        "network", "sidecar", "capsule", "hardline",
    ]  # fmt: skip
    out = io.StringIO()
    PlainLaunchView(out, live=False).stage(StageEvent(Stage.CAPSULE, StageStatus.FAILED))
    assert out.getvalue() == "  ✗ capsule\n"
    error = LaunchError(Stage.CAPSULE, "refused", container=None)
    assert str(error) == "launch failed at stage `capsule`: refused"


def test_off_a_terminal_only_outcomes_are_written() -> None:
    out = io.StringIO()
    lines = PlainLaunchView(out, live=False)
    lines.stage(StageEvent(Stage.IDENTITY, StageStatus.STARTED))
    lines.stage(StageEvent(Stage.IDENTITY, StageStatus.DONE))
    lines.stage(StageEvent(Stage.SIDECAR, StageStatus.SKIPPED, "DinD is off"))
    lines.stage(StageEvent(Stage.CAPSULE, StageStatus.INFO, "two\nlines"))
    lines.close()
    assert out.getvalue() == ("  ✓ identity\n  - sidecar  DinD is off\n    two\n      lines\n")


def test_on_a_terminal_a_started_stage_shows_at_once_and_its_line_is_rewritten() -> None:
    out = io.StringIO()
    lines = PlainLaunchView(out, live=True)
    lines.stage(StageEvent(Stage.IMAGE, StageStatus.STARTED))
    assert out.getvalue() == "  … derived image", "a long build is never a silent wait"
    lines.stage(StageEvent(Stage.IMAGE, StageStatus.DONE, "jk_stand-in:1"))
    lines.stage(StageEvent(Stage.CAPSULE, StageStatus.STARTED))
    lines.stage(StageEvent(Stage.CAPSULE, StageStatus.INFO, "a note"))
    lines.stage(StageEvent(Stage.CAPSULE, StageStatus.FAILED))
    lines.close()
    assert out.getvalue() == (
        "  … derived image\r\x1b[2K  ✓ derived image  jk_stand-in:1\n"
        "  … capsule\n    a note\n  ✗ capsule\n"
    )
    assert lines.transcript == [
        "  ✓ derived image  jk_stand-in:1", "    a note", "  ✗ capsule",
    ]  # fmt: skip
    again = io.StringIO()
    lines.replay(again)
    assert again.getvalue() == "".join(line + "\n" for line in lines.transcript)


def _step(step: int, message: str) -> ImageEvent:
    return ImageEvent(ImageEventKind.STEP, "jk_stand-in:1", message, step=step, total=2)


def test_on_a_terminal_the_build_step_shows_on_the_stage_line_until_it_ends() -> None:
    """A Dockerfile of many steps does not scroll the progress away: the current step
    rewrites the `… derived image` line; the stage's outcome replaces it."""
    out = io.StringIO()
    lines = PlainLaunchView(out, live=True)
    lines.stage(StageEvent(Stage.IMAGE, StageStatus.STARTED))
    lines.image(_step(1, "FROM construct"))
    lines.image(_step(2, "RUN echo '\x1b[2Khi'"))
    lines.stage(StageEvent(Stage.IMAGE, StageStatus.DONE, "jk_stand-in:1"))
    assert out.getvalue() == (
        "  … derived image"
        "\r\x1b[2K  … derived image  step 1/2: FROM construct"
        "\r\x1b[2K  … derived image  step 2/2: RUN echo '\\x1b[2Khi'"
        "\r\x1b[2K  ✓ derived image  jk_stand-in:1\n"
    )
    assert lines.transcript == ["  ✓ derived image  jk_stand-in:1"]


def test_a_line_after_a_step_keeps_the_stage_line_without_the_step() -> None:
    out = io.StringIO()
    lines = PlainLaunchView(out, live=True)
    lines.stage(StageEvent(Stage.IMAGE, StageStatus.STARTED))
    lines.image(_step(1, "FROM construct"))
    lines.image(ImageEvent(ImageEventKind.BUILT, "jk_stand-in:1", "built jk_stand-in:1"))
    lines.stage(StageEvent(Stage.IMAGE, StageStatus.DONE))
    assert out.getvalue().endswith(
        "\r\x1b[2K  … derived image\n    built jk_stand-in:1\n  ✓ derived image\n"
    )


def test_a_step_outside_a_stage_is_one_line_the_next_erases() -> None:
    """`jackin prewarm` builds without stages: its steps share one erased line."""
    out = io.StringIO()
    lines = PlainLaunchView(out, live=True)
    lines.image(_step(1, "FROM construct"))
    lines.image(_step(2, "RUN true"))
    lines.close()
    assert out.getvalue() == (
        "    step 1/2: FROM construct\r\x1b[2K    step 2/2: RUN true\r\x1b[2K"
    )
    plain = io.StringIO()
    off = PlainLaunchView(plain, live=False)
    off.image(_step(1, "FROM construct"))
    assert plain.getvalue() == "    step 1/2: FROM construct\n"


def test_a_question_during_a_stage_is_asked_on_a_line_of_its_own() -> None:
    """The CLI's trust prompt during `role` used to follow `  … role` on its line."""
    screen = _Terminal()
    lines = PlainLaunchView(screen, live=True)
    answerer = lines.answering(
        TerminalAnswerer(stdin=_Terminal("y\n"), stdout=screen, stderr=screen)
    )
    lines.stage(StageEvent(Stage.ROLE, StageStatus.STARTED))
    prompt = TrustPrompt(role="stand-in", git_url="https://example.test/r.git")
    assert answerer.trust_role(TrustRole(prompt)) is True
    lines.stage(StageEvent(Stage.ROLE, StageStatus.DONE))
    # The operator's `y⏎` is the terminal's echo, not written by jackin.
    assert screen.getvalue() == f"  … role\n{prompt.text} [y/N]:   ✓ role\n"
