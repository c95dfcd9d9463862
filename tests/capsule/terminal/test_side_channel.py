"""OSC side channel (spec A14), string sequences and sequences split across feeds."""

from __future__ import annotations

import pytest

from jackin_capsule.terminal import OscPolicy, PaneTerminal
from tests.capsule.terminal.support import fed, row_text

ST = b"\x1b\\"
BEL = b"\x07"


@pytest.mark.parametrize("end", [BEL, ST])
def test_title_is_captured_and_forwarded_exactly(end: bytes) -> None:
    sequence = b"\x1b]2;build \xe2\x9c\x93" + end
    term = fed(b"a" + sequence + b"b")
    assert term.title == "build ✓"
    assert term.take_passthrough() == [sequence]
    assert term.take_passthrough() == []
    assert row_text(term, 0) == "ab"


def test_osc0_sets_the_title_and_osc1_only_forwards() -> None:
    term = fed(b"\x1b]0;zero\x07\x1b]1;icon\x07")
    assert term.title == "zero"
    assert term.take_passthrough() == [b"\x1b]0;zero\x07", b"\x1b]1;icon\x07"]


def test_title_control_characters_are_stripped() -> None:
    term = fed(b"\x1b]2;a\x01b\xc2\x85c\x07")
    assert term.title == "abc"


def test_title_not_forwarded_when_denied() -> None:
    term = fed(b"\x1b]2;t\x07", policy=OscPolicy(title=False))
    assert term.title == "t"
    assert term.take_passthrough() == []


def test_cwd_is_captured_and_never_forwarded() -> None:
    term = fed(b"\x1b]7;file://host/home/agent/my%20dir\x1b\\")
    assert term.cwd == "/home/agent/my dir"
    assert term.take_passthrough() == []
    term.feed(b"\x1b]7;/plain/path\x07")
    assert term.cwd == "/plain/path"


@pytest.mark.parametrize(
    ("uri", "forwarded"),
    [
        (b"https://example.com/a?b", True),
        (b"HTTP://example.com", True),
        (b"mailto:someone@example.com", True),
        (b"", True),
        (b"file:///etc/passwd", False),
        (b"javascript:alert(1)", False),
        (b"no-scheme", False),
    ],
)
def test_hyperlinks(uri: bytes, forwarded: bool) -> None:
    sequence = b"\x1b]8;id=1;" + uri + ST
    term = fed(sequence + b"text")
    assert term.take_passthrough() == ([sequence] if forwarded else [])
    assert row_text(term, 0) == "text"


def test_hyperlinks_denied_by_policy() -> None:
    term = fed(b"\x1b]8;;https://x\x07", policy=OscPolicy(hyperlink=False))
    assert term.take_passthrough() == []


def test_notifications_follow_policy() -> None:
    sequence = b"\x1b]9;turn complete\x07"
    assert fed(sequence).take_passthrough() == [sequence]
    assert fed(sequence, policy=OscPolicy(notify=False)).take_passthrough() == []


def test_clipboard_writes_need_policy_and_reads_never_pass() -> None:
    write = b"\x1b]52;c;aGVsbG8=\x07"
    read = b"\x1b]52;c;?\x07"
    assert fed(write).take_passthrough() == []
    allowed = OscPolicy(osc52=True)
    assert fed(write + read, policy=allowed).take_passthrough() == [write]


def test_other_osc_sequences_are_dropped() -> None:
    term = fed(b"\x1b]133;A\x07\x1b]4;1;?\x07\x1b]777;notify;a;b\x07\x1b]1337;x\x07ok")
    assert term.take_passthrough() == []
    assert term.take_replies() == b""
    assert row_text(term, 0) == "ok"


@pytest.mark.parametrize("end", [BEL, ST])
def test_colour_queries_mirror_the_terminator(end: bytes) -> None:
    term = fed(b"\x1b]10;?" + end + b"\x1b]11;?" + end)
    assert term.take_replies() == (
        b"\x1b]10;rgb:d0d0/d0d0/d0d0" + end + b"\x1b]11;rgb:0000/0000/0000" + end
    )
    assert term.take_passthrough() == []


def test_colour_queries_use_the_client_colours() -> None:
    term = PaneTerminal(2, 10)
    term.set_default_colors((0x12, 0x34, 0x56), (0xFF, 0xEE, 0x01))
    term.feed(b"\x1b]10;?;?\x07")
    assert term.take_replies() == (b"\x1b]10;rgb:1212/3434/5656\x07\x1b]11;rgb:ffff/eeee/0101\x07")
    term.set_default_colors(None, None)
    term.feed(b"\x1b]11;?\x07")
    assert term.take_replies() == b"\x1b]11;rgb:0000/0000/0000\x07"


