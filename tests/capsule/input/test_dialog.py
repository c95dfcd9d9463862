"""decode_dialog_keys: the keys dialogs read from PaneBytes."""

from __future__ import annotations

import pytest

from jackin_capsule.input import (
    DialogKey,
    DialogKeyKind,
    InputParser,
    PaneBytes,
    decode_dialog_keys,
)
from tests.capsule.input.support import NOW

K = DialogKeyKind


def _kinds(data: bytes) -> list[str]:
    return [k.kind for k in decode_dialog_keys(data)]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x1b[A", K.UP),
        (b"\x1b[B", K.DOWN),
        (b"\x1b[C", K.RIGHT),
        (b"\x1b[D", K.LEFT),
        (b"\x1bOA", K.UP),
        (b"\x1bOB", K.DOWN),
        (b"\x1bOC", K.RIGHT),
        (b"\x1bOD", K.LEFT),
        (b"\x1b[1;2A", K.UP),
        (b"\r", K.ENTER),
        (b"\n", K.ENTER),
        (b"\r\n", K.ENTER),
        (b"\x1bOM", K.ENTER),
        (b"\x1b", K.ESCAPE),
        (b"\x7f", K.BACKSPACE),
        (b"\x08", K.BACKSPACE),
        (b"\t", K.TAB),
        (b"\x1b[Z", K.BACKTAB),
        (b"\x03", K.CTRL_C),
        (b"\x11", K.CTRL_Q),
        (b"\x1b[13u", K.ENTER),
        (b"\x1b[9u", K.TAB),
        (b"\x1b[9;2u", K.BACKTAB),
        (b"\x1b[127u", K.BACKSPACE),
        (b"\x1b[27u", K.ESCAPE),
        (b"\x1b[99;5u", K.CTRL_C),
        (b"\x1b[113;5u", K.CTRL_Q),
    ],
)
def test_single_keys(data: bytes, kind: DialogKeyKind) -> None:
    assert decode_dialog_keys(data) == [DialogKey(kind)]


def test_kinds_compare_equal_to_their_names() -> None:
    assert decode_dialog_keys(b"\x1b[A")[0].kind == "UP"
    assert decode_dialog_keys(b"x")[0].kind == "CHAR"


def test_text_is_one_char_per_character() -> None:
    assert decode_dialog_keys("yé✓".encode()) == [
        DialogKey(K.CHAR, "y"),
        DialogKey(K.CHAR, "é"),
        DialogKey(K.CHAR, "✓"),
    ]


def test_kitty_printable_keys_are_chars() -> None:
    assert decode_dialog_keys(b"\x1b[97u\x1b[97;2u\x1b[53:37;2u") == [
        DialogKey(K.CHAR, "a"),
        DialogKey(K.CHAR, "A"),
        DialogKey(K.CHAR, "%"),
    ]


def test_mixed_sequence() -> None:
    assert _kinds(b"ab\x1b[A\r\n\r\x7f\x1b[Z\x03") == [
        K.CHAR,
        K.CHAR,
        K.UP,
        K.ENTER,
        K.ENTER,
        K.BACKSPACE,
        K.BACKTAB,
        K.CTRL_C,
    ]


def test_double_esc_is_two_escapes() -> None:
    assert _kinds(b"\x1b\x1b") == [K.ESCAPE, K.ESCAPE]


@pytest.mark.parametrize(
    "data",
    [
        b"\x1bx",  # Alt+x
        b"\x1b[5~",
        b"\x1b[?1;2c",
        b"\x1b[<0;1;1M",
        b"\x1b]11;rgb:0/0/0\x07",
        b"\x1bPabc\x1b\\",
        b"\x1b]unterminated",
        b"\x1b[",
        b"\x1b[97;1:3u",
        b"\x1b[97;3u",
        b"\x1bOP",
        b"\x00\x01\x1f",
        b"\xff\xfe",
        b"\xc2\x85",  # NEL, a C1 control
    ],
)
def test_unknown_input_is_ignored(data: bytes) -> None:
    assert decode_dialog_keys(data) == []


def test_paste_is_text_only() -> None:
    data = b"\x1b[200~a\rb\x1b[A\x03c\x1b[201~\r"
    assert decode_dialog_keys(data) == [
        DialogKey(K.CHAR, "a"),
        DialogKey(K.CHAR, "b"),
        DialogKey(K.CHAR, "c"),
        DialogKey(K.ENTER),
    ]


def test_parser_delivers_esc_so_dialogs_see_escape() -> None:
    parser = InputParser()
    events = parser.feed(b"\x1b[27uy", NOW) + parser.feed(b"\x1b", NOW)
    events += parser.expire(NOW + 1)
    keys = [k for e in events if isinstance(e, PaneBytes) for k in decode_dialog_keys(e.data)]
    assert [k.kind for k in keys] == [K.ESCAPE, K.CHAR, K.ESCAPE]
