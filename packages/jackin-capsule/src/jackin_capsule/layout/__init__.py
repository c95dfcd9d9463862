"""The capsule's screen geometry: outer-terminal rows and per-tab pane trees (spec A10).

`ScreenLayout.for_size` says where the chrome rows and the content area are;
`PaneTree` splits the content area between a tab's panes and answers focus moves,
resizes and zoom.
"""

from jackin_capsule.layout._geometry import Direction, Rect
from jackin_capsule.layout._screen import MIN_COLS, MIN_ROWS, ScreenLayout
from jackin_capsule.layout._tree import (
    MAX_RATIO,
    MIN_RATIO,
    Leaf,
    Node,
    PaneTree,
    Split,
    split_extent,
)

__all__ = [
    "MAX_RATIO",
    "MIN_COLS",
    "MIN_RATIO",
    "MIN_ROWS",
    "Direction",
    "Leaf",
    "Node",
    "PaneTree",
    "Rect",
    "ScreenLayout",
    "Split",
    "split_extent",
]
