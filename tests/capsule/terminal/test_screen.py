"""Grid behaviour: drawing, alternate screen, scrollback, preserve-on-clear, resize."""

from __future__ import annotations

import pytest

from jackin_capsule.terminal import PaneTerminal
from tests.capsule.terminal.support import fed, row_text, rows_text


def lines(count: int, prefix: str = "line") -> bytes:
    return "".join(f"{prefix}{index}\r\n" for index in range(count)).encode()


# -- drawing ---------------------------------------------------------------------------------


def test_text_and_attributes_land_in_cells() -> None:
    term = fed(b"ab\x1b[1;31mcd\x1b[0me")
    row = term.visible_row(0)
    assert len(row) == 20
    assert [cell.data for cell in row[:5]] == list("abcde")
    assert (row[1].fg, row[1].bold) == ("default", False)
    assert (row[2].fg, row[2].bold) == ("red", True)
    assert (row[4].fg, row[4].bold) == ("default", False)
    assert term.cursor() == (0, 5)


def test_truecolour_and_256_colours() -> None:
    term = fed(b"\x1b[38;2;1;2;3mx\x1b[48;5;196my")
    assert term.visible_row(0)[0].fg == "010203"
    assert term.visible_row(0)[1].bg == "ff0000"


def test_autowrap_continues_on_the_next_row() -> None:
    term = fed(b"abcdefgh", rows=3, cols=5)
    assert rows_text(term) == ["abcde", "fgh  ", "     "]
    assert term.cursor() == (1, 3)


def test_pending_wrap_keeps_cursor_on_last_column() -> None:
    term = fed(b"abcde", rows=3, cols=5)
    assert term.cursor() == (0, 4)
    term.feed(b"f")
    assert term.cursor() == (1, 1)


def test_without_autowrap_the_last_column_is_overwritten() -> None:
    term = fed(b"\x1b[?7labcdefgh", rows=3, cols=5)
    assert rows_text(term) == ["abcdh", "     ", "     "]


def test_insert_mode_shifts_existing_cells() -> None:
    term = fed(b"abc\r\x1b[4hX\x1b[4lY", rows=2, cols=6)
    assert row_text(term, 0) == "XYbc"


def test_wide_characters_take_two_cells() -> None:
    term = fed("中a".encode(), rows=2, cols=6)
    assert [cell.data for cell in term.visible_row(0)[:3]] == ["中", "", "a"]
    assert term.cursor() == (0, 3)


def test_zero_width_characters_join_the_previous_cell_and_keep_the_rest() -> None:
    # pyte drops the rest of a text run after a variation selector; this must not.
    term = fed("❤\ufe0f ok e\u0301!".encode(), rows=2, cols=12)
    cells = [cell.data for cell in term.visible_row(0)]
    assert cells[0] == "❤\ufe0f"
    assert "".join(cells[1:7]) == " ok é!"


def test_zero_width_after_a_wide_character_joins_the_character() -> None:
    term = fed("中\u200d".encode(), rows=2, cols=6)
    assert [cell.data for cell in term.visible_row(0)[:2]] == ["中\u200d", ""]


def test_utf8_split_across_feeds() -> None:
    data = "é中😀".encode()
    term = PaneTerminal(2, 10)
    for byte in data:
        term.feed(bytes([byte]))
    assert row_text(term, 0) == "é中😀"


def test_visible_row_outside_the_screen_raises() -> None:
    term = PaneTerminal(3, 4)
    with pytest.raises(IndexError):
        term.visible_row(3)
    with pytest.raises(IndexError):
        term.visible_row(-1)


def test_invalid_sizes_are_rejected() -> None:
    with pytest.raises(ValueError, match="positive"):
        PaneTerminal(0, 10)
    term = PaneTerminal(2, 2)
    with pytest.raises(ValueError, match="positive"):
        term.resize(2, 0)


