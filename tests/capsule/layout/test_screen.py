"""ScreenLayout rows for a client terminal size (spec A10)."""

from __future__ import annotations

import pytest

from jackin_capsule.layout import Rect, ScreenLayout


def test_standard_terminal_rows() -> None:
    layout = ScreenLayout.for_size(24, 80)
    assert (layout.rows, layout.cols) == (24, 80)
    assert layout.tab_row == 0
    assert layout.underline_row == 1
    assert layout.content == Rect(2, 0, 18, 80)
    assert layout.content.bottom == 20  # rows 2..19 = 2..R-5
    assert layout.blank_rows == (20, 22)
    assert layout.hint_row == 21
    assert layout.context_row == 23


@pytest.mark.parametrize(
    ("rows", "cols", "expected"),
    [
        (0, 0, (24, 80)),
        (0, 120, (24, 120)),
        (50, 0, (50, 80)),
        (1, 1, (5, 3)),
        (4, 2, (5, 3)),
        (-3, -3, (24, 80)),
    ],
)
def test_size_is_normalised(rows: int, cols: int, expected: tuple[int, int]) -> None:
    layout = ScreenLayout.for_size(rows, cols)
    assert (layout.rows, layout.cols) == expected


@pytest.mark.parametrize(("rows", "content_rows"), [(5, 0), (6, 0), (7, 1), (8, 2)])
def test_small_terminals_shrink_the_content_area_to_nothing(rows: int, content_rows: int) -> None:
    layout = ScreenLayout.for_size(rows, 40)
    assert layout.content.rows == content_rows
    assert layout.content.top == 2
    assert layout.context_row == rows - 1
    assert layout.hint_row == rows - 3
    assert layout.hint_row > layout.underline_row
    assert layout.content.bottom <= layout.hint_row


def test_layout_is_hashable_and_comparable() -> None:
    assert ScreenLayout.for_size(30, 100) == ScreenLayout.for_size(30, 100)
    assert len({ScreenLayout.for_size(30, 100), ScreenLayout.for_size(30, 100)}) == 1
