"""Mode tracking (spec A12 / A13 reconciliation inputs) and query answers."""

from __future__ import annotations

import pytest

from jackin_capsule.terminal import PaneModes, PaneTerminal
from tests.capsule.terminal.support import fed, row_text


@pytest.mark.parametrize(
    ("mode", "field"),
    [
        (2004, "bracketed_paste"),
        (1, "application_cursor"),
        (1004, "focus_events"),
    ],
)
def test_boolean_private_modes(mode: int, field: str) -> None:
    term = fed(f"\x1b[?{mode}h".encode())
    assert getattr(term.modes, field) is True
    term.feed(f"\x1b[?{mode}l".encode())
    assert getattr(term.modes, field) is False


def test_several_modes_in_one_sequence() -> None:
    term = fed(b"\x1b[?1;2004;1006h")
    assert term.modes.application_cursor
    assert term.modes.bracketed_paste
    assert term.modes.mouse_encoding == 1006


def test_cursor_hidden_and_visible() -> None:
    term = PaneTerminal(3, 5)
    assert not term.cursor_visible()  # nothing received yet
    term.feed(b"x")
    assert term.cursor_visible()
    term.feed(b"\x1b[?25l")
    assert term.modes.cursor_hidden
    assert not term.cursor_visible()
    term.feed(b"\x1b[?25h")
    assert term.cursor_visible()


def test_mouse_tracking_last_enabled_wins() -> None:
    term = fed(b"\x1b[?1000h\x1b[?1002h")
    assert term.modes.mouse_mode == 1002
    term.feed(b"\x1b[?1000l")  # not the current mode: no change
    assert term.modes.mouse_mode == 1002
    term.feed(b"\x1b[?1002l")
    assert term.modes.mouse_mode == 0
    term.feed(b"\x1b[?9h\x1b[?1003h")
    assert term.modes.mouse_mode == 1003


def test_mouse_encoding() -> None:
    term = fed(b"\x1b[?1005h\x1b[?1015h")
    assert term.modes.mouse_encoding == 1015
    term.feed(b"\x1b[?1006h\x1b[?1006l")
    assert term.modes.mouse_encoding == 0


def test_kitty_keyboard_stack() -> None:
    term = fed(b"\x1b[>1u")
    assert term.modes.kitty_flags == 1
    term.feed(b"\x1b[>31u")
    assert term.modes.kitty_flags == 31
    term.feed(b"\x1b[<u")
    assert term.modes.kitty_flags == 1
    term.feed(b"\x1b[=4;2u")  # set bits
    assert term.modes.kitty_flags == 5
    term.feed(b"\x1b[=1;3u")  # clear bits
    assert term.modes.kitty_flags == 4
    term.feed(b"\x1b[=8u")  # replace
    assert term.modes.kitty_flags == 8
    term.feed(b"\x1b[<5u")  # popping everything resets
    assert term.modes.kitty_flags == 0
    assert row_text(term, 0) == ""  # nothing leaked onto the grid


def test_kitty_stack_is_per_screen() -> None:
    term = fed(b"\x1b[>1u\x1b[?1049h")
    assert term.modes.kitty_flags == 0
    term.feed(b"\x1b[>15u")
    assert term.modes.kitty_flags == 15
    term.feed(b"\x1b[?1049l")
    assert term.modes.kitty_flags == 1


def test_kitty_query_is_answered() -> None:
    term = fed(b"\x1b[>5u\x1b[?u")
    assert term.take_replies() == b"\x1b[?5u"
    assert term.take_replies() == b""


def test_kitty_reply_comes_before_the_da_reply() -> None:
    term = fed(b"\x1b[?u\x1b[c")
    assert term.take_replies() == b"\x1b[?0u\x1b[?6c"


def test_modify_other_keys_is_tracked_not_drawn_as_underline() -> None:
    term = fed(b"\x1b[>4;2mx")
    assert term.modes.modify_other_keys == 2
    assert term.visible_row(0)[0].underscore is False
    term.feed(b"\x1b[>4m")
    assert term.modes.modify_other_keys == 0
    term.feed(b"\x1b[>4;1m\x1b[>4n")
    assert term.modes.modify_other_keys == 0


