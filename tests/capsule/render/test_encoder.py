"""FrameEncoder: what a client terminal shows after decoding the bytes, and how little
is sent for small changes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.layout import Rect
from jackin_capsule.render import (
    DEFAULT_STYLE,
    SYNC_BEGIN,
    SYNC_END,
    Canvas,
    FrameEncoder,
    Style,
    sgr,
)
from tests.capsule.render.support import Terminal

FAST = settings(max_examples=120, deadline=None)
BASE = ["black", "red", "green", "brown", "blue", "magenta", "cyan", "white"]
COLOURS = ["default", *BASE, *(f"bright{name}" for name in BASE), "00ff41", "0050b4", "ff3c3c"]

_styles = st.builds(
    Style,
    fg=st.sampled_from(COLOURS),
    bg=st.sampled_from(COLOURS),
    bold=st.booleans(),
    italics=st.booleans(),
    underscore=st.booleans(),
    strikethrough=st.booleans(),
    reverse=st.booleans(),
    blink=st.booleans(),
)
_write = st.tuples(
    st.integers(0, 5),
    st.integers(0, 11),
    st.text(alphabet=st.sampled_from("abc xyz世界─│é❯●"), min_size=1, max_size=8),
    _styles,
)


def _canvas(writes: list[tuple[int, int, str, Style]], rows: int = 6, cols: int = 12) -> Canvas:
    canvas = Canvas(rows, cols)
    for row, col, text, style in writes:
        canvas.put_text(row, col, text, style)
    return canvas


def _payload(data: bytes) -> bytes:
    """The frame without its synchronised-output brackets."""
    assert data.startswith(SYNC_BEGIN.encode())
    assert data.endswith(SYNC_END.encode())
    return data[len(SYNC_BEGIN) : -len(SYNC_END)]


def test_sgr_codes() -> None:
    assert sgr(DEFAULT_STYLE) == "\x1b[0m"
    assert sgr(Style(fg="red", bg="blue")) == "\x1b[0;31;44m"
    assert sgr(Style(fg="brightred", bg="brightwhite")) == "\x1b[0;91;107m"
    assert sgr(Style(fg="yellow", bg="brown")) == "\x1b[0;33;43m"
    assert sgr(Style(fg="ff0000", bg="00FF41")) == "\x1b[0;38;2;255;0;0;48;2;0;255;65m"
    assert sgr(Style(bold=True, italics=True, underscore=True, blink=True)) == "\x1b[0;1;3;4;5m"
    assert sgr(Style(reverse=True, strikethrough=True)) == "\x1b[0;7;9m"
    assert sgr(Style(fg="nonsense")) == "\x1b[0m"
    assert sgr(Style(bg="bfightmagenta")) == "\x1b[0;105m"  # pyte's spelling of SGR 105


def test_first_frame_clears_and_paints() -> None:
    canvas = Canvas(3, 10)
    canvas.put_text(1, 2, "hi", Style(fg="00ff41", bold=True))
    data = FrameEncoder().encode(canvas, None)
    assert _payload(data).startswith(b"\x1b[0m\x1b[2J\x1b[H")
    assert data.endswith(b"\x1b[?25l" + SYNC_END.encode())
    terminal = Terminal(3, 10)
    terminal.feed(data)
    assert terminal.mismatches(canvas) == []


def test_unchanged_frame_sends_only_brackets_and_cursor() -> None:
    encoder = FrameEncoder()
    canvas = _canvas([(0, 0, "hello", Style(fg="red"))])
    encoder.encode(canvas, (2, 3))
    assert encoder.encode(canvas.copy(), (2, 3)) == (
        SYNC_BEGIN.encode() + b"\x1b[3;4H\x1b[?25h" + SYNC_END.encode()
    )
    assert encoder.encode(canvas, None) == (SYNC_BEGIN.encode() + b"\x1b[?25l" + SYNC_END.encode())


def test_one_changed_cell_sends_one_move_one_sgr_one_char() -> None:
    encoder = FrameEncoder()
    canvas = _canvas([(0, 0, "hello world", Style(fg="red"))])
    encoder.encode(canvas, None)
    changed = canvas.copy()
    changed.put_text(0, 4, "O", Style(fg="red"))
    assert _payload(encoder.encode(changed, None)) == b"\x1b[1;5H\x1b[0;31mO\x1b[?25l"


def test_style_only_change_is_sent() -> None:
    encoder = FrameEncoder()
    canvas = _canvas([(2, 0, "abc", DEFAULT_STYLE)])
    encoder.encode(canvas, None)
    changed = canvas.copy()
    changed.put_text(2, 1, "b", Style(bold=True))
    assert _payload(encoder.encode(changed, None)) == b"\x1b[3;2H\x1b[0;1mb\x1b[?25l"


def test_distant_changes_in_a_row_are_separate_runs() -> None:
    encoder = FrameEncoder()
    canvas = Canvas(1, 60)
    encoder.encode(canvas, None)
    changed = canvas.copy()
    changed.put_text(0, 0, "a")
    changed.put_text(0, 50, "b")
    payload = _payload(encoder.encode(changed, None))
    assert payload == b"\x1b[1;1H\x1b[0ma\x1b[1;51Hb\x1b[?25l"


def test_close_changes_are_merged() -> None:
    encoder = FrameEncoder()
    canvas = Canvas(1, 20)
    encoder.encode(canvas, None)
    changed = canvas.copy()
    changed.put_text(0, 0, "a")
    changed.put_text(0, 4, "b")
    assert _payload(encoder.encode(changed, None)) == b"\x1b[1;1H\x1b[0ma   b\x1b[?25l"


def test_changing_a_stub_rewrites_its_wide_character() -> None:
    encoder = FrameEncoder()
    terminal = Terminal(1, 8)
    canvas = Canvas(1, 8)
    canvas.put_text(0, 2, "世")
    terminal.feed(encoder.encode(canvas, None))
    changed = canvas.copy()
    changed.put_text(0, 3, "x")  # over the stub: the head turns into a space
    terminal.feed(encoder.encode(changed, None))
    assert terminal.mismatches(changed) == []
    again = changed.copy()
    again.put_text(0, 2, "界")
    terminal.feed(encoder.encode(again, None))
    assert terminal.mismatches(again) == []


def test_full_repaints_everything_and_reset_forgets() -> None:
    encoder = FrameEncoder()
    canvas = _canvas([(0, 0, "abc", Style(fg="blue"))])
    encoder.encode(canvas, None)
    data = encoder.encode(canvas, None, full=True)
    assert b"\x1b[2J" in data
    assert b"abc" in data
    encoder.reset()
    assert b"\x1b[2J" in encoder.encode(canvas, None)


def test_a_size_change_repaints_fully() -> None:
    encoder = FrameEncoder()
    encoder.encode(Canvas(3, 10), None)
    data = encoder.encode(Canvas(4, 10), None)
    assert b"\x1b[2J" in data


def test_cursor_is_positioned_one_based() -> None:
    encoder = FrameEncoder()
    terminal = Terminal(6, 12)
    terminal.feed(encoder.encode(Canvas(6, 12), (4, 7)))
    assert terminal.cursor == (4, 7)
    assert not terminal.cursor_hidden
    terminal.feed(encoder.encode(Canvas(6, 12), None))
    assert terminal.cursor_hidden


def test_last_column_is_written() -> None:
    encoder = FrameEncoder()
    terminal = Terminal(2, 5)
    canvas = Canvas(2, 5)
    canvas.put_text(0, 0, "abcde", Style(bg="red"))
    canvas.put_text(1, 4, "z")
    terminal.feed(encoder.encode(canvas, None))
    assert terminal.mismatches(canvas) == []


def test_scrolled_band_is_sent_as_a_scroll() -> None:
    encoder = FrameEncoder()
    terminal = Terminal(12, 20)
    before = Canvas(12, 20)
    before.put_text(0, 0, "header", Style(fg="green"))
    for row in range(1, 11):
        before.put_text(row, 0, f"line {row:02d} " + "x" * row, Style(fg="cyan"))
    before.put_text(11, 0, "footer")
    terminal.feed(encoder.encode(before, None))
    after = Canvas(12, 20)
    after.put_text(0, 0, "header", Style(fg="green"))
    for row in range(1, 11):
        n = row + 2
        after.put_text(row, 0, f"line {n:02d} " + "x" * n, Style(fg="cyan"))
    after.put_text(11, 0, "footer")
    data = encoder.encode(after, None)
    terminal.feed(data)
    assert terminal.mismatches(after) == []
    assert b"\x1b[2;11r" in data
    assert data.count(b"line") == 2  # only the two new rows are written
    # Scrolling back down uses reverse index.
    data = encoder.encode(before, None)
    terminal.feed(data)
    assert terminal.mismatches(before) == []
    assert b"\x1bM" in data
    assert data.count(b"line") == 2


def test_output_stays_ascii_escapes_plus_utf8_text() -> None:
    canvas = _canvas([(0, 0, "jackin❯ 世", Style(fg="00ff41"))])
    data = FrameEncoder().encode(canvas, None)
    text = data.decode("utf-8")
    assert "❯" in text
    assert not re.search(r"\x1b\[\?7", text)  # never touches autowrap itself


@FAST
@given(
    writes=st.lists(_write, max_size=15),
    cursor=st.none() | st.tuples(st.integers(0, 5), st.integers(0, 11)),
)
def test_a_single_frame_reproduces_the_canvas(
    writes: list[tuple[int, int, str, Style]], cursor: tuple[int, int] | None
) -> None:
    canvas = _canvas(writes)
    terminal = Terminal(6, 12)
    terminal.feed(FrameEncoder().encode(canvas, cursor))
    assert terminal.mismatches(canvas) == []
    if cursor is not None:
        assert terminal.cursor == cursor
    assert terminal.cursor_hidden is (cursor is None)


@FAST
@given(
    frames=st.lists(
        st.tuples(
            st.lists(_write, max_size=6),
            st.integers(-3, 3),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_successive_diffs_reproduce_every_frame(
    frames: list[tuple[list[tuple[int, int, str, Style]], int, bool]],
) -> None:
    encoder = FrameEncoder()
    terminal = Terminal(6, 12)
    canvas = Canvas(6, 12)
    for writes, shift, full in frames:
        following = Canvas(6, 12)
        # Shift a band of the previous frame (exercises the scroll path) then draw.
        for row in range(1, 5):
            source = row + shift
            if 1 <= source < 5:
                following.blit(row, 0, canvas.row_chars(source), canvas.row_styles(source))
        for row in (0, 5):
            following.blit(row, 0, canvas.row_chars(row), canvas.row_styles(row))
        for row, col, text, style in writes:
            following.put_text(row, col, text, style)
        canvas = following
        terminal.feed(encoder.encode(canvas, None, full=full))
        assert terminal.mismatches(canvas) == []


def test_fill_backgrounds_round_trip() -> None:
    canvas = Canvas(4, 9)
    canvas.fill(Rect(1, 1, 2, 7), " ", Style(bg="ffffff"))
    canvas.put_text(2, 2, "ok", Style(fg="0050b4", bg="ffffff", underscore=True))
    terminal = Terminal(4, 9)
    terminal.feed(FrameEncoder().encode(canvas, None))
    assert terminal.mismatches(canvas) == []
