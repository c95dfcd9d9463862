"""The right margin: autowrap (DECAWM), the pending wrap, wide and combining characters.

Each case is a byte string fed to a 20x5 terminal; `rows` (trailing blanks removed) and
`cursor` are what the capsule's terminal must show. The cursor column 20 is the pending
wrap: a character was written in the last column with autowrap on and the next one
starts the next row. Every expected screen was checked against xterm 379 (screen
printed with MC, cursor read back with CPR) and tmux 3.3a (`capture-pane`).

- `test_margin_screen` checks the expected screens, fed whole and a byte at a time.
- `test_margin_against_tmux` feeds the same bytes to a real tmux and compares its screen
  and cursor with ours. Where tmux 3.3a differs, the capsule follows xterm: `tmux` holds
  the screen tmux shows and `why` says what differs. It skips when tmux is missing
  (`.ci/run` installs it; with `JACKIN_REQUIRE_DOCKER=1` it fails instead).

Cases where xterm differs and the capsule follows tmux say so in `xterm`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jackin_capsule.terminal import PaneTerminal
from tests.conftest import REQUIRE_DOCKER

ROWS, COLS = 5, 20
AWM_OFF, AWM_ON = b"\x1b[?7l", b"\x1b[?7h"
X18, X19, X20 = b"x" * 18, b"x" * 19, b"x" * 20
ALPHA = b"abcdefghijklmnopqrstuvwxyz"  # 26 characters: runs 6 past the margin
FIRST20 = ALPHA[:20]
WIDE = "中".encode()
ACUTE = "\u0301".encode()  # combining acute accent
BOTTOM = b"\x1b[5;1H"

Screen = tuple[tuple[str, ...], tuple[int, int]]

_TMUX_LF = "tmux 3.3a keeps the pending wrap across LF / IND / RI / VPA; xterm clears it"
_TMUX_BACK = "from the pending wrap tmux 3.3a moves left from column 20, xterm from column 19"
_TMUX_SAVE = "xterm saves the pending wrap with the cursor (DECSC, ?1049); tmux 3.3a does not"
_XTERM_AWM = (
    "xterm 379 sets its last-column flag even with DECAWM off, so it wraps here; the "
    "issue (jackin#18 item 9) asks for tmux's behaviour"
)
_XTERM_ERASE = (
    "xterm clears the last column and the pending wrap; tmux and VTE leave both, which "
    "keeps `grep --color` (EL after each match) from eating the last character"
)


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    rows: tuple[str, ...]
    cursor: tuple[int, int]
    tmux: Screen | None = None
    why: str = ""
    xterm: str = ""


CASES = [
    # -- autowrap off -------------------------------------------------------------------
    Case("awm_off_overflow", AWM_OFF + ALPHA, ("abcdefghijklmnopqrsz",), (0, 19)),
    Case(
        "awm_off_then_on",
        AWM_OFF + ALPHA + AWM_ON + b"Z",
        ("abcdefghijklmnopqrsZ",),
        (0, 20),
        xterm=_XTERM_AWM,
    ),
    Case(
        "awm_off_then_on_twice",
        AWM_OFF + ALPHA + AWM_ON + b"Z!",
        ("abcdefghijklmnopqrsZ", "!"),
        (1, 1),
        xterm=_XTERM_AWM,
    ),
    Case(
        "awm_off_exact_then_on",
        AWM_OFF + X20 + AWM_ON + b"Z",
        ("xxxxxxxxxxxxxxxxxxxZ",),
        (0, 20),
        xterm=_XTERM_AWM,
    ),
    Case(
        "awm_off_lf_then_on",
        AWM_OFF + ALPHA + b"\n" + AWM_ON + b"Y!",
        ("abcdefghijklmnopqrsz", " " * 19 + "Y", "!"),
        (2, 1),
    ),
    Case(
        "awm_off_tab_then_on",
        AWM_OFF + ALPHA + b"\t" + AWM_ON + b"Y",
        ("abcdefghijklmnopqrsY",),
        (0, 20),
        xterm=_XTERM_AWM,
    ),
    Case(
        "awm_off_decsc_then_on",
        AWM_OFF + ALPHA + b"\x1b7" + AWM_ON + b"\r\x1b8Y",
        ("abcdefghijklmnopqrsY",),
        (0, 20),
        xterm=_XTERM_AWM,
    ),
    Case("awm_off_cr", AWM_OFF + ALPHA + b"\rY", ("Ybcdefghijklmnopqrsz",), (0, 1)),
    Case(
        "awm_off_lf",
        AWM_OFF + ALPHA + b"\nY",
        ("abcdefghijklmnopqrsz", " " * 19 + "Y"),
        (1, 19),
    ),
    Case("awm_off_crlf", AWM_OFF + ALPHA + b"\r\nY", ("abcdefghijklmnopqrsz", "Y"), (1, 1)),
    Case("awm_off_bs", AWM_OFF + ALPHA + b"\bY", ("abcdefghijklmnopqrYz",), (0, 19)),
    Case("awm_off_el", AWM_OFF + ALPHA + b"\x1b[K", ("abcdefghijklmnopqrs",), (0, 19)),
    Case("awm_off_ech", AWM_OFF + ALPHA + b"\x1b[X", ("abcdefghijklmnopqrs",), (0, 19)),
    Case("awm_off_dch", AWM_OFF + ALPHA + b"\x1b[P", ("abcdefghijklmnopqrs",), (0, 19)),
    Case("awm_off_ich", AWM_OFF + ALPHA + b"\x1b[@", ("abcdefghijklmnopqrs",), (0, 19)),
    Case(
        "pending_then_awm_off",
        X20 + AWM_OFF + b"Z",
        ("xxxxxxxxxxxxxxxxxxxZ",),
        (0, 19),
        tmux=(("x" * 20,), (0, 20)),
        why="tmux 3.3a drops a character sent at a pending wrap with DECAWM off",
    ),
    Case("pending_then_awm_off_on", X20 + AWM_OFF + AWM_ON + b"Z", ("x" * 20, "Z"), (1, 1)),
    # -- the pending wrap (autowrap on) ---------------------------------------------------
    Case("pending", X20, ("x" * 20,), (0, 20)),
    Case("pending_char", X20 + b"Y", ("x" * 20, "Y"), (1, 1)),
    Case("pending_sgr", X20 + b"\x1b[1mY", ("x" * 20, "Y"), (1, 1)),
    Case("pending_cr", X20 + b"\rY", ("Y" + "x" * 19,), (0, 1)),
    Case("pending_crlf", X20 + b"\r\nY", ("x" * 20, "Y"), (1, 1)),
    Case(
        "pending_lf",
        X20 + b"\nY",
        ("x" * 20, " " * 19 + "Y"),
        (1, 20),
        tmux=(("x" * 20, "", "Y"), (2, 1)),
        why=_TMUX_LF,
    ),
    Case(
        "pending_ind",
        X20 + b"\x1bDY",
        ("x" * 20, " " * 19 + "Y"),
        (1, 20),
        tmux=(("x" * 20, "", "Y"), (2, 1)),
        why=_TMUX_LF,
    ),
    Case(
        "pending_lf_bottom",
        BOTTOM + X20 + b"\nY",
        ("", "", "", "x" * 20, " " * 19 + "Y"),
        (4, 20),
        tmux=(("", "", "x" * 20, "", "Y"), (4, 1)),
        why=_TMUX_LF,
    ),
    Case(
        "pending_ri",
        X20 + b"\x1bMY",
        (" " * 19 + "Y", "x" * 20),
        (0, 20),
        tmux=(("", "Y" + "x" * 19), (1, 1)),
        why=_TMUX_LF,
    ),
    Case(
        "pending_vpa",
        X20 + b"\x1b[3dY",
        ("x" * 20, "", " " * 19 + "Y"),
        (2, 20),
        tmux=(("x" * 20, "", "", "Y"), (3, 1)),
        why=_TMUX_LF,
    ),
    Case("pending_nel", X20 + b"\x1bEY", ("x" * 20, "Y"), (1, 1)),
    Case("pending_char_bottom", BOTTOM + X20 + b"Y", ("", "", "", "x" * 20, "Y"), (4, 1)),
    Case(
        "pending_bs",
        X20 + b"\bY",
        ("x" * 18 + "Yx",),
        (0, 19),
        tmux=(("x" * 19 + "Y",), (0, 20)),
        why=_TMUX_BACK,
    ),
    Case(
        "pending_cub",
        X20 + b"\x1b[DY",
        ("x" * 18 + "Yx",),
        (0, 19),
        tmux=(("x" * 19 + "Y",), (0, 20)),
        why=_TMUX_BACK,
    ),
    Case("pending_cuf", X20 + b"\x1b[CY", ("x" * 19 + "Y",), (0, 20)),
    Case("pending_cuu", b"\r\n" + X20 + b"\x1b[AY", (" " * 19 + "Y", "x" * 20), (0, 20)),
    Case("pending_cud", X20 + b"\x1b[BY", ("x" * 20, " " * 19 + "Y"), (1, 20)),
    Case(
        "pending_cud_bottom", BOTTOM + X20 + b"\x1b[BY", ("", "", "", "", "x" * 19 + "Y"), (4, 20)
    ),
    Case("pending_cnl", X20 + b"\x1b[EY", ("x" * 20, "Y"), (1, 1)),
    Case("pending_cpl", b"\r\n" + X20 + b"\x1b[FY", ("Y", "x" * 20), (0, 1)),
    Case("pending_cup", X20 + b"\x1b[1;20HY", ("x" * 19 + "Y",), (0, 20)),
    Case("pending_cha", X20 + b"\x1b[20GY", ("x" * 19 + "Y",), (0, 20)),
    Case("pending_tab", X20 + b"\tY", ("x" * 20, "Y"), (1, 1)),
    Case("pending_el", X20 + b"\x1b[KY", ("x" * 20, "Y"), (1, 1), xterm=_XTERM_ERASE),
    Case("pending_ech", X20 + b"\x1b[XY", ("x" * 20, "Y"), (1, 1), xterm=_XTERM_ERASE),
    Case("pending_dch", FIRST20 + b"\x1b[PY", (FIRST20.decode(), "Y"), (1, 1), xterm=_XTERM_ERASE),
    Case("pending_ich", FIRST20 + b"\x1b[@Y", (FIRST20.decode(), "Y"), (1, 1), xterm=_XTERM_ERASE),
    # -- DECSC / DECRC ----------------------------------------------------------------------
    Case(
        "pending_decsc_decrc",
        X20 + b"\x1b7\x1b8Y",
        ("x" * 20, "Y"),
        (1, 1),
        tmux=(("x" * 19 + "Y",), (0, 20)),
        why=_TMUX_SAVE,
    ),
    Case(
        "pending_decsc_cr_decrc",
        X20 + b"\x1b7\r\x1b8Y",
        ("x" * 20, "Y"),
        (1, 1),
        tmux=(("x" * 19 + "Y",), (0, 20)),
        why=_TMUX_SAVE,
    ),
    Case(
        "pending_alt_screen",
        X20 + b"\x1b[?1049h\x1b[?1049lY",
        ("x" * 20, "Y"),
        (1, 1),
        tmux=(("x" * 19 + "Y",), (0, 20)),
        why=_TMUX_SAVE,
    ),
    Case(
        "pending_decsc_awm_off_decrc",
        X20 + b"\x1b7" + AWM_OFF + b"\r\x1b8Y",
        ("x" * 19 + "Y",),
        (0, 19),
    ),
    Case("decrc_twice", b"ab\x1b7cd\x1b8X\r\n\x1b8Y", ("abYd",), (0, 3)),
    Case("decrc_unsaved", b"abc\x1b8Y", ("Ybc",), (0, 1)),
    Case(
        "decrc_keeps_awm_on",
        AWM_OFF + b"\x1b7" + AWM_ON + b"\x1b8" + ALPHA[:25],
        (ALPHA[:20].decode(), "uvwxy"),
        (1, 5),
    ),
    Case(
        "decrc_keeps_awm_off",
        b"\x1b7" + AWM_OFF + b"\x1b8" + ALPHA[:25],
        ("abcdefghijklmnopqrsy",),
        (0, 19),
    ),
    Case("nel", b"abc\x1bEY", ("abc", "Y"), (1, 1)),
    Case("nel_bottom", BOTTOM + b"abc\x1bEY", ("", "", "", "abc", "Y"), (4, 1)),
    # -- wide characters ----------------------------------------------------------------------
    Case("wide_last_col", X19 + WIDE, ("x" * 19, "中"), (1, 2)),
    Case("wide_last_col_then", X19 + WIDE + b"Y", ("x" * 19, "中Y"), (1, 3)),
    Case("wide_fits", X18 + WIDE, ("x" * 18 + "中",), (0, 20)),
    Case("wide_fits_then", X18 + WIDE + b"Y", ("x" * 18 + "中", "Y"), (1, 1)),
    Case("wide_after_pending", X20 + WIDE, ("x" * 20, "中"), (1, 2)),
    Case("wide_awm_off_last_col", AWM_OFF + X19 + WIDE, ("x" * 19,), (0, 19)),
    Case("wide_awm_off_last_col_then", AWM_OFF + X19 + WIDE + b"Y", ("x" * 19 + "Y",), (0, 19)),
    Case("wide_awm_off_twice", AWM_OFF + X18 + WIDE + WIDE, ("x" * 18 + "中",), (0, 19)),
    Case("wide_awm_off_then_narrow", AWM_OFF + X18 + WIDE + b"Y", ("x" * 18 + " Y",), (0, 19)),
    Case(
        "wide_awm_off_then_on",
        AWM_OFF + X18 + WIDE + AWM_ON + b"Y",
        ("x" * 18 + " Y",),
        (0, 20),
        xterm=_XTERM_AWM,
    ),
    Case("wide_awm_off_full_row", AWM_OFF + X20 + WIDE, ("x" * 20,), (0, 19)),
    Case(
        "wide_right_half_overwritten",
        WIDE + b"\r\x1b[CY",
        (" Y",),
        (0, 2),
        tmux=(("中Y",), (0, 2)),
        why="tmux 3.3a leaves half a wide character; xterm blanks the other half",
    ),
    Case("wide_left_half_overwritten", WIDE + b"\rY", ("Y",), (0, 1)),
    # -- combining characters ----------------------------------------------------------------
    Case("combining_pending", X19 + b"e" + ACUTE, ("x" * 19 + "é",), (0, 20)),
    Case("combining_pending_then", X19 + b"e" + ACUTE + b"Y", ("x" * 19 + "é", "Y"), (1, 1)),
    Case("combining_after_wrap", X20 + b"Y" + ACUTE, ("x" * 20, "Ý"), (1, 1)),
    Case("combining_wide_pending", X18 + WIDE + ACUTE + b"Y", ("x" * 18 + "中\u0301", "Y"), (1, 1)),
    Case(
        "combining_awm_off_last_col",
        AWM_OFF + ALPHA + ACUTE,
        ("abcdefghijklmnopqrsź",),
        (0, 19),
        tmux=(("abcdefghijklmnopqrśz",), (0, 19)),
        why="xterm joins the mark to the character just written; tmux 3.3a to the one before",
    ),
    Case("combining_row_start", b"abc\r\n" + ACUTE + b"Y", ("abc", "Y"), (1, 1)),
]


def _screen(rows: list[str], cursor: tuple[int, int]) -> Screen:
    texts = [unicodedata.normalize("NFC", row.rstrip()) for row in rows]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts), cursor


def ours(data: bytes, pieces: int = 1) -> Screen:
    """Our screen after `data` (fed whole, or a byte at a time when `pieces` > 1) and the
    cursor with the pending wrap as column `COLS`."""
    term = PaneTerminal(ROWS, COLS)
    if pieces == 1:
        term.feed(data)
    else:
        for byte in data:
            term.feed(bytes([byte]))
    rows = ["".join(cell.data for cell in term.visible_row(row)) for row in range(ROWS)]
    cursor = term._screen.cursor  # the raw column: COLS while a wrap is pending
    return _screen(rows, (cursor.y, cursor.x))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_margin_screen(case: Case) -> None:
    expected = (case.rows, case.cursor)
    assert ours(case.data) == expected
    assert ours(case.data, pieces=len(case.data)) == expected


def test_wide_character_halves_are_blanked_in_the_cells() -> None:
    # Text alone cannot tell a blank from a stub ("") left behind; the renderer can.
    left = PaneTerminal(ROWS, COLS)
    left.feed(WIDE + b"\rY")
    assert [cell.data for cell in left.visible_row(0)[:3]] == ["Y", " ", " "]
    right = PaneTerminal(ROWS, COLS)
    right.feed(AWM_OFF + X18 + WIDE + b"Y")
    assert [cell.data for cell in right.visible_row(0)[17:]] == ["x", " ", "Y"]


def test_autowrap_off_then_on_overwrites_the_last_column_in_one_feed_or_many() -> None:
    # The sequence, with the mode change arriving in a later read.
    term = PaneTerminal(ROWS, COLS)
    for chunk in (AWM_OFF + ALPHA, AWM_ON, b"Z", b"!"):
        term.feed(chunk)
    assert [cell.data for cell in term.visible_row(0)[18:]] == ["s", "Z"]
    assert term.visible_row(1)[0].data == "!"
    assert term.cursor() == (1, 1)


def test_a_saved_pending_wrap_survives_a_resize_and_other_columns_are_clamped() -> None:
    term = PaneTerminal(ROWS, COLS)
    term.feed(X20 + b"\x1b7")
    term.resize(ROWS, 10)
    term.feed(b"\x1b8Y")
    assert term.cursor() == (1, 1)  # still pending at the new width: Y wrapped
    term = PaneTerminal(ROWS, COLS)
    term.feed(b"\x1b[1;16H\x1b7")
    term.resize(ROWS, 10)
    term.feed(b"\x1b8Y")
    assert [cell.data for cell in term.visible_row(0)[9:]] == ["Y"]  # clamped, not pending


# -- the same bytes through a real tmux ---------------------------------------------------------

#: The pane's program: raw mode (no echo, no LF -> CR LF), the case's bytes, then a cursor
#: position request; tmux answers it only after parsing everything before it, so once the
#: answer is read the screen is final and the test is told through `wait-for`.
_PANE = """
import os, subprocess, sys, tty
payload, socket, channel = sys.argv[1:4]
tty.setraw(0)
with open(payload, "rb") as source:
    os.write(1, source.read() + b"\\x1b[6n")