def test_malformed_sequences_do_not_lose_the_following_text() -> None:
    # Each of these makes a stock pyte handler raise (wrong arity / unknown parameter).
    term = fed(b"\x1b[1;2;3Aa\x1b[5;6nb\x1b[9Kc\x1b[9Jd", rows=2, cols=10)
    assert row_text(term, 0) == "abcd"


# -- alternate screen --------------------------------------------------------------------------


def test_1049_switches_to_a_clear_alt_screen_and_back() -> None:
    term = fed(b"primary\r\nsecond", rows=3, cols=10)
    term.feed(b"\x1b[?1049h")
    assert term.modes.alt_screen
    assert rows_text(term) == [" " * 10] * 3
    assert term.cursor() == (1, 6)  # the cursor stays where it was
    term.feed(b"\x1b[Halt text")
    assert row_text(term, 0) == "alt text"
    term.feed(b"\x1b[?1049l")
    assert [row_text(term, row) for row in range(3)] == ["primary", "second", ""]
    assert (term.modes.alt_screen, term.cursor()) == (False, (1, 6))  # cursor restored


def test_1049_restores_cursor_attributes() -> None:
    term = fed(b"\x1b[31m\x1b[?1049h\x1b[0m\x1b[?1049lx", rows=2, cols=5)
    assert term.visible_row(0)[0].fg == "red"


def test_1049_clears_the_alt_screen_on_entry_but_47_keeps_it() -> None:
    term = fed(b"\x1b[?47hkept\x1b[?47l", rows=2, cols=10)
    term.feed(b"\x1b[?47h")
    assert row_text(term, 0) == "kept"
    term.feed(b"\x1b[?47l\x1b[?1049h")
    assert row_text(term, 0) == ""


def test_1047_clears_the_alt_screen_on_exit() -> None:
    term = fed(b"\x1b[?1047hgone\x1b[?1047l\x1b[?47h", rows=2, cols=10)
    assert row_text(term, 0) == ""


def test_no_scrollback_on_the_alt_screen() -> None:
    term = fed(b"\x1b[?1049h" + lines(50), rows=3, cols=10)
    assert term.history_lines == 0
    term.scroll(5)
    assert term.scroll_offset == 0


def test_entering_the_alt_screen_returns_to_live() -> None:
    term = fed(lines(20), rows=3, cols=10)
    term.scroll(4)
    assert term.scroll_offset == 4
    term.feed(b"\x1b[?1049h")
    assert term.scroll_offset == 0


def test_ris_leaves_the_alt_screen() -> None:
    term = fed(b"\x1b[?1049halt\x1bc", rows=2, cols=10)
    assert not term.modes.alt_screen
    assert rows_text(term) == [" " * 10] * 2


# -- scrollback ----------------------------------------------------------------------------------


def test_lines_scroll_into_history_in_order() -> None:
    term = fed(lines(10), rows=3, cols=10)
    assert term.history_lines == 8
    assert [row_text(term, row) for row in range(3)] == ["line8", "line9", ""]
    term.scroll(8)
    assert term.scroll_offset == 8
    assert [row_text(term, row) for row in range(3)] == ["line0", "line1", "line2"]
    term.scroll(-7)
    assert [row_text(term, row) for row in range(3)] == ["line7", "line8", "line9"]


def test_scrolled_rows_keep_their_attributes() -> None:
    term = fed(b"\x1b[32mgreen\x1b[0m\r\n" + lines(3), rows=2, cols=8)
    term.scroll(term.history_lines)
    assert term.visible_row(0)[0].fg == "green"
    assert len(term.visible_row(0)) == 8


def test_scroll_clamps_and_marks_rows_dirty() -> None:
    term = fed(lines(5), rows=3, cols=10)
    term.clear_dirty()
    term.scroll(100)
    assert term.scroll_offset == term.history_lines == 3
    assert term.dirty >= {0, 1, 2}
    term.clear_dirty()
    term.scroll(1)
    assert not term.dirty
    term.scroll(-100)
    assert term.scroll_offset == 0


def test_cursor_is_hidden_while_scrolled_back() -> None:
    term = fed(lines(5), rows=3, cols=10)
    assert term.cursor_visible()
    term.scroll(1)
    assert not term.cursor_visible()


