"""Throughput of the capsule's per-pane terminal emulator on bulk output (`cat` of a big file).

Run: `uv run python benchmarks/capsule_terminal.py [--megabytes 20]`. A text file of
~80-character lines (every seventh with SGR colour, CR LF endings as a PTY delivers
them) is generated, read back and fed in 64 KiB chunks into a `PaneTerminal` at 80x24
and at 200x50. For comparison, a 1 MB sample goes through `PaneTerminal` with
fast-forward off (full emulation) and through stock pyte (`Screen` + `ByteStream`).
For scale: tmux moves 20 MB in about 1.1 s here. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyte

from jackin_capsule.terminal import PaneTerminal

CHUNK = 64 * 1024
SAMPLE = 1_000_000
WORDS = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit")


def generate(size: int) -> bytes:
    """Deterministic lines of about 80 columns; every seventh line carries SGR colour."""
    lines: list[str] = []
    total = 0
    index = 0
    while total < size:
        words = [WORDS[(index * 7 + step * 5 + step * step) % len(WORDS)] for step in range(16)]
        line = " ".join(words)[:80]
        if index % 7 == 0:
            line = f"\x1b[1;3{index % 6 + 1}m{line[:24]}\x1b[0m{line[24:]}"
        lines.append(line)
        total += len(line) + 2
        index += 1
    return ("\r\n".join(lines) + "\r\n").encode()


def timed(feed: Callable[[bytes], None], data: bytes) -> float:
    """Seconds to feed `data` in 64 KiB chunks."""
    start = time.perf_counter()
    for offset in range(0, len(data), CHUNK):
        feed(data[offset : offset + CHUNK])
    return time.perf_counter() - start


def report(label: str, size: int, seconds: float, extra: str = "") -> None:
    rate = size / seconds / 1e6
    print(f"{label:<40} {size / 1e6:6.1f} MB  {seconds:6.2f} s  {rate:7.2f} MB/s  {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_bytes(generate(int(args.megabytes * 1e6)))
        data = path.read_bytes()
    sample = data[:SAMPLE]

    for rows, cols in ((24, 80), (50, 200)):
        term = PaneTerminal(rows, cols)
        seconds = timed(term.feed, data)
        extra = f"fast-forwards {term.fast_forwards}, history {term.history_lines}"
        report(f"PaneTerminal {cols}x{rows}", len(data), seconds, extra)

    for rows, cols in ((24, 80), (50, 200)):
        full = PaneTerminal(rows, cols, fast_forward=False)
        seconds = timed(full.feed, sample)
        report(f"PaneTerminal {cols}x{rows}, fast-forward off", len(sample), seconds)

    stream = pyte.ByteStream(pyte.Screen(80, 24))
    report("pyte Screen + ByteStream 80x24", len(sample), timed(stream.feed, sample))


if __name__ == "__main__":
    main()