def test_cursor_style() -> None:
    term = fed(b"\x1b[5 q")
    assert term.modes.cursor_style == 5
    term.feed(b"\x1b[ q")
    assert term.modes.cursor_style == 0
    assert row_text(term, 0) == ""


def test_decstr_resets_soft_modes_but_not_the_alt_screen() -> None:
    term = fed(
        b"\x1b[?1049h\x1b[?2004h\x1b[?1h\x1b[?25l\x1b[?1004h\x1b[?1003h\x1b[?1006h"
        b"\x1b[>3u\x1b[>4;2m\x1b[4 q\x1b[1;31m\x1b[2;3r\x1b[4h"
    )
    term.feed(b"\x1b[!px")
    assert term.modes == PaneModes(alt_screen=True)
    cell = term.visible_row(0)[0]  # DECSTBM homed the cursor; DECSTR does not move it
    assert (cell.data, cell.fg, cell.bold) == ("x", "default", False)
    assert "p" not in row_text(term, 0)


def test_decstr_turns_insert_mode_off() -> None:
    term = fed(b"abc\r\x1b[4h\x1b[!pX", rows=2, cols=5)
    assert row_text(term, 0) == "Xbc"


def test_ris_resets_every_mode() -> None:
    term = fed(b"\x1b[?2004h\x1b[>1u\x1b[3 q\x1b[?1049h\x1b[?25l\x1bc")
    assert term.modes == PaneModes()


def test_device_attributes() -> None:
    assert fed(b"\x1b[c").take_replies() == b"\x1b[?6c"
    assert fed(b"\x1b[0c").take_replies() == b"\x1b[?6c"
    assert fed(b"\x1b[>c").take_replies() == b"\x1b[>0;0;0c"
    assert fed(b"\x1b[>0c").take_replies() == b"\x1b[>0;0;0c"


def test_device_status_and_cursor_position() -> None:
    term = fed(b"\x1b[5n\x1b[3;7H\x1b[6n", rows=5, cols=10)
    assert term.take_replies() == b"\x1b[0n\x1b[3;7R"


def test_cursor_position_report_at_pending_wrap() -> None:
    term = fed(b"abcde\x1b[6n\x1b[?6n", rows=2, cols=5)
    assert term.take_replies() == b"\x1b[1;5R\x1b[?1;5R"


@pytest.mark.parametrize(
    ("setup", "query", "answer"),
    [
        (b"\x1b[?2004h", b"\x1b[?2004$p", b"\x1b[?2004;1$y"),
        (b"", b"\x1b[?2004$p", b"\x1b[?2004;2$y"),
        (b"", b"\x1b[?25$p", b"\x1b[?25;1$y"),
        (b"\x1b[?1049h", b"\x1b[?1049$p", b"\x1b[?1049;1$y"),
        (b"\x1b[?1002h", b"\x1b[?1000$p", b"\x1b[?1000;2$y"),
        (b"\x1b[?2026h", b"\x1b[?2026$p", b"\x1b[?2026;1$y"),
        (b"", b"\x1b[?4321$p", b"\x1b[?4321;0$y"),
        (b"\x1b[4h", b"\x1b[4$p", b"\x1b[4;1$y"),
        (b"", b"\x1b[20$p", b"\x1b[20;2$y"),
        (b"", b"\x1b[3$p", b"\x1b[3;0$y"),
    ],
)
def test_decrqm(setup: bytes, query: bytes, answer: bytes) -> None:
    term = fed(setup)
    term.take_replies()
    term.feed(query)
    assert term.take_replies() == answer
    assert row_text(term, 0) == ""


def test_deccolm_is_ignored() -> None:
    term = fed(b"abc\x1b[?3h", rows=2, cols=10)
    assert len(term.visible_row(0)) == 10
    assert row_text(term, 0) == "abc"


def test_unhandled_marked_sequences_are_swallowed() -> None:
    term = fed(b'a\x1b[?4mb\x1b[>qc\x1b[=cd\x1b[?5Ae\x1b[1"qf', rows=2, cols=10)
    assert row_text(term, 0) == "abcdef"
    assert term.take_replies() == b""
