"""`jackin_sdk.text`: untrusted text escaped before it reaches a terminal."""

from __future__ import annotations

import io
import json

import pytest

from jackin_sdk.debug import disable_debug, enable_debug
from jackin_sdk.errors import CodedError, ErrorCode, Location
from jackin_sdk.process import run_command
from jackin_sdk.text import (
    first_unprintable,
    printable,
    printable_json,
    require_printable,
    unprintable_fields,
)

TITLE = "\x1b]0;pwned\x07"
FORGED = "\x1b[2K\rTrusted by jackin (verified)"
UNSAFE = [
    ("\x1b", "\\x1b"),  # ESC: CSI, OSC (title, OSC 8 links, OSC 52 clipboard), DCS …
    ("\x07", "\\x07"),  # BEL ends an OSC
    ("\r", "\\r"),  # overwrite the line
    ("\b", "\\x08"),
    ("\x00", "\\x00"),
    ("\x7f", "\\x7f"),  # DEL
    ("\x9b", "\\x9b"),  # C1 CSI
    ("\x9d", "\\x9d"),  # C1 OSC
    ("\u202e", "\\u202e"),  # right-to-left override
    ("\u202a", "\\u202a"),
    ("\u2066", "\\u2066"),  # left-to-right isolate
    ("\u2069", "\\u2069"),  # pop directional isolate
    ("\u200b", "\\u200b"),  # zero-width space
    ("\u200f", "\\u200f"),  # right-to-left mark
    ("\ufeff", "\\ufeff"),
    ("\u2028", "\\u2028"),  # line separator
    ("\U000e0041", "\\U000e0041"),  # tag character
    ("\udc9b", "\\udc9b"),  # a lone surrogate (undecodable file name)
]


@pytest.mark.parametrize(("char", "shown"), UNSAFE, ids=[shown for _, shown in UNSAFE])
def test_each_unsafe_character_becomes_a_visible_escape(char: str, shown: str) -> None:
    assert printable(f"a{char}b") == f"a{shown}b"
    assert printable(f"a{char}b", multiline=True) == f"a{shown}b"
    assert first_unprintable(f"ok{char}") == shown


def test_the_issue_examples() -> None:
    assert printable(TITLE) == "\\x1b]0;pwned\\x07"
    assert printable(FORGED) == "\\x1b[2K\\rTrusted by jackin (verified)"


def test_newlines_and_tabs_escape_unless_multiline() -> None:
    assert printable("a\nb\tc") == "a\\nb\\tc"
    assert printable("a\nb\tc\r\n", multiline=True) == "a\nb\tc\\r\n"


@pytest.mark.parametrize(
    "text",
    ["plain ascii", "café", "日本語", "emoji 👍🏽", "family 👨\u200d👩\u200d👧", "nbsp\u00a0x",
     "C:\\path\\x1b literal", "private \ue000"],
)  # fmt: skip
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert printable(text) == text
    assert first_unprintable(text) is None


def test_escaping_is_idempotent() -> None:
    once = printable(TITLE + FORGED + "\u202e\n")
    assert printable(once) == once
    assert once.isprintable()


def test_printable_json_keeps_the_data_and_escapes_the_rest() -> None:
    data = {"name": "x\x7f\x9b\u202e\u2028\U000e0041y", "plain": "café\x1b", "n": 1}
    document = json.dumps(data, ensure_ascii=False, indent=2)
    safe = printable_json(document)
    assert json.loads(safe) == data
    assert all(c.isprintable() or c == "\n" for c in safe)
    assert "café" in safe
    assert "\\u202e" in safe
    assert "\\udb40\\udc41" in safe  # an astral character as a surrogate pair
    for char in "\x7f\x9b\u202e\u2028\U000e0041":
        assert char not in safe


def test_unprintable_fields_walks_keys_values_and_lists() -> None:
    data = {"ok": "fine", "identity": {"name": TITLE}, "env": {"A\x1b": {"options": ["x", "\r"]}}}
    assert list(unprintable_fields(data)) == [
        (["identity", "name"], "\\x1b"),
        (["env", "A\x1b"], "\\x1b"),
        (["env", "A\x1b", "options"], "\\r"),
    ]


def test_require_printable_is_e017_and_never_echoes_the_raw_value() -> None:
    require_printable("my-app", what="workspace name")
    with pytest.raises(CodedError) as caught:
        require_printable(FORGED, what="workspace name", location=Location(field="name"))
    assert caught.value.code is ErrorCode.E017
    assert "\\x1b" in str(caught.value.detail)
    assert "\x1b" not in str(caught.value)
    assert "\r" not in str(caught.value)


def test_the_debug_trace_escapes_the_output_it_quotes() -> None:
    """`--debug` prints every command's stdout and stderr, e.g. git's, on the terminal."""
    stream = io.StringIO()
    handler = enable_debug(stream)
    try:
        run_command(["sh", "-c", f"printf '{TITLE}'; printf '{FORGED}' >&2"])
    finally:
        disable_debug(handler)
    trace = stream.getvalue()
    assert "\\x1b]0;pwned\\x07" in trace
    assert "\\x1b[2K\\rTrusted by jackin (verified)" in trace
    assert not any(char in trace for char in "\x1b\x07\r")
