"""The A11 state machine: idle priorities, ESC timing, paste, prefix mode, limits."""

from __future__ import annotations

import pytest

from jackin_capsule.input import (
    MAX_SEQUENCE,
    InputConfig,
    InputParser,
    Mouse,
    OuterFocus,
    PaneBytes,
    PrefixAction,
    PrefixCommand,
    PrefixPending,
    RequestExit,
    ResizePane,
    TogglePalette,
)
from tests.capsule.input.support import NOW, parse, parse_chunks

PREFIX = InputConfig(prefix_key=0x02)
START = PrefixPending(active=True)
END = PrefixPending(active=False)


def _pending(parser: InputParser) -> bool:
    return parser.prefix_pending


# -- idle ---------------------------------------------------------------------------


def test_plain_text_is_one_pane_bytes() -> None:
    data = b"hello, world\r\n\t\x03\x7f" + "héllo ✓".encode()
    assert parse(data) == [PaneBytes(data)]


def test_palette_key_toggles_palette() -> None:
    assert parse(b"ab\x1ccd") == [PaneBytes(b"ab"), TogglePalette(), PaneBytes(b"cd")]


def test_ctrl_q_requests_exit() -> None:
    assert parse(b"\x11") == [RequestExit()]
    assert parse(b"x\x11\x11") == [PaneBytes(b"x"), RequestExit(), RequestExit()]


def test_configured_palette_key() -> None:
    config = InputConfig(palette_key=0x1D)
    assert parse(b"\x1c\x1d", config) == [PaneBytes(b"\x1c"), TogglePalette()]


def test_disabled_palette_key_reaches_the_pane() -> None:
    assert parse(b"\x1c", InputConfig(palette_key=None)) == [PaneBytes(b"\x1c")]


def test_nul_palette_key() -> None:
    config = InputConfig(palette_key=0x00)
    assert parse(b"a\x00b", config) == [PaneBytes(b"a"), TogglePalette(), PaneBytes(b"b")]


def test_prefix_is_off_by_default() -> None:
    assert parse(b"\x02c") == [PaneBytes(b"\x02c")]


def test_palette_wins_over_ctrl_q_and_prefix_on_collision() -> None:
    config = InputConfig(palette_key=0x11, prefix_key=0x11)
    assert parse(b"\x11", config) == [TogglePalette()]


def test_parser_with_no_data_returns_nothing() -> None:
    parser = InputParser()
    assert parser.feed(b"", NOW) == []
    assert parser.deadline() is None
    assert parser.expire(NOW) == []


# -- ESC and its timeout --------------------------------------------------------------


def test_lone_esc_waits_for_the_deadline() -> None:
    parser = InputParser(InputConfig(escape_time=0.05))
    assert parser.feed(b"a\x1b", 10.0) == [PaneBytes(b"a")]
    assert parser.deadline() == pytest.approx(10.05)
    assert parser.expire(10.049) == []
    assert parser.expire(10.05) == [PaneBytes(b"\x1b")]
    assert parser.deadline() is None
    assert parser.expire(20.0) == []


def test_late_feed_expires_the_stale_esc_first() -> None:
    parser = InputParser()
    assert parser.feed(b"\x1b", 1.0) == []
    # 1 s later a "[A" is two typed keys, not an arrow.
    assert parser.feed(b"[A", 2.0) == [PaneBytes(b"\x1b"), PaneBytes(b"[A")]


def test_esc_sequence_within_the_timeout_completes() -> None:
    parser = InputParser()
    assert parser.feed(b"\x1b", 1.0) == []
    assert parser.feed(b"[A", 1.01) == [PaneBytes(b"\x1b[A")]


def test_deadline_counts_from_the_last_byte() -> None:
    parser = InputParser(InputConfig(escape_time=0.05))
    parser.feed(b"\x1b[", 1.0)
    parser.feed(b"1;", 1.04)
    assert parser.deadline() == pytest.approx(1.09)


def test_esc_then_palette_key_toggles_palette() -> None:
    assert parse(b"\x1b\x1c") == [TogglePalette()]


