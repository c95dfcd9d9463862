"""Canvas writes: clipping, wide characters and pyte cells."""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.layout import Rect
from jackin_capsule.render import (
    DEFAULT_STYLE,
    Canvas,
    Style,
    char_width,
    convert_cells,
    style_of_char,
    text_cells,
    text_width,
)

RED = Style(fg="red", bold=True)


def _valid(canvas: Canvas) -> bool:
    """Every stub follows a wide cell and every wide cell is followed by a stub."""
    for row in range(canvas.rows):
        chars = canvas.row_chars(row)
        for col, char in enumerate(chars):
            if char == "":
                if col == 0 or char_width(chars[col - 1]) != 2:
                    return False
            elif char_width(char) == 2 and (col + 1 >= len(chars) or chars[col + 1] != ""):
                return False
    return True


def test_new_canvas_is_blank() -> None:
    canvas = Canvas(3, 4)
    assert canvas.lines() == ["    "] * 3
    assert canvas.cell(2, 3) == (" ", DEFAULT_STYLE)


def test_put_text_clips_to_width_and_max_cols() -> None:
    canvas = Canvas(2, 10)
    assert canvas.put_text(0, 7, "abcdef", RED) == 3
    assert canvas.row_text(0) == "       abc"
    assert canvas.cell(0, 9) == ("c", RED)
    assert canvas.put_text(1, 1, "abcdef", RED, max_cols=2) == 2
    assert canvas.row_text(1) == " ab       "
    assert canvas.put_text(5, 0, "x") == 0
    assert canvas.put_text(0, -2, "xyz") == 1
    assert canvas.row_text(0).startswith("z")


def test_wide_characters_take_two_cells() -> None:
    canvas = Canvas(1, 6)
    assert canvas.put_text(0, 0, "世界x") == 5
    assert canvas.row_chars(0) == ["世", "", "界", "", "x", " "]
    assert text_width("世界x") == 5


def test_wide_character_cut_by_the_limit_becomes_a_space() -> None:
    canvas = Canvas(1, 5)
    assert canvas.put_text(0, 2, "a世") == 3
    assert canvas.row_chars(0) == [" ", " ", "a", "世", ""]
    canvas = Canvas(1, 5)
    canvas.put_text(0, 3, "a世")
    assert canvas.row_chars(0) == [" ", " ", " ", "a", " "]
    assert _valid(canvas)


def test_overwriting_half_of_a_wide_character_blanks_the_other_half() -> None:
    canvas = Canvas(1, 6)
    canvas.put_text(0, 0, "世界")
    canvas.put_text(0, 1, "x")  # the stub of 世
    assert canvas.row_chars(0) == [" ", "x", "界", "", " ", " "]
    canvas.put_text(0, 2, "y")  # the head of 界
    assert canvas.row_chars(0) == [" ", "x", "y", " ", " ", " "]
    assert _valid(canvas)


def test_control_characters_become_spaces_and_marks_join_their_base() -> None:
    assert text_cells("a\tb\x1bc") == ("a", " ", "b", " ", "c")
    assert text_cells("e\u0301x") == ("e\u0301", "x")
    assert text_cells("\u0301x") == ("x",)


def test_fill_clips_to_the_canvas() -> None:
    canvas = Canvas(3, 4)
    canvas.fill(Rect(1, 2, 10, 10), "#", RED)
    assert canvas.lines() == ["    ", "  ##", "  ##"]
    assert canvas.cell(2, 3) == ("#", RED)
    canvas.fill(Rect(0, 0, 1, 4), "世", RED)  # a wide fill character is refused
    assert canvas.row_text(0) == "    "


def test_put_cells_copies_pyte_cells_and_styles() -> None:
    screen = pyte.Screen(6, 1)
    pyte.Stream(screen).feed("\x1b[1;31mab\x1b[0;44m世\x1b[38;2;1;2;3mz")
    line = screen.buffer[0]
    canvas = Canvas(1, 8)
    assert canvas.put_cells(0, 1, [line[x] for x in range(6)]) == 6
    assert canvas.row_chars(0) == [" ", "a", "b", "世", "", "z", " ", " "]
    assert canvas.cell(0, 1)[1] == Style(fg="red", bold=True)
    assert canvas.cell(0, 3)[1] == Style(bg="blue")
    assert canvas.cell(0, 5)[1] == Style(fg="010203", bg="blue")
    assert style_of_char(line[0]) is style_of_char(line[1])  # interned


def test_convert_cells_pads_cuts_and_repairs() -> None:
    screen = pyte.Screen(4, 1)
    pyte.Stream(screen).feed("ab世")
    line = [screen.buffer[0][x] for x in range(4)]
    chars, styles = convert_cells(line, 3)  # the cut separates 世 from its stub
    assert chars == ["a", "b", " "]
    chars, styles = convert_cells(line, 6)
    assert chars == ["a", "b", "世", "", " ", " "]
    assert styles == [DEFAULT_STYLE] * 6
    # pyte leaves an orphan stub when a narrow char overwrites a wide one.
    pyte.Stream(screen).feed("\r\x1b[2Cx")
    chars, _ = convert_cells([screen.buffer[0][x] for x in range(4)], 4)
    assert chars == ["a", "b", "x", " "]
    # A wide character in pyte's last column has no stub.
    screen = pyte.Screen(3, 1)
    pyte.Stream(screen).feed("ab世")
    chars, _ = convert_cells([screen.buffer[0][x] for x in range(3)], 3)
    assert chars == ["a", "b", " "]


def test_trailing_blanks_are_not_mistaken_when_styled() -> None:
    screen = pyte.Screen(5, 1)
    pyte.Stream(screen).feed("a\x1b[44m  \x1b[0m")
    chars, styles = convert_cells([screen.buffer[0][x] for x in range(5)], 5)
    assert chars == ["a", " ", " ", " ", " "]
    assert styles[1] == Style(bg="blue")
    assert styles[3] == DEFAULT_STYLE


def test_blit_clips_on_both_sides() -> None:
    canvas = Canvas(1, 4)
    canvas.blit(0, -1, ["世", "", "a", "b", "c"], [RED] * 5)
    assert canvas.row_chars(0) == [" ", "a", "b", "c"]
    canvas.blit(0, 2, ["x", "世", ""], [RED] * 3)
    assert canvas.row_chars(0) == [" ", "a", "x", " "]
    canvas.blit(0, 9, ["x"], [RED])
    canvas.blit(3, 0, ["x"], [RED])
    assert canvas.row_chars(0) == [" ", "a", "x", " "]


def test_copy_is_independent() -> None:
    canvas = Canvas(1, 3)
    twin = canvas.copy()
    canvas.put_text(0, 0, "abc")
    assert twin.row_text(0) == "   "


_texts = st.text(alphabet=st.sampled_from("ab 世界é─│\u0301\t"), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    writes=st.lists(
        st.tuples(
            st.integers(0, 2),
            st.integers(-3, 9),
            _texts,
            st.none() | st.integers(0, 8),
        ),
        max_size=12,
    )
)
def test_random_writes_keep_wide_pairs_intact(
    writes: list[tuple[int, int, str, int | None]],
) -> None:
    canvas = Canvas(3, 8)
    for row, col, text, limit in writes:
        canvas.put_text(row, col, text, RED, limit)
        if limit is not None:
            canvas.fill(Rect(row, col, 1, limit % 3))
    assert _valid(canvas)
    assert all(len(canvas.row_chars(row)) == 8 for row in range(3))