def test_scrolled_view_stays_anchored_to_content() -> None:
    term = fed(lines(10), rows=3, cols=10)
    term.scroll(5)
    before = [row_text(term, row) for row in range(3)]
    term.clear_dirty()
    term.feed(lines(4, prefix="new"))
    assert [row_text(term, row) for row in range(3)] == before
    assert term.scroll_offset == 9
    assert term.dirty >= {0, 1, 2}


def test_history_is_bounded() -> None:
    term = fed(lines(100), rows=3, cols=10, history=20)
    assert term.history_lines == 20
    term.scroll(100)
    assert row_text(term, 0) == "line78"


def test_scroll_region_below_the_top_does_not_feed_history() -> None:
    term = fed(b"\x1b[2;3r\x1b[3;1H" + lines(5), rows=4, cols=10)
    assert term.history_lines == 0


def test_scroll_region_from_the_top_feeds_history() -> None:
    term = fed(b"\x1b[1;2r\x1b[2;1H" + lines(5), rows=4, cols=10)
    assert term.history_lines == 5
    assert row_text(term, 0) == "line4"


def test_clear_scrollback_keeps_the_visible_grid() -> None:
    term = fed(lines(10), rows=3, cols=10)
    term.scroll(3)
    term.clear_scrollback()
    assert term.history_lines == 0
    assert term.scroll_offset == 0
    assert [row_text(term, row) for row in range(3)] == ["line8", "line9", ""]
    assert term.cursor() == (2, 0)


# -- preserve on clear ---------------------------------------------------------------------------


def test_ed2_pushes_the_visible_rows_into_history() -> None:
    term = fed(b"one\r\ntwo\r\n\r\n", rows=5, cols=10)
    term.feed(b"\x1b[2J")
    assert rows_text(term) == [" " * 10] * 5
    assert term.history_lines == 2
    term.scroll(2)
    assert [row_text(term, row) for row in range(2)] == ["one", "two"]


def test_ed0_at_home_preserves_but_elsewhere_does_not() -> None:
    term = fed(b"one\r\ntwo", rows=4, cols=10)
    term.feed(b"\x1b[2;1H\x1b[J")
    assert term.history_lines == 0
    assert row_text(term, 0) == "one"
    term.feed(b"\x1b[H\x1b[J")
    assert term.history_lines == 1
    assert row_text(term, 0) == ""


def test_identical_redraws_are_preserved_once() -> None:
    frame = b"\x1b[H\x1b[2Jstatus: ok\r\nline two"
    term = fed(frame * 4, rows=4, cols=12)
    term.feed(b"\x1b[2J")
    assert term.history_lines == 2
    term.feed(b"\x1b[Hchanged\x1b[2J")
    assert term.history_lines == 3


def test_blank_screen_is_not_preserved() -> None:
    term = fed(b"\x1b[2J\x1b[2J", rows=3, cols=5)
    assert term.history_lines == 0


def test_ed3_keeps_history_and_the_screen() -> None:
    term = fed(lines(6) + b"tail", rows=3, cols=10)
    history = term.history_lines
    term.feed(b"\x1b[3J")
    assert term.history_lines == history
    assert row_text(term, 2) == "tail"


def test_no_preservation_on_the_alt_screen() -> None:
    term = fed(b"\x1b[?1049hfull screen app\x1b[2J", rows=3, cols=20)
    assert term.history_lines == 0


# -- resize ----------------------------------------------------------------------------------------


def test_shrinking_with_the_cursor_at_the_bottom_pushes_top_rows() -> None:
    term = fed(b"a\r\nb\r\nc\r\nd", rows=4, cols=5)
    term.resize(2, 5)
    assert (term.rows, term.cols) == (2, 5)
    assert [row_text(term, row) for row in range(2)] == ["c", "d"]
    assert term.cursor() == (1, 1)
    assert term.history_lines == 2


