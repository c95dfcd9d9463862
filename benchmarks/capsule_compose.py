"""Frame cost of the capsule compositor: `compose` + `FrameEncoder.encode` per frame.

Run: `uv run python benchmarks/capsule_compose.py [--frames N]`. For 80x24 and 200x50
terminals it prints p50/p95 in milliseconds (and bytes per frame) for:

- steady: one pane, one pane row changed since the previous frame (typing, a
  spinner, a status line);
- scroll: one pane, one new line at the bottom scrolls the screen by a line (an
  agent or a build streaming output): every screen row changes;
- repaint: one pane, every pane row replaced by new text (a full-screen TUI redraw);
- full: the same content encoded with `full=True` (first attach / resize: `ESC[2J`);
- idle4: four panes, nothing changed (the frame a tick or a chrome-only change costs).

Pane content is coloured text (a colour change every word, a harsh case) fed through
pyte; pyte's own dirty set is passed on. Only compose + encode are timed; the time a
pane takes to list its row cells (`visible_row`) is part of compose.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import pyte

from jackin_capsule.layout import Direction, PaneTree, Rect, ScreenLayout
from jackin_capsule.render import (
    ChromeState,
    FrameEncoder,
    PaneRowCache,
    PaneView,
    TabChip,
    compose,
)

SIZES = ((24, 80), (50, 200))
_WORDS = ("def", "return", "self", "value", "compose", "frame", "pane", "=", "(", ")", "#")
_COLOURS = ("31", "32", "33", "34", "35", "36", "38;2;200;120;40", "1", "0")


class ScreenSource:
    """A pyte screen seen through the `PaneSource` protocol."""

    def __init__(self, rows: int, cols: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)

    @property
    def rows(self) -> int:
        return int(self.screen.lines)

    @property
    def cols(self) -> int:
        return int(self.screen.columns)

    def visible_row(self, row: int) -> Sequence[Any]:
        return list(map(self.screen.buffer[row].__getitem__, range(self.screen.columns)))

    def take_dirty(self) -> set[int]:
        """pyte's dirty rows since the last call."""
        dirty = set(self.screen.dirty)
        self.screen.dirty.clear()
        return dirty

    def write_line(self, row: int, seed: int) -> None:
        """Replace one row with a tag and coloured words chosen from `seed`."""
        self.stream.feed(f"\x1b[{row + 1};1H\x1b[2K{seed:>6} " + self._words(seed))

    def scroll_line(self, seed: int) -> None:
        """Add one line of coloured words at the bottom, scrolling the screen up."""
        self.stream.feed(f"\x1b[{self.rows};1H\r\n" + self._words(seed))

    def _words(self, seed: int) -> str:
        parts: list[str] = []
        width = 0
        index = seed
        while width < self.cols - 20:
            word = _WORDS[index % len(_WORDS)]
            parts.append(f"\x1b[{_COLOURS[index % len(_COLOURS)]}m{word} ")
            width += len(word) + 1
            index += 7
        parts.append("\x1b[0m")
        return "".join(parts)


def _chrome() -> ChromeState:
    return ChromeState(
        tabs=[TabChip("claude", "working", True), TabChip("shell", "idle")],
        hints=[("Ctrl-\\", "menu"), ("Alt-Shift-arrows", "resize pane"), ("Ctrl-Q", "quit")],
        context_left="Branch · feat/compositor",
        instance_id="jk-7f3a9c",
    )


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50 * 1000, p95 * 1000


def _time(frames: int, frame: Callable[[int], int]) -> tuple[float, float, float]:
    """p50 ms, p95 ms and mean bytes of `frame(i)`, which times itself."""
    samples: list[float] = []
    sizes: list[int] = []
    for i in range(frames + 20):
        gc.disable()
        start = time.perf_counter()
        size = frame(i)
        elapsed = time.perf_counter() - start
        gc.enable()
        if i >= 20:
            samples.append(elapsed)
            sizes.append(size)
    p50, p95 = _percentiles(samples)
    return p50, p95, statistics.fmean(sizes)