def test_esc_then_ctrl_q_or_prefix_acts_as_that_key() -> None:
    assert parse(b"\x1b\x11") == [RequestExit()]
    assert parse(b"\x1b\x02", PREFIX) == [START]
    assert parse(b"\x1b\x02") == [PaneBytes(b"\x1b\x02")]


def test_alt_key_is_forwarded() -> None:
    assert parse(b"\x1bx\x1b\x7f") == [PaneBytes(b"\x1bx\x1b\x7f")]


def test_double_esc_gives_one_lone_esc_and_one_pending() -> None:
    parser = InputParser()
    assert parser.feed(b"\x1b\x1b", NOW) == [PaneBytes(b"\x1b")]
    assert parser.expire(NOW + 1) == [PaneBytes(b"\x1b")]


@pytest.mark.parametrize(
    "partial", [b"\x1b[", b"\x1b[1;", b"\x1bO", b"\x1b]", b"\x1b]0;ti", b"\x1bPq", b"\x1b]x\x1b"]
)
def test_expired_incomplete_sequence_is_flushed_as_typed(partial: bytes) -> None:
    parser = InputParser()
    assert parser.feed(partial, NOW) == []
    assert parser.deadline() is not None
    assert parser.expire(NOW + 1) == [PaneBytes(partial)]


def test_expired_partial_x10_mouse_is_dropped() -> None:
    parser = InputParser()
    assert parser.feed(b"\x1b[M !", NOW) == []
    assert parser.expire(NOW + 1) == []
    assert parser.feed(b"z", NOW + 1) == [PaneBytes(b"z")]


def test_csi_aborted_by_a_control_byte() -> None:
    # Alt+[ then Ctrl+Q: the Alt+[ goes to the pane, Ctrl+Q is still intercepted.
    assert parse(b"\x1b[\x11") == [PaneBytes(b"\x1b["), RequestExit()]


def test_csi_aborted_by_esc_starts_a_new_sequence() -> None:
    assert parse(b"\x1b[1\x1b[A") == [PaneBytes(b"\x1b[1\x1b[A")]


def test_string_aborted_by_esc_starts_a_new_sequence() -> None:
    assert parse(b"\x1b]abc\x1b[I") == [PaneBytes(b"\x1b]abc"), OuterFocus(focused=True)]


# -- pass-through of complete sequences ----------------------------------------------


@pytest.mark.parametrize(
    "sequence",
    [
        b"\x1b[A",
        b"\x1b[5~",
        b"\x1b[1;3C",
        b"\x1b[1;2D",
        b"\x1b[Z",
        b"\x1bOP",
        b"\x1bOA",
        b"\x1b]11;rgb:0000/0000/0000\x07",
        b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\",
        b"\x1bP>|xterm(390)\x1b\\",
        b"\x1b_Gi=1;OK\x1b\\",
        b"\x1b[?1;2c",
        b"\x1b[?2026;2$y",
        b"\x1b[?15u",
        b"\x1b[12;40R",
        b"\x1b[97u",
        b"\x1b[13;2u",
        b"\x1b[201~",
    ],
)
def test_complete_sequences_are_forwarded_verbatim(sequence: bytes) -> None:
    assert parse(b"a" + sequence + b"b") == [PaneBytes(b"a" + sequence + b"b")]


def test_bel_does_not_end_a_dcs_string() -> None:
    data = b"\x1bPabc\x07def\x1b\\"
    assert parse(data) == [PaneBytes(data)]


# -- bracketed paste -------------------------------------------------------------------


def test_paste_passes_through_untouched() -> None:
    body = b"x\x1c\x11\x02\x1b[A\x1b[I\x1b[<0;1;1M\x1b\x1b]52;c;?\x07"
    data = b"\x1b[200~" + body + b"\x1b[201~"
    config = InputConfig(prefix_key=0x02)
    assert parse(data + b"\x11", config) == [PaneBytes(data), RequestExit()]