def test_shrinking_with_the_cursor_at_the_top_drops_rows_below() -> None:
    term = fed(b"a\r\nb\r\nc\x1b[H", rows=4, cols=5)
    term.resize(2, 5)
    assert [row_text(term, row) for row in range(2)] == ["a", "b"]
    assert term.history_lines == 0
    assert term.cursor() == (0, 0)


def test_growing_adds_blank_rows_and_columns() -> None:
    term = fed(b"abc\r\ndef", rows=2, cols=3)
    term.resize(4, 6)
    assert rows_text(term) == ["abc   ", "def   ", " " * 6, " " * 6]
    term.feed(b"\r\n\txyz")
    assert row_text(term, 2) == "     xyz"[:6]


def test_narrowing_truncates_and_clamps_the_cursor() -> None:
    term = fed(b"abcdef", rows=2, cols=8)
    term.resize(2, 3)
    assert rows_text(term) == ["abc", "   "]
    assert term.cursor() == (0, 2)


def test_tab_stops_follow_the_width() -> None:
    term = fed(b"", rows=2, cols=10)
    term.resize(2, 30)
    term.feed(b"\t\t\tX")
    assert term.visible_row(0)[24].data == "X"


def test_resize_on_the_alt_screen_keeps_the_primary_screen() -> None:
    term = fed(b"a\r\nb\r\nc\r\nd\x1b[?1049h", rows=4, cols=5)
    term.resize(2, 5)
    term.feed(b"\x1b[?1049l")
    assert [row_text(term, row) for row in range(2)] == ["c", "d"]
    assert term.history_lines == 2
    assert term.cursor() == (1, 1)


def test_resize_marks_every_row_dirty_and_clamps_the_offset() -> None:
    term = fed(lines(10), rows=4, cols=8)
    term.scroll(6)
    term.clear_dirty()
    term.resize(3, 8)
    assert term.dirty >= {0, 1, 2}
    assert term.scroll_offset <= term.history_lines


def test_ris_preserves_the_primary_screen() -> None:
    term = fed(b"keep me\x1bc", rows=3, cols=10)
    assert term.history_lines == 1
    term.scroll(1)
    assert row_text(term, 0) == "keep me"


def test_a_large_burst_fast_forwards_and_keeps_its_lines_in_scrollback() -> None:
    term = PaneTerminal(24, 80)
    term.feed(b"$ cat big.txt\r\n")
    term.feed(b"".join(b"\x1b[32mline\x1b[0m %d\r\n" % index for index in range(2000)))
    assert term.fast_forwards == 1
    assert [row_text(term, row) for row in (0, 22, 23)] == ["line 1977", "line 1999", ""]
    assert term.history_lines == 1 + 1977
    term.scroll(term.history_lines)
    assert [row_text(term, row) for row in range(3)] == ["$ cat big.txt", "line 0", "line 1"]
    assert term.visible_row(1)[0].fg == "green"  # the first line is emulated
    assert term.visible_row(2)[0].fg == "default"  # fast-forwarded rows keep no attributes
    term.scroll(2 - term.scroll_offset)  # T (the last 26 lines) pushed lines 1974..1976
    assert [row_text(term, row) for row in range(3)] == ["line 1975", "line 1976", "line 1977"]
    assert term.visible_row(0)[0].fg == "green"  # rows that scrolled off normally keep them


def test_fast_forward_can_be_disabled() -> None:
    data = b"".join(b"line %d\r\n" % index for index in range(2000))
    assert fed(data, rows=24, cols=80, fast_forward=False).fast_forwards == 0
    assert fed(data, rows=24, cols=80).fast_forwards == 1


@pytest.mark.parametrize(
    "blocker",
    [b"\x1b[2;20r", b"\x1b[4h", b"\x1b[20h"],
    ids=["scroll-margins", "insert-mode", "newline-mode"],
)
def test_fast_forward_stays_off_when_the_screen_state_forbids_it(blocker: bytes) -> None:
    term = fed(blocker, rows=24, cols=80)
    term.feed(b"".join(b"line %d\r\n" % index for index in range(2000)))
    assert term.fast_forwards == 0