reply = b""
while not reply.endswith(b"R"):
    reply += os.read(0, 1)
subprocess.run(["tmux", "-L", socket, "wait-for", "-S", channel], check=True)
while os.read(0, 1024):
    pass
"""


class Tmux:
    """One private tmux server (`-L`, no config) running each case in its own session."""

    def __init__(self, folder: Path) -> None:
        self.socket = f"jackin-margin-{uuid.uuid4().hex[:8]}"
        self.folder = folder
        self.script = folder / "pane.py"
        self.script.write_text(_PANE)
        self.count = 0
        # A session that outlives the cases, so the server does not exit between them.
        self.run("new-session", "-d", "-s", "keep", "cat")

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        assert done.returncode == 0, f"tmux {' '.join(args)}: {done.stderr.strip()}"
        return done.stdout

    def screen(self, data: bytes) -> Screen:
        self.count += 1
        name = f"case{self.count}"
        payload = self.folder / f"{name}.bin"
        payload.write_bytes(data)
        pane = [sys.executable, "-I", "-S", str(self.script), str(payload), self.socket, name]
        self.run("new-session", "-d", "-s", name, "-x", str(COLS), "-y", str(ROWS), *pane)
        try:
            self.run("wait-for", name)
            text = self.run("capture-pane", "-p", "-t", name)
            where = self.run("display-message", "-p", "-t", name, "#{cursor_x} #{cursor_y}")
        finally:
            self.run("kill-session", "-t", name)
        x, y = map(int, where.split())
        return _screen(text.split("\n")[:ROWS], (y, x))

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False, timeout=30
        )


@pytest.fixture(scope="module")
def tmux(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        message = "tmux is not installed (.ci/run installs it)"
        if REQUIRE_DOCKER:
            pytest.fail(message)
        pytest.skip(message)
    server = Tmux(tmp_path_factory.mktemp("tmux"))
    try:
        yield server
    finally:
        server.close()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_margin_against_tmux(case: Case, tmux: Tmux) -> None:
    theirs = tmux.screen(case.data)
    if case.tmux is None:
        assert theirs == ours(case.data)
    else:
        assert theirs == case.tmux, f"tmux no longer differs here ({case.why})"
        assert ours(case.data) == (case.rows, case.cursor)
