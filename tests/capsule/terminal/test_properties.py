"""Property tests.

- Fast-forward never changes what is visible: a `PaneTerminal` fed any stream equals
  one that emulates every byte (`fast_forward=False`).
- How the byte stream is cut into `feed()` calls never matters.
- The rewritten `draw()` and mode hooks agree with stock pyte where pyte is right; at
  the right margin the reference is stock pyte with the documented xterm rules
  (`MarginReference`, one character at a time).
"""

from __future__ import annotations

import copy
from typing import Any

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from pyte import modes as mo
from pyte.screens import wcwidth

from jackin_capsule.terminal import PaneTerminal
from tests.capsule.terminal.support import history_text, snapshot

FAST = settings(max_examples=300, deadline=None)

NARROW = list("ab XY09.-~")
WIDE = ["中", "文", "😀"]
ZERO_WIDTH = ["\u0301", "\u200d", "\ufe0f"]
SGRS = [
    b"\x1b[0m",
    b"\x1b[m",
    b"\x1b[1m",
    b"\x1b[31m",
    b"\x1b[1;32;44m",
    b"\x1b[7m",
    b"\x1b[38;5;200m",
    b"\x1b[48;2;1;2;3m",
    b"\x1b[22;39m",
]
CONTROLS = [b"\r\n", b"\r\n", b"\n", b"\r", b"\t", b"\b"]
MOVES = [
    b"\x1b[H",
    b"\x1b[A",
    b"\x1b[2B",
    b"\x1b[3C",
    b"\x1b[D",
    b"\x1b[2;3H",
    b"\x1b[5;1H",
    b"\x1b[G",
    b"\x1b[3d",
    b"\x1b7",
    b"\x1b8",
    b"\x1bM",
    b"\x1bD",
    b"\x1bE",
]
ERASES = [
    b"\x1b[K",
    b"\x1b[1K",
    b"\x1b[2K",
    b"\x1b[J",
    b"\x1b[1J",
    b"\x1b[2J",
    b"\x1b[L",
    b"\x1b[M",
    b"\x1b[P",
    b"\x1b[2@",
    b"\x1b[X",
]
BLOCKING_MODES = [b"\x1b[2;3r", b"\x1b[4h"]  # scroll margins and IRM disable fast-forward
MODES = [
    b"\x1b[?1049h",
    b"\x1b[?1049l",
    b"\x1b[?47h",
    b"\x1b[?47l",
    b"\x1b[?1047h",
    b"\x1b[?1047l",
    b"\x1b[?25l",
    b"\x1b[?25h",
    b"\x1b[?7l",
    b"\x1b[?7h",
    b"\x1b[4l",
    b"\x1b[r",
    b"\x1b[>1u",
    b"\x1b[<u",
    b"\x1b[>4;2m",
    b"\x1b[2 q",
    b"\x1b[?2004h",
    b"\x1b[3J",
]
OSCS = [
    b"\x1b]0;title\x07",
    b"\x1b]2;t\x1b\\",
    b"\x1b]7;file://h/tmp\x07",
    b"\x1b]8;;https://x\x1b\\",
    b"\x1b]52;c;YQ==\x07",
    b"\x1b]9;done\x07",
    b"\x1b]11;?\x07",
    b"\x1b_Gx=1;AAAA\x1b\\",
]
QUERIES = [b"\x1b[6n", b"\x1b[c", b"\x1b[?u", b"\x1b[?2004$p", b"\x1b[!p"]


def _text(alphabet: list[str], max_size: int = 24) -> st.SearchStrategy[bytes]:
    return st.text(alphabet=st.sampled_from(alphabet), max_size=max_size).map(str.encode)


TEXT = _text(NARROW + WIDE + ZERO_WIDTH)
LINE = st.tuples(st.sampled_from([b"", *SGRS]), _text([*NARROW, *WIDE, *ZERO_WIDTH, "\t", "\b"]))


def _lines(parts: list[tuple[bytes, bytes]]) -> bytes:
    return b"".join(sgr + text + b"\r\n" for sgr, text in parts)


BURST = st.lists(LINE, min_size=10, max_size=60).map(_lines)

ELEMENT = st.one_of(
    TEXT,
    st.sampled_from(CONTROLS),
    st.sampled_from(SGRS),
    st.sampled_from(MOVES),
    st.sampled_from(ERASES),
    st.sampled_from(MODES + BLOCKING_MODES),
    st.sampled_from(OSCS),
    st.sampled_from(QUERIES),
    BURST,
)
QUIET_ELEMENT = st.one_of(
    TEXT,
    st.sampled_from(CONTROLS),
    st.sampled_from(SGRS),
    st.sampled_from(MOVES),
    st.sampled_from(ERASES),
    st.sampled_from(MODES),
    st.sampled_from(OSCS),
)
SIZES = st.tuples(st.integers(1, 6), st.integers(1, 12))


