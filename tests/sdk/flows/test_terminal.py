"""`jackin_sdk.flows.TerminalAnswerer`: the y/N prompts the CLI and the console (once it
has handed the terminal back) put on stderr, `--yes`, and None without a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from jackin_sdk.flows import (
    ConfirmCollapse,
    ConfirmPrune,
    ConfirmSensitiveMounts,
    DirtyExit,
    TerminalAnswerer,
    TrustRole,
)
from jackin_sdk.mounts import Mount, Redundancy, find_sensitive
from jackin_sdk.roles import TrustPrompt


class Tty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _answerer(
    stdin: io.StringIO, *, yes: bool = False, stdout: io.StringIO | None = None
) -> tuple[TerminalAnswerer, io.StringIO]:
    shown = io.StringIO()
    return TerminalAnswerer(yes=yes, stdin=stdin, stdout=stdout or Tty(), stderr=shown), shown


def _sensitive(home: Path) -> ConfirmSensitiveMounts:
    (home / ".ssh").mkdir()
    return ConfirmSensitiveMounts(
        tuple(find_sensitive([Mount(str(home / ".ssh"), "/k")], home=home))
    )


def test_a_question_is_asked_on_a_terminal_and_answered_y_or_no(tmp_path: Path) -> None:
    question = _sensitive(tmp_path)
    answerer, shown = _answerer(Tty("y\n"))
    assert answerer.confirm_sensitive_mounts(question) is True
    assert shown.getvalue() == (
        "Sensitive host paths in these mounts:\n"
        f"  {tmp_path / '.ssh'} — {question.hits[0].reason}\n"
        "Continue with these mounts? [y/N]: "
    )
    for typed, answer in [
        ("yes\n", True),
        ("Y\n", True),
        ("\n", False),
        ("no\n", False),
        ("", False),
    ]:
        assert _answerer(Tty(typed))[0].confirm_prune(ConfirmPrune("Prune?", "r")) is answer


def test_nobody_is_asked_without_a_terminal_and_yes_acknowledges(tmp_path: Path) -> None:
    question = _sensitive(tmp_path)
    answerer, shown = _answerer(io.StringIO("y\n"))
    assert answerer.confirm_sensitive_mounts(question) is None
    assert answerer.confirm_prune(ConfirmPrune("Prune?", "r")) is None
    assert shown.getvalue() == "", "nothing is shown when nobody can answer"
    yes, listed = _answerer(io.StringIO(), yes=True)
    assert yes.confirm_sensitive_mounts(question) is True
    assert listed.getvalue().startswith("Sensitive host paths in these mounts:\n")
    assert "[y/N]" not in listed.getvalue(), "--yes lists the paths and goes on"
    assert yes.confirm_prune(ConfirmPrune("Prune?", "r")) is True


def test_the_question_is_escaped_and_the_trust_question_asked_whole() -> None:
    answerer, shown = _answerer(Tty("n\n"))
    assert answerer.confirm_prune(ConfirmPrune("Prune \x1b]0;pwned\x07 all?", "r")) is False
    assert shown.getvalue() == "Prune \\x1b]0;pwned\\x07 all? [y/N]: "
    prompt = TrustPrompt("stand-in", "https://example.invalid/role.git")
    answerer, shown = _answerer(Tty("y\n"))
    assert answerer.trust_role(TrustRole(prompt)) is True
    assert shown.getvalue() == f"{prompt.text} [y/N]: "


def test_dirty_work_was_asked_about_by_the_capsule_only_on_a_terminal_at_both_ends() -> None:
    assert _answerer(Tty())[0].dirty_exit(DirtyExit("jk-x")) == "ask"
    assert _answerer(Tty(), stdout=io.StringIO())[0].dirty_exit(DirtyExit("jk-x")) is None
    assert _answerer(io.StringIO())[0].dirty_exit(DirtyExit("jk-x")) is None
    assert _answerer(io.StringIO(), yes=True)[0].dirty_exit(DirtyExit("jk-x")) is None


def test_a_collapse_lists_what_goes_even_when_nobody_can_be_asked() -> None:
    question = ConfirmCollapse(
        (Redundancy(Mount("/src/a/x", "/w/a/x"), Mount("/src/a", "/w/a")),),
        (Redundancy(Mount("/src/b/\x1b[2Jy", "/w/b/y"), Mount("/src/b", "/w/b")),),
    )
    listing = (
        "Adding mount(s) will subsume 1 existing mount(s):\n"
        "  • /src/a/x\n"
        "Cleaning up 1 pre-existing redundant mount(s):\n"
        "  • /src/b/\\x1b[2Jy\n"
        "These will be removed from the workspace.\n"
    )
    answerer, shown = _answerer(Tty("y\n"))
    assert answerer.confirm_collapse(question) is True
    assert shown.getvalue() == listing + "Proceed? [y/N]: "
    answerer, shown = _answerer(io.StringIO("y\n"))
    assert answerer.confirm_collapse(question) is None
    assert shown.getvalue() == listing
    answerer, shown = _answerer(io.StringIO(), yes=True)
    assert answerer.confirm_collapse(question) is True
    assert shown.getvalue() == listing