def test_paste_split_inside_the_end_marker() -> None:
    data = b"\x1b[200~abc\x1b[201~\x1c"
    for cut in range(1, len(data)):
        events = parse_chunks([data[:cut], data[cut:]])
        assert events[-1] == TogglePalette(), cut
        assert b"".join(e.data for e in events if isinstance(e, PaneBytes)) == data[:-1]


def test_paste_end_marker_split_byte_by_byte() -> None:
    data = b"\x1b[200~" + b"\x1b[201" + b"\x1b[20" + b"\x1b[201~" + b"\x11"
    events = parse_chunks([bytes([b]) for b in data])
    assert events[-1] == RequestExit()
    assert RequestExit() not in events[:-1]


def test_paste_is_not_buffered() -> None:
    parser = InputParser()
    assert parser.feed(b"\x1b[200~abc", NOW) == [PaneBytes(b"\x1b[200~abc")]
    assert parser.in_paste
    assert parser.deadline() is None
    assert parser.feed(b"\x1b[20", NOW) == [PaneBytes(b"\x1b[20")]
    assert parser.feed(b"1~\x1c", NOW) == [PaneBytes(b"1~"), TogglePalette()]
    assert not parser.in_paste


def test_large_paste_is_one_event() -> None:
    body = bytes(range(256)).replace(b"\x1b", b"") * 4096
    data = b"\x1b[200~" + body + b"\x1b[201~"
    assert parse(data) == [PaneBytes(data)]


# -- prefix mode -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "action"),
    [
        (b"c", PrefixAction.NEW_TAB),
        (b"n", PrefixAction.NEXT_TAB),
        (b"p", PrefixAction.PREV_TAB),
        (b'"', PrefixAction.SPLIT_BELOW),
        (b"%", PrefixAction.SPLIT_RIGHT),
        (b"h", PrefixAction.FOCUS_LEFT),
        (b"j", PrefixAction.FOCUS_DOWN),
        (b"k", PrefixAction.FOCUS_UP),
        (b"l", PrefixAction.FOCUS_RIGHT),
        (b"z", PrefixAction.ZOOM),
        (b"x", PrefixAction.CLOSE_PANE),
        (b"&", PrefixAction.CLOSE_TAB),
        (b"\x0c", PrefixAction.CLEAR_PANE),
        (b"d", PrefixAction.DETACH),
        (b"u", PrefixAction.USAGE),
        (b" ", PrefixAction.PALETTE),
        (b":", PrefixAction.PALETTE),
        (b"r", PrefixAction.REDRAW),
    ],
)
def test_prefix_table(key: bytes, action: PrefixAction) -> None:
    assert parse(b"\x02" + key + b"c", PREFIX) == [
        START,
        END,
        PrefixCommand(action),
        PaneBytes(b"c"),
    ]


@pytest.mark.parametrize("digit", range(10))
def test_prefix_digit_goes_to_tab(digit: int) -> None:
    events = parse(b"\x02" + str(digit).encode(), PREFIX)
    assert events == [START, END, PrefixCommand(PrefixAction.GOTO_TAB, tab=digit)]


def test_prefix_is_case_sensitive_and_unknown_keys_are_swallowed() -> None:
    swallowed = [START, END] * 3
    assert parse(b"\x02C\x02\x11\x02\x1cx", PREFIX) == [*swallowed, PaneBytes(b"x")]


def test_prefix_twice_sends_the_prefix_byte() -> None:
    assert parse(b"\x02\x02a", PREFIX) == [START, END, PaneBytes(b"\x02a")]


def test_prefix_swallows_a_whole_utf8_character() -> None:
    assert parse(b"\x02" + "✓".encode() + b"a", PREFIX) == [START, END, PaneBytes(b"a")]


def test_prefix_state_spans_feeds() -> None:
    parser = InputParser(PREFIX)
    assert parser.feed(b"ab\x02", NOW) == [PaneBytes(b"ab"), START]
    assert parser.prefix_pending
    assert parser.feed(b"n", NOW) == [END, PrefixCommand(PrefixAction.NEXT_TAB)]
    assert not parser.prefix_pending


