"""Screen rectangles and the four focus/resize directions."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Direction", "Rect"]


class Direction(enum.Enum):
    """A direction on screen: where a new pane goes, where focus or a border moves."""

    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"

    @property
    def vertical(self) -> bool:
        """True for UP/DOWN: the direction crosses a top/bottom split."""
        return self in (Direction.UP, Direction.DOWN)

    @property
    def forward(self) -> bool:
        """True for RIGHT/DOWN: towards larger column/row numbers."""
        return self in (Direction.RIGHT, Direction.DOWN)


@dataclass(frozen=True, slots=True)
class Rect:
    """A 0-based cell rectangle: `rows` x `cols` cells starting at (`top`, `left`)."""

    top: int
    left: int
    rows: int
    cols: int

    @property
    def bottom(self) -> int:
        """The row just below the rectangle."""
        return self.top + self.rows

    @property
    def right(self) -> int:
        """The column just right of the rectangle."""
        return self.left + self.cols

    @property
    def empty(self) -> bool:
        """True when the rectangle covers no cell."""
        return self.rows <= 0 or self.cols <= 0

    def contains(self, row: int, col: int) -> bool:
        """True when the cell (`row`, `col`) lies inside."""
        return self.top <= row < self.bottom and self.left <= col < self.right

    def inset(self, n: int = 1) -> Rect:
        """The rectangle shrunk by `n` cells on every side (never negative in size)."""
        rows = max(0, self.rows - 2 * n)
        cols = max(0, self.cols - 2 * n)
        return Rect(self.top + n, self.left + n, rows, cols)
