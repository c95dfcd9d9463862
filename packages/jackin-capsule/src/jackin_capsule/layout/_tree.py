"""The per-tab binary pane tree (spec A10).

Geometry: a split hands its first child `floor(total * ratio + 0.5)` cells along its
axis and the second child the rest, so boxes abut with no gap. That share is then
clamped so each side keeps the minimum extent its subtree needs for every pane box to
have at least 3 cells along the axis (1 interior cell inside the border): a leaf needs
3, a split along the same axis needs the sum of its children, a split across it the
larger of the two. When the area is too small for that, each side keeps at least one
cell if the area has two or more; some boxes then have no interior.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jackin_capsule.layout._geometry import Direction, Rect

__all__ = ["MAX_RATIO", "MIN_RATIO", "Leaf", "Node", "PaneTree", "Split", "split_extent"]

MIN_RATIO = 0.05
MAX_RATIO = 0.95
_MIN_BOX = 3
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Leaf:
    """One pane, showing the session `session_id`."""

    session_id: int


@dataclass(frozen=True, slots=True)
class Split:
    """Two subtrees side by side (`vertical=False`) or stacked (`vertical=True`).

    `first` is the left/top child; `ratio` is its share, clamped to [0.05, 0.95]
    (a non-finite ratio becomes 0.5).
    """

    vertical: bool
    first: Node
    second: Node
    ratio: float = 0.5

    def __post_init__(self) -> None:
        ratio = self.ratio if math.isfinite(self.ratio) else 0.5
        object.__setattr__(self, "ratio", min(MAX_RATIO, max(MIN_RATIO, ratio)))


Node = Leaf | Split

# A path step: the split passed through and whether the walk went into `first`.
_Step = tuple[Split, bool]
_Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the unit square


class PaneTree:
    """A tab's panes: the split tree, the focused session and the tab's zoom flag."""

    __slots__ = ("_focused", "_root", "_zoomed")

    def __init__(self, root: Node | None, *, focused: int | None = None) -> None:
        """A tree over `root`, focused on `focused` (default: its first pane)."""
        self._root = root
        ids = _leaves(root) if root is not None else []
        if len(set(ids)) != len(ids):
            raise ValueError("a session appears twice in the pane tree")
        if focused is None:
            focused = ids[0] if ids else None
        elif focused not in ids:
            raise KeyError(focused)
        self._focused = focused
        self._zoomed = False

    @classmethod
    def single(cls, session_id: int) -> PaneTree:
        """A tree with one pane, focused."""
        return cls(Leaf(session_id))

    @property
    def root(self) -> Node | None:
        """The root node; None once the last pane was removed."""
        return self._root

    @property
    def focused(self) -> int | None:
        """The focused session id; None only for an empty tree."""
        return self._focused

    @property
    def zoomed(self) -> bool:
        """True while the focused pane fills the whole content area."""
        return self._zoomed

    def __contains__(self, session_id: object) -> bool:
        return session_id in self.sessions()

    def __len__(self) -> int:
        return len(self.sessions())

    def sessions(self) -> list[int]:
        """Session ids in render order (left before right, top before bottom)."""
        return _leaves(self._root) if self._root is not None else []

    def focus(self, session_id: int) -> None:
        """Focus `session_id` (a zoomed tab then shows that pane)."""
        if session_id not in self:
            raise KeyError(session_id)
        self._focused = session_id

    def split(self, target_id: int, new_id: int, side: Direction) -> None:
        """Place `new_id` on `side` of `target_id`, half each; focus the new pane.

        Zoom is cleared so the new pane is visible.
        """
        if new_id in self:
            raise ValueError(f"session {new_id} is already in the pane tree")
        path = self._path(target_id)
        target = Leaf(target_id)
        new = Leaf(new_id)
        pair = (new, target) if not side.forward else (target, new)
        replacement = Split(side.vertical, pair[0], pair[1])
        self._root = _rebuild(path, replacement)
        self._focused = new_id
        self._zoomed = False

    def remove(self, session_id: int) -> bool:
        """Remove a pane; its sibling takes the parent's place. True if now empty.

        If it was focused, focus goes to the sibling subtree's pane nearest the removed
        one; if it was the zoomed pane, the zoom is cleared.
        """
        path = self._path(session_id)
        was_focused = session_id == self._focused
        if not path:
            self._root = None
            self._focused = None
            self._zoomed = False
            return True
        parent, went_first = path[-1]
        sibling = parent.second if went_first else parent.first
        self._root = _rebuild(path[:-1], sibling)
        if was_focused:
            sibling_ids = _leaves(sibling)
            self._focused = sibling_ids[0] if went_first else sibling_ids[-1]
            self._zoomed = False
        return False

    def layout(self, area: Rect) -> dict[int, Rect]:
        """The outer box of each visible pane; when zoomed only the focused one, whole."""
        if self._root is None:
            return {}
        if self._zoomed and self._focused is not None:
            return {self._focused: area}
        boxes: dict[int, Rect] = {}
        _place(self._root, area, boxes)
        return boxes

    @staticmethod
    def interior(box: Rect) -> Rect:
        """The cells inside a pane box's single-line border (the PTY size)."""
        return box.inset(1)

    def neighbour(self, session_id: int, direction: Direction) -> int | None:
        """The pane geometrically adjacent to `session_id` in `direction`, if any.

        Adjacency is judged on the split ratios (independent of terminal size): a
        candidate must touch the pane's edge on that side and overlap it along the edge;
        the largest overlap wins, then the one whose start is nearest the pane's start.
        """
        if self._root is None:
            raise KeyError(session_id)
        boxes: dict[int, _Box] = {}
        _unit_place(self._root, (0.0, 0.0, 1.0, 1.0), boxes)
        if session_id not in boxes:
            raise KeyError(session_id)
        x0, y0, x1, y1 = boxes[session_id]
        best: tuple[float, float, int] | None = None
        for other, (ox0, oy0, ox1, oy1) in boxes.items():
            if other == session_id:
                continue
            if direction is Direction.LEFT:
                touches, lo, hi, start, mine = abs(ox1 - x0) < _EPS, oy0, oy1, oy0, y0
            elif direction is Direction.RIGHT:
                touches, lo, hi, start, mine = abs(ox0 - x1) < _EPS, oy0, oy1, oy0, y0
            elif direction is Direction.UP:
                touches, lo, hi, start, mine = abs(oy1 - y0) < _EPS, ox0, ox1, ox0, x0
            else:
                touches, lo, hi, start, mine = abs(oy0 - y1) < _EPS, ox0, ox1, ox0, x0
            if not touches:
                continue
            span = (y0, y1) if not direction.vertical else (x0, x1)
            overlap = min(hi, span[1]) - max(lo, span[0])
            if overlap <= _EPS:
                continue
            key = (-overlap, abs(start - mine), other)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]

    def resize(self, session_id: int, direction: Direction, step: float = 0.05) -> bool:
        """Move the pane's border on the `direction` side by `step`; False if none.

        The border is that of the nearest ancestor split the pane touches on that side
        (the pane is in its first child for RIGHT/DOWN, its second for LEFT/UP); the
        pane grows towards `direction` and the ratio stays within [0.05, 0.95].
        """
        path = self._path(session_id)
        if not math.isfinite(step):
            return False
        for depth in range(len(path) - 1, -1, -1):
            split, went_first = path[depth]
            if split.vertical != direction.vertical or went_first != direction.forward:
                continue
            delta = step if direction.forward else -step
            resized = Split(split.vertical, split.first, split.second, split.ratio + delta)
            self._root = _rebuild(path[:depth], resized)
            return True
        return False

    def toggle_zoom(self) -> bool:
        """Flip the tab's zoom (no-op with fewer than two panes); returns the new state."""
        if len(self) < 2:
            self._zoomed = False
        else:
            self._zoomed = not self._zoomed
        return self._zoomed

    def _path(self, session_id: int) -> list[_Step]:
        """Splits from the root down to the leaf `session_id`; KeyError if absent."""
        if self._root is None:
            raise KeyError(session_id)
        path: list[_Step] = []
        if not _find(self._root, session_id, path):
            raise KeyError(session_id)
        return path

    def __repr__(self) -> str:
        return f"PaneTree({self._root!r}, focused={self._focused!r}, zoomed={self._zoomed})"