def test_colour_set_forms_are_dropped() -> None:
    term = fed(b"\x1b]10;#ffffff\x07\x1b]11;rgb:00/00/00\x07")
    assert term.take_replies() == b""
    assert term.take_passthrough() == []


def test_string_sequences_are_dropped_with_their_payload() -> None:
    kitty_graphics = b"\x1b_Gf=100,a=T;iVBORw0KGgo=" + ST
    sixel = b"\x1bPq#0;2;0;0;0#1!6~-" + ST
    term = fed(b"a" + kitty_graphics + b"b" + sixel + b"c\x1b^pm" + ST + b"d\x1bXsos" + ST + b"e")
    assert row_text(term, 0) == "abcde"
    assert term.take_passthrough() == []


def test_an_escape_aborts_an_open_osc() -> None:
    term = fed(b"\x1b]2;never ends\x1b[1mbold")
    assert term.title is None
    assert term.take_passthrough() == []
    assert row_text(term, 0) == "bold"
    assert term.visible_row(0)[0].bold


def test_colon_sgr_is_understood() -> None:
    term = fed(b"\x1b[38:2::10:20:30mA\x1b[38:2:1:2:3mB\x1b[48:5:196mC\x1b[4:3mD\x1b[4:0mE")
    row = term.visible_row(0)
    assert row[0].fg == "0a141e"
    assert row[1].fg == "010203"
    assert row[2].bg == "ff0000"
    assert row[3].underscore
    assert not row[4].underscore
    assert row_text(term, 0) == "ABCDE"


def test_underline_colour_is_ignored() -> None:
    term = fed(b"\x1b[58;2;1;2;3;1mA\x1b[58:5:9;3mB\x1b[0;38;5;58;1mC")
    row = term.visible_row(0)
    assert row[0].bold
    assert not row[0].italics
    assert row[1].italics
    assert (row[2].fg, row[2].bold) == ("5f5f00", True)


# -- sequences split across feeds --------------------------------------------------------------

SPLIT_CASES = [
    b"x\x1b]2;split title\x1b\\y",
    b"x\x1b]8;;https://example.com\x07y",
    b"x\x1b[?1049hy",
    b"x\x1b[>1uy",
    b"x\x1b[>4;2my",
    b"x\x1b[!py",
    b"x\x1b[3 qy",
    b"x\x1b_Gpayload\x1b\\y",
    b"x\x1b]2;aborted\x1b[1my",
    "x\x1b[31m中y".encode(),
]


@pytest.mark.parametrize("data", SPLIT_CASES)
def test_every_split_point_gives_the_same_result(data: bytes) -> None:
    whole = fed(data)
    expected = (row_text(whole, 0), whole.modes, whole.title, whole.take_passthrough())
    for cut in range(1, len(data)):
        term = PaneTerminal(5, 20)
        term.feed(data[:cut])
        term.feed(data[cut:])
        got = (row_text(term, 0), term.modes, term.title, term.take_passthrough())
        assert got == expected, cut


def test_byte_by_byte_feeding() -> None:
    data = b"\x1b]2;t\x07a\x1b[?2004h\x1b[>1u\x1b[?u\x1b]11;?\x1b\\\x1b[6nb"
    whole = fed(data)
    term = PaneTerminal(5, 20)
    for byte in data:
        term.feed(bytes([byte]))
    assert term.take_replies() == whole.take_replies()
    assert term.take_passthrough() == whole.take_passthrough()
    assert (term.modes, term.title, row_text(term, 0)) == (whole.modes, whole.title, "ab")


def test_large_clipboard_write_across_many_feeds() -> None:
    payload = b"QUJD" * 50_000
    sequence = b"\x1b]52;c;" + payload + b"\x07"
    term = PaneTerminal(3, 10, policy=OscPolicy(osc52=True))
    data = b"a" + sequence + b"b"
    for start in range(0, len(data), 4096):
        term.feed(data[start : start + 4096])
    assert term.take_passthrough() == [sequence]
    assert row_text(term, 0) == "ab"


def test_oversized_osc_is_dropped_entirely() -> None:
    term = PaneTerminal(3, 10, policy=OscPolicy(osc52=True))
    term.feed(b"a\x1b]52;c;")
    for _ in range(300):
        term.feed(b"A" * 4096)
    term.feed(b"\x07b")
    assert term.take_passthrough() == []
    assert row_text(term, 0) == "ab"


def test_huge_dcs_across_feeds_is_skipped() -> None:
    term = PaneTerminal(3, 10)
    term.feed(b"a\x1bPq")
    for _ in range(100):
        term.feed(b"#0;2;0;0;0#1!6~-" * 1000)
    term.feed(b"\x1b")
    term.feed(b"\\b")
    assert row_text(term, 0) == "ab"


def test_received_output() -> None:
    term = PaneTerminal(2, 4)
    term.feed(b"")
    assert not term.received_output
    term.feed(b"\x1b[?25h")
    assert term.received_output
