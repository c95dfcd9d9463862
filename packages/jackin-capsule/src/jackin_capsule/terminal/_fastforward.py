"""Fast-forward: skip the emulation of output that scrolls off before it is seen.

An agent running `cat` on a 20 MB file must not wait on pyte (about 0.5 MB/s).
When one `feed()` segment is larger than `4 * rows * cols` bytes, the parser is in
its ground state, the screen has no scroll margins and neither IRM nor LNM is set,
and the segment is *simple* (printable text / UTF-8, CR, LF, TAB, BS and SGR
`ESC [ params m` only — one compiled pattern decides), it is split as P + S + T:

- P is everything up to the first LF; it is emulated normally, so the cursor row
  the burst starts on is exact (P longer than `_MAX_P` is folded into S instead).
- T starts right after a CR LF and holds at least `rows + MARGIN` LFs.
- S is the rest. It is not emulated: its net SGR effect is applied to the cursor
  (the SGR sequences from its last `ESC[0m` / `ESC[m` on; a reset makes everything
  before it irrelevant), the screen rows above the cursor (and the cursor row if the
  cursor is not at column 0) go to scrollback, then S's lines as plain text. The
  visible screen is reset to blank with the cursor at (0, 0), the UTF-8 decoder is
  reset, and T is emulated normally.

**Why the visible screen is exact.** Both paths draw T's lines into successive row
"slots" (one per LF or autowrap); the slot contents depend only on T, the cursor
attributes and tab stops, since every slot starts blank and the cursor starts each
slot at column 0 (T starts after CR LF; S contains no cursor motion other than CR,
LF, TAB and BS, so nothing else changes those states). With full emulation, S holds
enough LFs (checked: cursor row + LFs in P and S >= rows - 1) that T starts on the
bottom row; each of T's >= rows LFs then scrolls, so every row on screen before T
(the bottom one included) has left the screen, and the screen shows T's last
`rows` slots. On the fast path T starts at row 0 of a blank screen: its first
`rows - 1` LFs walk down over blank rows, the rest scroll, and the screen again
shows T's last `rows` slots, each started blank. The cursor position and attributes
agree as well. (A zero-width character never reaches into another slot: at the start
of a row it is dropped, and CR / LF forget where the last character was written.)

**Scrollback simplification.** S reaches scrollback as plain text: its lines split
at LF and wrapped at `cols`, CR / BS / TAB replayed within a line, attributes
dropped, and rows that were below the cursor when the burst started are not kept.
Only the scrollback differs from full emulation; the visible screen never does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jackin_capsule.terminal._scan import number

#: LFs T holds beyond `rows`.
MARGIN = 2

_SIMPLE = re.compile(rb"(?:[\x08-\x0a\x0d\x20-\x7e\x80-\xff]++|\x1b\[[0-9;]{0,64}m)*+")
_UTF8_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def is_simple(data: bytes) -> bool:
    """Only printable text / UTF-8 (no C1), CR, LF, TAB, BS and short `ESC [ digits ; m`."""
    if _SIMPLE.fullmatch(data) is None:
        return False
    return b"\xc2" not in data or _UTF8_C1.search(data) is None


def split_points(data: bytes, rows: int) -> tuple[int, int] | None:
    """`(p_end, t_start)` for a simple burst, or None when it cannot be split.

    `data[:p_end]` ends with the first LF; `data[t_start:]` starts right after a
    CR LF that lies after P and holds at least `rows + MARGIN` LFs.
    """
    p_end = data.find(b"\n") + 1
    if p_end == 0:
        return None
    pos = len(data)
    for _ in range(rows + MARGIN):
        pos = data.rfind(b"\n", p_end, pos)
        if pos < 0:
            return None
    crlf = data.rfind(b"\r\n", p_end, pos)
    if crlf < 0:
        return None
    return p_end, crlf + 2


def sgr_after_last_reset(data: bytes) -> Iterator[list[int]]:
    """Parameter lists of the SGR sequences from the last full reset on, in order."""
    start = max(data.rfind(b"\x1b[0m"), data.rfind(b"\x1b[m"), 0)
    for match in _SGR.finditer(data, start):
        yield [number(part) for part in match.group(1).split(b";")]


def strip_sgr(data: bytes) -> bytes:
    """`data` without its SGR sequences."""
    return _SGR.sub(b"", data) if b"\x1b" in data else data