def _split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(cut, len(data)) for cut in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


@st.composite
def chunked(draw: st.DrawFn, element: st.SearchStrategy[bytes] = ELEMENT) -> list[bytes]:
    """A stream of elements cut into a few feeds at arbitrary byte positions."""
    data = b"".join(draw(st.lists(element, max_size=30)))
    return _split(data, draw(st.lists(st.integers(0, len(data)), max_size=4)))


def observe(term: PaneTerminal) -> tuple[Any, ...]:
    """Everything a caller can see, then the cursor attributes (revealed by drawing)."""
    seen = (
        snapshot(term),
        term.modes,
        term.title,
        term.cwd,
        term.take_replies(),
        term.take_passthrough(),
    )
    term.feed(b"#")
    return (*seen, snapshot(term))


def feed_all(term: PaneTerminal, chunks: list[bytes]) -> PaneTerminal:
    for chunk in chunks:
        term.feed(chunk)
    return term


@FAST
@given(size=SIZES, chunks=chunked())
def test_fast_forward_matches_full_emulation(size: tuple[int, int], chunks: list[bytes]) -> None:
    rows, cols = size
    fast = feed_all(PaneTerminal(rows, cols), chunks)
    full = feed_all(PaneTerminal(rows, cols, fast_forward=False), chunks)
    assert observe(fast) == observe(full)


@st.composite
def big_bursts(draw: st.DrawFn) -> tuple[int, int, bytes, bytes, bytes]:
    """A size, a prefix stream, a burst that fast-forwards, and a suffix stream."""
    rows, cols = draw(SIZES)
    prefix = b"".join(draw(st.lists(QUIET_ELEMENT, max_size=12)))
    first = _lines([draw(LINE)])
    tail = _lines(draw(st.lists(LINE, min_size=rows + 2, max_size=rows + 8)))
    middle_lines = _lines(draw(st.lists(LINE, min_size=1, max_size=12)))
    middle = b""
    while len(middle) <= 4 * rows * cols + len(first) + len(tail) or middle.count(b"\n") < rows:
        middle += middle_lines
    suffix = b"".join(draw(st.lists(QUIET_ELEMENT, max_size=8)))
    return rows, cols, prefix, first + middle + tail, suffix


@FAST
@given(case=big_bursts())
def test_large_bursts_fast_forward_exactly(case: tuple[int, int, bytes, bytes, bytes]) -> None:
    rows, cols, prefix, burst, suffix = case
    # Leave any scroll margins / insert mode the prefix set, so the burst qualifies.
    chunks = [prefix + b"\x1b[r\x1b[4l", burst, suffix]
    fast = feed_all(PaneTerminal(rows, cols), chunks)
    full = feed_all(PaneTerminal(rows, cols, fast_forward=False), chunks)
    assert fast.fast_forwards >= 1
    assert full.fast_forwards == 0
    assert observe(fast) == observe(full)


@FAST
@given(size=SIZES, data=st.lists(ELEMENT, max_size=30).map(b"".join), cuts=st.data())
def test_cutting_the_stream_into_feeds_does_not_matter(
    size: tuple[int, int], data: bytes, cuts: st.DataObject
) -> None:
    rows, cols = size
    whole = PaneTerminal(rows, cols, fast_forward=False)
    whole.feed(data)
    points = cuts.draw(st.lists(st.integers(0, len(data)), max_size=12))
    pieces = feed_all(PaneTerminal(rows, cols), _split(data, points))
    assert observe(pieces) == observe(whole)


@settings(max_examples=50, deadline=None)
@given(size=SIZES, data=st.lists(QUIET_ELEMENT, max_size=20).map(b"".join))
def test_byte_at_a_time(size: tuple[int, int], data: bytes) -> None:
    rows, cols = size
    whole = PaneTerminal(rows, cols)
    whole.feed(data)
    bytewise = feed_all(PaneTerminal(rows, cols), [bytes([byte]) for byte in data])
    assert observe(bytewise) == observe(whole)


PYTE_SAFE = st.one_of(
    _text(NARROW + WIDE),
    st.sampled_from(CONTROLS),
    st.sampled_from(SGRS),
    st.sampled_from(MOVES),
    st.sampled_from(ERASES),
    st.sampled_from([b"\x1b[?7l", b"\x1b[?7h", b"\x1b[4h", b"\x1b[4l", b"\x1b[2;3r", b"\x1b[r"]),
)