def _leaves(node: Node | None) -> list[int]:
    out: list[int] = []
    stack: list[Node] = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, Leaf):
            out.append(current.session_id)
        else:
            stack.append(current.second)
            stack.append(current.first)
    return out


def _find(node: Node, session_id: int, path: list[_Step]) -> bool:
    if isinstance(node, Leaf):
        return node.session_id == session_id
    path.append((node, True))
    if _find(node.first, session_id, path):
        return True
    path[-1] = (node, False)
    if _find(node.second, session_id, path):
        return True
    path.pop()
    return False


def _rebuild(path: list[_Step], replacement: Node) -> Node:
    """The root after replacing the node at the end of `path` with `replacement`."""
    node = replacement
    for split, went_first in reversed(path):
        if went_first:
            node = Split(split.vertical, node, split.second, split.ratio)
        else:
            node = Split(split.vertical, split.first, node, split.ratio)
    return node


def _min_extent(node: Node, vertical: bool) -> int:
    """Cells along the axis that `node` needs for every box to keep an interior."""
    if isinstance(node, Leaf):
        return _MIN_BOX
    first = _min_extent(node.first, vertical)
    second = _min_extent(node.second, vertical)
    return first + second if node.vertical == vertical else max(first, second)


def split_extent(total: int, ratio: float, min_first: int, min_second: int) -> int:
    """Cells given to the first child of a split of `total` cells (see module doc)."""
    share = math.floor(total * ratio + 0.5)
    if total >= min_first + min_second:
        return min(max(share, min_first), total - min_second)
    if total >= 2:
        return min(max(share, 1), total - 1)
    return min(max(share, 0), total)


def _place(node: Node, area: Rect, out: dict[int, Rect]) -> None:
    if isinstance(node, Leaf):
        out[node.session_id] = area
        return
    v = node.vertical
    total = area.rows if v else area.cols
    first = split_extent(total, node.ratio, _min_extent(node.first, v), _min_extent(node.second, v))
    if v:
        _place(node.first, Rect(area.top, area.left, first, area.cols), out)
        _place(node.second, Rect(area.top + first, area.left, total - first, area.cols), out)
    else:
        _place(node.first, Rect(area.top, area.left, area.rows, first), out)
        _place(node.second, Rect(area.top, area.left + first, area.rows, total - first), out)


def _unit_place(node: Node, box: _Box, out: dict[int, _Box]) -> None:
    if isinstance(node, Leaf):
        out[node.session_id] = box
        return
    x0, y0, x1, y1 = box
    if node.vertical:
        mid = y0 + (y1 - y0) * node.ratio
        _unit_place(node.first, (x0, y0, x1, mid), out)
        _unit_place(node.second, (x0, mid, x1, y1), out)
    else:
        mid = x0 + (x1 - x0) * node.ratio
        _unit_place(node.first, (x0, y0, mid, y1), out)
        _unit_place(node.second, (mid, y0, x1, y1), out)
