"""`claude setup-token` in a pseudo-terminal, with a stand-in `claude` on PATH."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jackin_sdk.debug import MASK, contains_secret
from jackin_sdk.errors import JackinError
from jackin_sdk.tokens import generate_claude_token
from jackin_sdk.tokens._generate import extract_token, mask_tokens
from tests.sdk.tokens._fake_claude import MODE_ENV, claude

__all__ = ["claude"]


def test_token_is_captured_and_masked_on_screen(claude: str) -> None:
    screen = io.StringIO()
    assert generate_claude_token(echo=screen, timeout=20) == claude
    shown = screen.getvalue()
    assert claude not in shown
    assert claude[13:40] not in shown
    assert f"\x1b[33m{MASK}\x1b[39m" in shown
    assert "Your OAuth token (valid for 1 year):" in shown
    assert "&state=" + "s" * 43 in shown  # the sign-in URL stays usable
    assert contains_secret(claude)


def test_a_token_line_without_the_prefix_is_taken_and_masked(
    claude: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MODE_ENV, "bare")
    screen = io.StringIO()
    bare = claude.removeprefix("sk-ant-oat01-")
    assert generate_claude_token(echo=screen, timeout=20) == bare
    assert bare not in screen.getvalue()


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("fail", "claude setup-token exited with 1; no token was stored"),
        ("none", "claude setup-token finished without printing a token"),
    ],
)
def test_failures(claude: str, monkeypatch: pytest.MonkeyPatch, mode: str, message: str) -> None:
    monkeypatch.setenv(MODE_ENV, mode)
    with pytest.raises(JackinError) as caught:
        generate_claude_token(echo=io.StringIO(), timeout=20)
    assert str(caught.value) == message


def test_timeout_stops_the_command(claude: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODE_ENV, "hang")
    with pytest.raises(JackinError, match="did not finish within 1 s"):
        generate_claude_token(echo=io.StringIO(), timeout=1)


def test_claude_not_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(JackinError, match=r"`claude` is not on PATH"):
        generate_claude_token(echo=io.StringIO())


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("token:\n\x1b[33msk-ant-oat01-" + "x" * 40 + "\x1b[0m\n", "sk-ant-oat01-" + "x" * 40),
        ("sk-ant-oat01-" + "a" * 30 + "\nsk-ant-oat01-" + "b" * 30, "sk-ant-oat01-" + "b" * 30),
        ("intro\n" + "T" * 90 + "\r\nStore it.\n\n", "T" * 90),
        ("intro\nshort-line\nStore it.\n", None),
        ("", None),
    ],
)
def test_extract_token(output: str, expected: str | None) -> None:
    assert extract_token(output) == expected


def test_mask_tokens_keeps_ordinary_text() -> None:
    assert mask_tokens("key sk-ant-oat01-abc, url ?state=" + "q" * 43) == (
        f"key {MASK}, url ?state=" + "q" * 43
    )
    assert mask_tokens("x" * 80) == MASK
