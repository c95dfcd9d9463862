"""When bare `jackin` opens the console, and why `jackin console` refuses."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jackin_sdk.console import TerminalFacts, console_refusal

TERMINAL = TerminalFacts(
    stdin_tty=True, stdout_tty=True, columns=80, rows=24, env={"TERM": "xterm-256color"}
)


def test_an_interactive_terminal_of_80x24_opens_the_console() -> None:
    assert console_refusal(TERMINAL) is None
    assert console_refusal(replace(TERMINAL, columns=200, rows=60)) is None
    assert console_refusal(replace(TERMINAL, env={"TERM": "tmux", "CI": "false"})) is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"stdin_tty": False}, "stdin and stdout must be a terminal"),
        ({"stdout_tty": False}, "stdin and stdout must be a terminal"),
        ({"env": {"TERM": "dumb"}}, "TERM is dumb or unset"),
        ({"env": {}}, "TERM is dumb or unset"),
        ({"env": {"TERM": "xterm", "CI": "true"}}, "CI is set"),
        ({"columns": 79}, "the terminal is 79x24; the console needs at least 80x24"),
        ({"rows": 23}, "the terminal is 80x23; the console needs at least 80x24"),
    ],
)
def test_anything_less_says_why(change: dict[str, object], reason: str) -> None:
    refusal = console_refusal(replace(TERMINAL, **change))  # type: ignore[arg-type]
    assert refusal is not None
    assert reason in refusal


def test_this_process_under_pytest_is_no_console_terminal() -> None:
    assert console_refusal() is not None  # pytest captures stdout: bare `jackin` prints help
