"""PaneTree: splits, removal, geometry, neighbours, resize and zoom (spec A10)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.layout import (
    Direction,
    Leaf,
    PaneTree,
    Rect,
    Split,
    split_extent,
)

AREA = Rect(2, 0, 18, 80)
FAST = settings(max_examples=150, deadline=None)


def _grid() -> PaneTree:
    """1 | 2 on top, 3 | 4 below (1 split right into 2, then each split down)."""
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.RIGHT)
    tree.split(1, 3, Direction.DOWN)
    tree.split(2, 4, Direction.DOWN)
    return tree


def _covers_exactly(boxes: dict[int, Rect], area: Rect) -> bool:
    cells: set[tuple[int, int]] = set()
    for box in boxes.values():
        for row in range(box.top, box.bottom):
            for col in range(box.left, box.right):
                if (row, col) in cells:
                    return False
                cells.add((row, col))
    expected = {
        (row, col) for row in range(area.top, area.bottom) for col in range(area.left, area.right)
    }
    return cells == expected


def test_single_pane_fills_the_area() -> None:
    tree = PaneTree.single(7)
    assert tree.sessions() == [7]
    assert tree.focused == 7
    assert tree.layout(AREA) == {7: AREA}
    assert PaneTree.interior(AREA) == Rect(3, 1, 16, 78)


def test_interior_of_a_tiny_box_is_empty_not_negative() -> None:
    assert PaneTree.interior(Rect(5, 5, 1, 1)) == Rect(6, 6, 0, 0)
    assert PaneTree.interior(Rect(5, 5, 2, 2)).empty


@pytest.mark.parametrize(
    ("side", "order", "vertical"),
    [
        (Direction.RIGHT, [1, 2], False),
        (Direction.LEFT, [2, 1], False),
        (Direction.DOWN, [1, 2], True),
        (Direction.UP, [2, 1], True),
    ],
)
def test_split_places_new_pane_on_the_requested_side(
    side: Direction, order: list[int], vertical: bool
) -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, side)
    assert tree.sessions() == order
    assert tree.focused == 2
    root = tree.root
    assert isinstance(root, Split)
    assert root.vertical is vertical
    assert root.ratio == 0.5


def test_side_by_side_boxes_abut_and_round_half_up() -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.RIGHT)
    boxes = tree.layout(Rect(0, 0, 10, 81))
    assert boxes[1] == Rect(0, 0, 10, 41)  # floor(81 * 0.5 + 0.5)
    assert boxes[2] == Rect(0, 41, 10, 40)


def test_stacked_boxes() -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.UP)
    boxes = tree.layout(AREA)
    assert boxes[2] == Rect(2, 0, 9, 80)
    assert boxes[1] == Rect(11, 0, 9, 80)


def test_split_keeps_room_for_an_interior_row_in_nested_stacks() -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.DOWN)
    tree.split(2, 3, Direction.DOWN)  # 2 and 3 share the bottom half
    tree.resize(1, Direction.DOWN, 0.45)  # top pane wants 95 %
    boxes = tree.layout(Rect(0, 0, 10, 20))
    assert boxes[1].rows == 4
    assert boxes[2].rows == 3
    assert boxes[3].rows == 3
    assert all(PaneTree.interior(box).rows >= 1 for box in boxes.values())


@pytest.mark.parametrize(
    ("total", "ratio", "mins", "expected"),
    [
        (80, 0.5, (3, 3), 40),
        (81, 0.5, (3, 3), 41),
        (10, 0.05, (3, 3), 3),
        (10, 0.95, (3, 3), 7),
        (5, 0.5, (3, 3), 3),  # too small for two interiors: both keep a cell
        (5, 0.05, (3, 3), 1),
        (1, 0.5, (3, 3), 1),
        (0, 0.5, (3, 3), 0),
    ],
)
def test_split_extent_rounding(
    total: int, ratio: float, mins: tuple[int, int], expected: int
) -> None:
    assert split_extent(total, ratio, *mins) == expected


def test_split_errors() -> None:
    tree = PaneTree.single(1)
    with pytest.raises(KeyError):
        tree.split(9, 2, Direction.RIGHT)
    with pytest.raises(ValueError, match="already"):
        tree.split(1, 1, Direction.RIGHT)
    with pytest.raises(KeyError):
        tree.remove(9)
    with pytest.raises(KeyError):
        tree.focus(9)


def test_ratio_is_clamped_and_sanitised() -> None:
    assert Split(False, Leaf(1), Leaf(2), 2.0).ratio == 0.95
    assert Split(False, Leaf(1), Leaf(2), -1.0).ratio == 0.05
    assert Split(False, Leaf(1), Leaf(2), float("nan")).ratio == 0.5


def test_constructor_rejects_duplicate_sessions() -> None:
    with pytest.raises(ValueError, match="twice"):
        PaneTree(Split(False, Leaf(1), Leaf(1)))


def test_remove_lets_the_sibling_take_the_parent_place() -> None:
    tree = _grid()
    assert tree.sessions() == [1, 3, 2, 4]
    assert tree.remove(3) is False
    assert tree.sessions() == [1, 2, 4]
    boxes = tree.layout(AREA)
    assert boxes[1] == Rect(2, 0, 18, 40)  # 1 now owns the whole left column
    assert _covers_exactly(boxes, AREA)


def test_removing_the_focused_pane_focuses_the_nearest_sibling_pane() -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.RIGHT)
    tree.split(2, 3, Direction.DOWN)  # left: 1; right column: 2 over 3
    tree.focus(1)
    tree.remove(1)
    assert tree.focused == 2  # the right column's first pane
    tree.split(3, 4, Direction.LEFT)  # 2 over (4 | 3)
    assert tree.focused == 4
    tree.remove(4)
    assert tree.focused == 3


def test_removing_an_unfocused_pane_keeps_focus() -> None:
    tree = _grid()
    tree.focus(4)
    tree.remove(1)
    assert tree.focused == 4


def test_removing_the_last_pane_empties_the_tree() -> None:
    tree = PaneTree.single(1)
    assert tree.remove(1) is True
    assert tree.root is None
    assert tree.focused is None
    assert tree.sessions() == []
    assert tree.layout(AREA) == {}
    assert len(tree) == 0


@pytest.mark.parametrize(
    ("start", "direction", "expected"),
    [
        (1, Direction.RIGHT, 2),
        (1, Direction.DOWN, 3),
        (1, Direction.LEFT, None),
        (1, Direction.UP, None),
        (4, Direction.LEFT, 3),
        (4, Direction.UP, 2),
        (3, Direction.UP, 1),
        (2, Direction.LEFT, 1),
    ],
)
def test_neighbours_in_a_grid(start: int, direction: Direction, expected: int | None) -> None:
    assert _grid().neighbour(start, direction) == expected


def test_neighbour_prefers_the_largest_shared_edge() -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.RIGHT)
    tree.split(2, 3, Direction.DOWN)
    tree.resize(2, Direction.DOWN, 0.3)  # 2 now covers 80 % of the right column
    assert tree.neighbour(1, Direction.RIGHT) == 2
    assert tree.resize(2, Direction.UP) is False  # 2 has no border above it
    assert tree.resize(3, Direction.UP, 0.6) is True  # 3 grows: 2 covers 20 %
    assert tree.neighbour(1, Direction.RIGHT) == 3


def test_neighbour_of_unknown_pane() -> None:
    with pytest.raises(KeyError):
        _grid().neighbour(99, Direction.LEFT)


def test_resize_moves_the_nearest_border_on_that_side() -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.RIGHT)
    tree.split(1, 3, Direction.RIGHT)  # 1 | 3 | 2 with (1 | 3) nested on the left
    assert tree.resize(1, Direction.RIGHT) is True
    root = tree.root
    assert isinstance(root, Split)
    assert isinstance(root.first, Split)
    assert root.first.ratio == pytest.approx(0.55)  # the inner 1|3 border moved
    assert root.ratio == 0.5
    assert tree.resize(3, Direction.RIGHT) is True  # 3's right border is the outer one
    root = tree.root
    assert isinstance(root, Split)
    assert root.ratio == pytest.approx(0.55)
    assert tree.resize(2, Direction.LEFT) is True  # pane 2 grows leftwards
    root = tree.root
    assert isinstance(root, Split)
    assert root.ratio == pytest.approx(0.5)


def test_resize_without_a_border_on_that_side() -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.RIGHT)
    assert tree.resize(1, Direction.LEFT) is False
    assert tree.resize(1, Direction.UP) is False
    assert tree.resize(2, Direction.RIGHT) is False
    assert tree.resize(1, Direction.RIGHT, float("inf")) is False
    assert PaneTree.single(1).resize(1, Direction.DOWN) is False


def test_resize_clamps_the_ratio() -> None:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.DOWN)
    for _ in range(30):
        tree.resize(1, Direction.DOWN)
    root = tree.root
    assert isinstance(root, Split)
    assert root.ratio == 0.95
    for _ in range(40):
        tree.resize(2, Direction.UP)
    root = tree.root
    assert isinstance(root, Split)
    assert root.ratio == 0.05
    boxes = tree.layout(AREA)
    assert all(PaneTree.interior(box).rows >= 1 for box in boxes.values())


def test_zoom_shows_only_the_focused_pane() -> None:
    tree = _grid()
    tree.focus(4)
    assert tree.toggle_zoom() is True
    assert tree.zoomed
    assert tree.layout(AREA) == {4: AREA}
    tree.focus(2)
    assert tree.layout(AREA) == {2: AREA}
    assert tree.toggle_zoom() is False
    assert len(tree.layout(AREA)) == 4


def test_zoom_is_a_no_op_with_one_pane() -> None:
    tree = PaneTree.single(1)
    assert tree.toggle_zoom() is False
    assert not tree.zoomed


def test_closing_the_zoomed_pane_clears_zoom_but_closing_another_keeps_it() -> None:
    tree = _grid()
    tree.focus(1)
    tree.toggle_zoom()
    tree.remove(4)
    assert tree.layout(AREA) == {1: AREA}  # still zoomed
    tree.remove(1)
    assert not tree.zoomed
    assert len(tree.layout(AREA)) == 2


def test_split_clears_zoom() -> None:
    tree = _grid()
    tree.toggle_zoom()
    tree.split(tree.focused or 0, 5, Direction.RIGHT)
    assert not tree.zoomed
    assert 5 in tree.layout(AREA)


_ops = st.lists(
    st.tuples(
        st.sampled_from(["split", "remove", "resize", "focus"]),
        st.integers(min_value=0, max_value=40),
        st.sampled_from(list(Direction)),
    ),
    max_size=30,
)


@FAST
@given(ops=_ops, rows=st.integers(min_value=0, max_value=60), cols=st.integers(0, 200))
def test_random_trees_tile_the_area(
    ops: list[tuple[str, int, Direction]], rows: int, cols: int
) -> None:
    tree = PaneTree.single(0)
    next_id = 1
    for op, pick, direction in ops:
        ids = tree.sessions()
        target = ids[pick % len(ids)]
        if op == "split" and len(ids) < 8:
            tree.split(target, next_id, direction)
            next_id += 1
        elif op == "remove" and len(ids) > 1:
            tree.remove(target)
        elif op == "resize":
            tree.resize(target, direction, 0.1)
        elif op == "focus":
            tree.focus(target)
        assert tree.focused in tree.sessions()
    area = Rect(2, 0, rows, cols)
    boxes = tree.layout(area)
    assert sorted(boxes) == sorted(tree.sessions())
    assert list(boxes) == tree.sessions()
    assert _covers_exactly(boxes, area)
    for session in tree.sessions():
        for direction in Direction:
            other = tree.neighbour(session, direction)
            assert other is None or (other != session and other in boxes)


@FAST
@given(ops=_ops)
def test_roomy_areas_give_every_pane_an_interior(ops: list[tuple[str, int, Direction]]) -> None:
    tree = PaneTree.single(0)
    next_id = 1
    for op, pick, direction in ops:
        ids = tree.sessions()
        target = ids[pick % len(ids)]
        if op == "split" and len(ids) < 6:
            tree.split(target, next_id, direction)
            next_id += 1
        elif op == "resize":
            tree.resize(target, direction, 0.3)
    # Six panes need at most 6 * 3 cells along either axis.
    for box in tree.layout(Rect(0, 0, 18, 18)).values():
        interior = PaneTree.interior(box)
        assert interior.rows >= 1
        assert interior.cols >= 1