def _one_pane(rows: int, cols: int, frames: int) -> dict[str, tuple[float, float, float]]:
    layout = ScreenLayout.for_size(rows, cols)
    tree = PaneTree.single(1)
    box = tree.layout(layout.content)[1]
    interior = PaneTree.interior(box)
    source = ScreenSource(interior.rows, interior.cols)
    for row in range(interior.rows):
        source.write_line(row, row)
    cache = PaneRowCache()
    encoder = FrameEncoder()
    chrome = _chrome()
    results: dict[str, tuple[float, float, float]] = {}

    def render(dirty: set[int] | None, *, full: bool = False) -> tuple[bytes, float]:
        gc.disable()
        start = time.perf_counter()
        view = PaneView(box, source, "claude", True, dirty=dirty, cache=cache)
        canvas, cursor = compose(layout, chrome, [view], cursor=(0, 0))
        data = encoder.encode(canvas, cursor, full=full)
        elapsed = time.perf_counter() - start
        gc.enable()
        return data, elapsed

    render(None)
    source.take_dirty()

    def measure(change: Callable[[int], None]) -> tuple[float, float, float]:
        timings: list[float] = []
        sizes: list[int] = []
        for i in range(frames + 20):
            change(i)
            data, elapsed = render(source.take_dirty())
            if i >= 20:
                timings.append(elapsed)
                sizes.append(len(data))
        return (*_percentiles(timings), statistics.fmean(sizes))

    def repaint(i: int) -> None:
        for row in range(interior.rows):
            source.write_line(row, (i + 1) * 1000 + row)

    results["steady"] = measure(lambda i: source.write_line(i % interior.rows, i * 3 + 1))
    results["scroll"] = measure(source.scroll_line)
    results["repaint"] = measure(repaint)

    timings: list[float] = []
    sizes: list[int] = []
    for i in range(frames + 20):
        data, elapsed = render(set(), full=True)
        if i >= 20:
            timings.append(elapsed)
            sizes.append(len(data))
    results["full"] = (*_percentiles(timings), statistics.fmean(sizes))
    return results


def _four_idle(rows: int, cols: int, frames: int) -> tuple[float, float, float]:
    layout = ScreenLayout.for_size(rows, cols)
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.RIGHT)
    tree.split(1, 3, Direction.DOWN)
    tree.split(2, 4, Direction.DOWN)
    boxes = tree.layout(layout.content)
    panes: list[tuple[Rect, ScreenSource, PaneRowCache]] = []
    for session, box in boxes.items():
        interior = PaneTree.interior(box)
        source = ScreenSource(interior.rows, interior.cols)
        for row in range(interior.rows):
            source.write_line(row, row + session)
        panes.append((box, source, PaneRowCache()))
    encoder = FrameEncoder()
    chrome = _chrome()
    dirty: set[int] | None = None

    def frame(_: int) -> int:
        views = [
            PaneView(box, source, f"pane {n}", n == 0, dirty=dirty, cache=cache)
            for n, (box, source, cache) in enumerate(panes)
        ]
        canvas, cursor = compose(layout, chrome, views, cursor=(0, 0))
        return len(encoder.encode(canvas, cursor))

    frame(0)
    dirty = set()
    return _time(frames, frame)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=500)
    args = parser.parse_args()
    print(f"{'size':>8} {'case':>8} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>8}")
    for rows, cols in SIZES:
        results = _one_pane(rows, cols, args.frames)
        results["idle4"] = _four_idle(rows, cols, args.frames)
        for case, (p50, p95, size) in results.items():
            print(f"{cols:>4}x{rows:<3} {case:>8} {p50:8.3f} {p95:8.3f} {size:8.0f}")


if __name__ == "__main__":
    main()