class MarginReference(pyte.Screen):
    """Stock pyte with the right-margin rules `PaneScreen` documents (xterm's, where pyte
    differs), drawn one character at a time. `x == columns` is the pending wrap."""

    def draw(self, data: str) -> None:
        data = data.translate(self.g1_charset if self.charset else self.g0_charset)
        for char in data:
            self._draw_one(char, wcwidth(char))

    def _draw_one(self, char: str, width: int) -> None:
        autowrap = mo.DECAWM in self.mode
        insert = mo.IRM in self.mode
        cursor = self.cursor
        if width <= 0:
            return
        if cursor.x == self.columns:  # pending wrap
            if autowrap:
                self.carriage_return()
                self.linefeed()
            else:
                cursor.x -= 1
        if cursor.x + width > self.columns:  # a wide character that does not fit
            if not autowrap or width > self.columns:
                return
            self.carriage_return()
            self.linefeed()
        line = self.buffer[cursor.y]
        x = cursor.x
        if x > 0 and line[x].data == "":  # cutting a wide character's right half
            line[x - 1] = line[x - 1]._replace(data=" ")
        stub = x if insert else x + width  # the stub left without its character, if any
        if stub < self.columns and line[stub].data == "":
            line[stub] = line[stub]._replace(data=" ")
        if insert:
            self.insert_characters(width)
        line[x] = cursor.attrs._replace(data=char)
        if width == 2:
            line[x + 1] = cursor.attrs._replace(data="")
        end = x + width
        cursor.x = end if end < self.columns or autowrap else self.columns - 1
        self.dirty.add(cursor.y)

    def _clear_pending(self) -> None:
        self.cursor.x = min(self.cursor.x, self.columns - 1)

    def index(self) -> None:
        self._clear_pending()
        super().index()

    def reverse_index(self) -> None:
        self._clear_pending()
        super().reverse_index()

    def cursor_up(self, count: int | None = None) -> None:
        self._clear_pending()
        super().cursor_up(count)

    def cursor_down(self, count: int | None = None) -> None:
        self._clear_pending()
        super().cursor_down(count)

    def cursor_to_line(self, line: int | None = None) -> None:
        self._clear_pending()
        super().cursor_to_line(line)

    def next_line(self) -> None:
        self.carriage_return()
        self.index()

    def tab(self) -> None:
        if self.cursor.x < self.columns:
            super().tab()

    def save_cursor(self) -> None:
        super().save_cursor()
        self.savepoints = self.savepoints[-1:]

    def restore_cursor(self) -> None:
        if not self.savepoints:
            self.cursor_position()
            return
        point = self.savepoints[-1]
        self.g0_charset, self.g1_charset = point.g0_charset, point.g1_charset
        self.charset = point.charset
        self.cursor = copy.copy(point.cursor)
        pending = self.cursor.x == self.columns
        self.ensure_hbounds()
        if pending:
            self.cursor.x = self.columns
        self.ensure_vbounds(use_margins=True)


class MarginReferenceStream(pyte.ByteStream):
    escape = {**pyte.ByteStream.escape, "E": "next_line"}  # noqa: RUF012  # as pyte's


@FAST
@given(size=SIZES, data=st.lists(PYTE_SAFE, max_size=40).map(b"".join))
def test_grid_agrees_with_stock_pyte(size: tuple[int, int], data: bytes) -> None:
    rows, cols = size
    reference = MarginReference(cols, rows)
    MarginReferenceStream(reference).feed(data)
    term = PaneTerminal(rows, cols, fast_forward=False)
    term.feed(data)
    for row in range(rows):
        line = reference.buffer[row]
        assert list(term.visible_row(row)) == [line[x] for x in range(cols)], row
    cursor = term._screen.cursor  # the raw column: a pending wrap is `cols`
    assert (cursor.y, cursor.x) == (reference.cursor.y, reference.cursor.x)


PLAIN_LINE = st.tuples(
    st.sampled_from([b"", *SGRS]), _text([*NARROW, *WIDE, "\t", "\b", "\r"], max_size=30)
)


@FAST
@given(
    size=SIZES,
    prompt=_text(NARROW, max_size=10),
    parts=st.lists(PLAIN_LINE, min_size=1, max_size=8),
    copies=st.integers(1, 20),
)
def test_fast_forwarded_scrollback_text_matches_full_emulation(
    size: tuple[int, int], prompt: bytes, parts: list[tuple[bytes, bytes]], copies: int
) -> None:
    """On a fresh pane, only attributes are lost from fast-forwarded scrollback."""
    rows, cols = size
    burst = _lines(parts) * copies
    while len(burst) <= 4 * rows * cols * 3:
        burst += _lines(parts)
    chunks = [b"$ " + prompt + b"\r\n", burst]
    fast = feed_all(PaneTerminal(rows, cols), chunks)
    full = feed_all(PaneTerminal(rows, cols, fast_forward=False), chunks)
    assert history_text(fast) == history_text(full)
    assert observe(fast) == observe(full)