def test_lone_esc_cancels_the_prefix() -> None:
    parser = InputParser(PREFIX)
    assert parser.feed(b"\x02\x1b", NOW) == [START]
    assert _pending(parser)
    assert parser.expire(NOW + 1) == [END]
    assert not _pending(parser)
    assert parser.feed(b"c", NOW + 1) == [PaneBytes(b"c")]


def test_key_sequences_cancel_the_prefix() -> None:
    assert parse(b"\x02\x1b[Ac", PREFIX) == [START, END, PaneBytes(b"c")]
    assert parse(b"\x02\x1bxc", PREFIX) == [START, END, PaneBytes(b"c")]
    assert parse(b"\x02\x1b[1;4Ac", PREFIX) == [START, END, PaneBytes(b"c")]
    assert parse(b"\x02\x1b[27uc", PREFIX) == [START, END, PaneBytes(b"c")]


def test_kitty_keys_work_as_prefix_commands() -> None:
    assert parse(b"\x1b[98;5u\x1b[108;5u", PREFIX) == [
        START,
        END,
        PrefixCommand(PrefixAction.CLEAR_PANE),
    ]
    assert parse(b"\x02\x1b[99u", PREFIX) == [START, END, PrefixCommand(PrefixAction.NEW_TAB)]
    assert parse(b"\x02\x1b[53:37;2u", PREFIX) == [
        START,
        END,
        PrefixCommand(PrefixAction.SPLIT_RIGHT),
    ]
    assert parse(b"\x02\x1b[98;5u", PREFIX) == [START, END, PaneBytes(b"\x02")]


def test_passive_input_does_not_cancel_the_prefix() -> None:
    data = b"\x02\x1b[<35;3;4M\x1b[O\x1b[99;1:3u\x1b[8;24;80t\x1b[57441;2u\x1b]11;x\x07z"
    assert parse(data, PREFIX) == [
        START,
        Mouse("move", 3, row=3, col=2),
        OuterFocus(focused=False),
        PaneBytes(b"\x1b]11;x\x07"),
        END,
        PrefixCommand(PrefixAction.ZOOM),
    ]


def test_paste_cancels_the_prefix_and_is_delivered() -> None:
    data = b"\x1b[200~c\x1b[201~"
    assert parse(b"\x02" + data, PREFIX) == [START, END, PaneBytes(data)]


def test_resize_is_swallowed_while_prefix_pending() -> None:
    assert parse(b"\x02\x1b[1;4B", PREFIX) == [START, END]
    assert parse(b"\x1b[1;4B", PREFIX) == [ResizePane("down")]


# -- memory bound ----------------------------------------------------------------------


@pytest.mark.parametrize("opener", [b"\x1b]", b"\x1bP", b"\x1b_", b"\x1b["])
def test_oversized_sequence_is_dropped_not_buffered(opener: bytes) -> None:
    parser = InputParser()
    filler = b"1" * 4096
    events = parser.feed(opener, NOW)
    for _ in range(2 * MAX_SEQUENCE // len(filler)):
        events += parser.feed(filler, NOW)
        assert parser.buffered <= MAX_SEQUENCE
    terminator = b"~" if opener == b"\x1b[" else b"\x1b\\"
    events += parser.feed(terminator + b"ok", NOW)
    assert events == [PaneBytes(b"ok")]
    assert parser.buffered == 0


def test_sequence_of_exactly_the_limit_is_kept() -> None:
    body = b"x" * (MAX_SEQUENCE - 3)
    data = b"\x1b]" + body + b"\x07"
    assert len(data) == MAX_SEQUENCE
    assert parse(data) == [PaneBytes(data)]


def test_oversized_sequence_that_times_out_emits_nothing() -> None:
    parser = InputParser()
    parser.feed(b"\x1b]" + b"x" * (MAX_SEQUENCE + 1), NOW)
    assert parser.buffered == 0
    assert parser.expire(NOW + 1) == []
    assert parser.feed(b"a", NOW + 1) == [PaneBytes(b"a")]
