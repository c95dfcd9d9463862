"""`PaneTerminal`: one pane's terminal emulator (spec A12, A14, A16).

`feed()` runs the PTY bytes through the pre-scanner (`_scan`), which holds back an
escape sequence cut off by the end of the chunk (up to 4 KiB; an unfinished OSC up
to 1 MiB, so large OSC 52 copies survive; DCS / APC / PM / SOS strings are skipped
without being buffered), handles the sequences pyte must not see, and hands the text
between them to pyte. Large simple bursts take the fast-forward path (`_fastforward`).
"""

from __future__ import annotations

from collections.abc import Sequence

from pyte import charsets
from pyte import modes as mo
from pyte.screens import Char

from jackin_capsule.terminal import _fastforward as ff
from jackin_capsule.terminal import _scan as scan
from jackin_capsule.terminal._cells import render_entry
from jackin_capsule.terminal._modes import PaneModes
from jackin_capsule.terminal._policy import OscPolicy
from jackin_capsule.terminal._screen import PaneScreen, PaneStream

_DEFAULT_POLICY = OscPolicy()
_DEFAULT_FG = (0xD0, 0xD0, 0xD0)
_DEFAULT_BG = (0x00, 0x00, 0x00)
_MAX_CARRY = 4096
_MAX_OSC = 1 << 20
#: A first line longer than this is folded into the fast-forwarded part.
_MAX_P = 4096
_ESC = 0x1B
_BEL = 0x07
_BACKSLASH = 0x5C
_OSC = b"]"
_BLOCKING_MODES = frozenset({mo.IRM, mo.LNM})


class PaneTerminal:
    """The emulated terminal behind one pane: grid, scrollback, modes and side channel."""

    def __init__(
        self,
        rows: int,
        cols: int,
        *,
        policy: OscPolicy = _DEFAULT_POLICY,
        history: int = 10_000,
        fast_forward: bool = True,
    ) -> None:
        """A blank `rows` x `cols` terminal keeping up to `history` scrollback rows.

        `fast_forward=False` emulates every byte (the reference the tests compare to).
        """
        if rows < 1 or cols < 1:
            raise ValueError(f"terminal size must be positive, got {rows}x{cols}")
        if history < 0:
            raise ValueError(f"history must not be negative, got {history}")
        self.rows = rows
        self.cols = cols
        self.policy = policy
        self.modes = PaneModes()
        self.title: str | None = None
        self.cwd: str | None = None
        self.received_output = False
        self.scroll_offset = 0
        #: How many segments took the fast-forward path.
        self.fast_forwards = 0
        self._fast_forward = fast_forward
        self._replies = bytearray()
        self._passthrough: list[bytes] = []
        self._carry = bytearray()
        #: b"" normally; b"]" or b"P" while skipping an OSC / other string whose start was dropped.
        self._skipping = b""
        self._fg = _DEFAULT_FG
        self._bg = _DEFAULT_BG
        self._screen = PaneScreen(
            cols, rows, history=history, modes=self.modes, reply=self._queue_reply
        )
        self._stream = PaneStream(self._screen)

    # -- output from the program ---------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        """Process bytes read from the pane's PTY."""
        if not data:
            return
        self.received_output = True
        pushed = self._screen.pushed
        if self._skipping:
            data = self._skip_string(data)
            if not data:
                return
        carry = self._carry
        if carry:
            if carry[1:2] == _OSC and carry[-1] != _ESC and _BEL not in data and _ESC not in data:
                self._extend_osc(data)
                return
            data = bytes(carry) + data
            carry.clear()
        cut = self._hold_tail(data)
        if data.find(b"\x1b", 0, cut) < 0:
            self._feed_text(data if cut == len(data) else data[:cut])
        else:
            self._feed_sequences(data, cut)
        self._after_feed(pushed)

    def _queue_reply(self, text: str) -> None:
        self._replies += text.encode()

    def _extend_osc(self, data: bytes) -> None:
        if len(self._carry) + len(data) > _MAX_OSC:
            self._carry.clear()
            self._skipping = _OSC
        else:
            self._carry += data

    def _hold_tail(self, data: bytes) -> int:
        """Keep an unfinished trailing escape sequence for the next feed; return where
        the complete part ends."""
        start = scan.tail_start(data)
        if start < 0:
            return len(data)
        tail = data[start:]
        kind = tail[1:2]
        if kind == _OSC and len(tail) <= _MAX_OSC:
            self._carry += tail
        elif kind and kind in b"]P_^X":
            self._skipping = b"]" if kind == _OSC else b"P"
            if tail[-1] == _ESC and len(tail) > 2:
                self._carry += b"\x1b"
        elif len(tail) <= _MAX_CARRY:
            self._carry += tail
        return start

    def _skip_string(self, data: bytes) -> bytes:
        """Drop the rest of a string sequence being skipped; return what follows it."""
        if self._carry:
            data = bytes(self._carry) + data
            self._carry.clear()
        esc = data.find(b"\x1b")
        if self._skipping == _OSC:
            bel = data.find(b"\x07")
            if bel >= 0 and (esc < 0 or bel < esc):
                self._skipping = b""
                return data[bel + 1 :]
        if esc < 0:
            return b""
        if esc == len(data) - 1:
            self._carry += b"\x1b"
            return b""
        self._skipping = b""
        # ST ends the string; ESC and anything else aborts it and starts a new sequence.
        return data[esc + 2 :] if data[esc + 1] == _BACKSLASH else data[esc:]

    def _feed_sequences(self, data: bytes, cut: int) -> None:
        last = 0
        for match in scan.SEQUENCE.finditer(data):
            start = match.start()
            if start >= cut:
                break
            mark = match.group("mark")
            if mark == b"?" and not match.group("minter") and match.group("mfinal") in b"hlJK":
                continue  # private modes and selective erase: pyte's screen hooks track them
            if start > last:
                self._feed_text(data[last:start])
            last = match.end()
            if mark is not None:
                self._marked_csi(mark, match["mparams"], match["minter"], match["mfinal"])
            elif match.group("inter") is not None:
                self._intermediate_csi(match["iparams"], match["inter"], match["ifinal"])
            elif match.group("sgr") is not None:
                self._screen.select_graphic_rendition(*scan.sgr_params(match["sgr"]))
            elif match.group("osc") is not None:
                self._osc(match["osc"], match["oend"], match.group(0))
            # DCS / APC / PM / SOS strings are dropped.
        if last < cut:
            self._feed_text(data[last:cut])

    def _feed_text(self, data: bytes) -> None:
        if (
            self._fast_forward
            and len(data) > 4 * self.rows * self.cols
            and self._try_fast_forward(data)
        ):
            return
        self._stream.feed(data)

    def _try_fast_forward(self, data: bytes) -> bool:
        """Feed `data` via the fast-forward path if its conditions hold (see `_fastforward`)."""
        points = self._fast_forward_points(data)
        if points is None:
            return False
        p_end, t_start = points
        stream = self._stream
        s_start = 0
        if p_end <= _MAX_P:
            stream.feed(data[:p_end])
            s_start = p_end
        if not stream.at_ground():
            stream.feed(data[s_start:])  # cannot happen for simple data; stay exact anyway
            return True
        self._skip_burst(data[s_start:t_start])
        stream.feed(data[t_start:])
        self.fast_forwards += 1
        return True

    def _fast_forward_points(self, data: bytes) -> tuple[int, int] | None:
        """`(p_end, t_start)` when `data` may be fast-forwarded, else None."""
        screen = self._screen
        stream = self._stream
        if (
            not stream.in_text_state()
            or screen.margins is not None
            or _BLOCKING_MODES & screen.mode
            or screen.charset
            or screen.g0_charset is not charsets.LAT1_MAP
            or not ff.is_simple(data)
        ):
            return None
        points = ff.split_points(data, screen.lines)
        if points is None:
            return None
        p_end, t_start = points
        worth_it = t_start - p_end >= len(data) // 2
        # With full emulation, T must start on the bottom row (see `_fastforward`).
        reaches_bottom = screen.cursor.y + data.count(b"\n", 0, t_start) >= screen.lines - 1
        # A long first line is folded into S, which needs a clean UTF-8 decoder.
        first_line_ok = p_end <= _MAX_P or stream.at_ground()
        return points if worth_it and reaches_bottom and first_line_ok else None

    def _skip_burst(self, skipped: bytes) -> None:
        """Apply S without emulating it: net SGR, scrollback, blank screen at home."""
        screen = self._screen
        for sgr in ff.sgr_after_last_reset(skipped):
            screen.select_graphic_rendition(*sgr)
        cursor = screen.cursor
        if not screen.alt_active:
            for y in range(cursor.y + (1 if cursor.x else 0)):
                screen.push_row(screen.buffer.get(y))
            screen.push_text(ff.strip_sgr(skipped).decode("utf-8", "replace"))
        screen.buffer.clear()
        cursor.x = cursor.y = 0
        screen.dirty.update(range(screen.lines))
        self._stream.utf8_decoder.reset()

    def _after_feed(self, pushed: int) -> None:
        screen = self._screen
        if not self.scroll_offset:
            return
        if screen.alt_active:
            self.scroll_offset = 0
            screen.dirty.update(range(self.rows))
            return
        grown = screen.pushed - pushed
        if grown or screen.dirty:
            self.scroll_offset = min(self.scroll_offset + grown, len(screen.history))
            screen.dirty.update(range(self.rows))

    # -- sequences the scanner handles ----------------------------------------------------------

    def _marked_csi(self, mark: bytes, raw: bytes, inter: bytes, final: bytes) -> None:
        values = scan.params(raw)
        first = values[0] if values else None
        second = values[1] if len(values) > 1 else None
        if inter:
            if mark == b"?" and inter == b"$" and final == b"p" and first is not None:
                state = self._screen.mode_report(first, private=True)
                self._replies += f"\x1b[?{first};{state}$y".encode()
        elif mark == b"?":
            self._private_query(final, first)
        elif mark == b">":
            self._greater_than(final, first, second)
        elif mark == b"<" and final == b"u":
            self._screen.kitty_pop(first or 1)
        elif mark == b"=" and final == b"u":
            self._screen.kitty_set(first or 0, second or 1)

    def _private_query(self, final: bytes, first: int | None) -> None:
        screen = self._screen
        if final == b"u":
            self._replies += f"\x1b[?{screen.kitty_flags}u".encode()
        elif final == b"n" and first == 6:
            y, x = screen.cursor.y + 1, min(screen.cursor.x, screen.columns - 1) + 1
            self._replies += f"\x1b[?{y};{x}R".encode()

    def _greater_than(self, final: bytes, first: int | None, second: int | None) -> None:
        if final == b"u":
            self._screen.kitty_push(first or 0)
        elif final == b"m" and first == 4:
            self.modes.modify_other_keys = second or 0
        elif final == b"n" and first == 4:
            self.modes.modify_other_keys = 0
        elif final == b"c" and not first:
            self._replies += b"\x1b[>0;0;0c"

    def _intermediate_csi(self, raw: bytes, inter: bytes, final: bytes) -> None:
        values = scan.params(raw)
        first = values[0] if values else None
        if inter == b" " and final == b"q":
            self.modes.cursor_style = first or 0
        elif inter == b"!" and final == b"p":
            self._screen.soft_reset()
        elif inter == b"$" and final == b"p" and first is not None:
            state = self._screen.mode_report(first, private=False)
            self._replies += f"\x1b[{first};{state}$y".encode()

    def _osc(self, body: bytes, end: bytes, raw: bytes) -> None:
        if not end:
            return  # aborted by another escape sequence
        code, _, rest = body.partition(b";")
        if code in (b"0", b"1", b"2"):
            if code != b"1":
                self.title = scan.clean_text(rest)
            if self.policy.title:
                self._passthrough.append(raw)
        elif code == b"7":
            self.cwd = scan.parse_cwd(rest)
        elif code in (b"10", b"11", b"12"):
            for offset, part in enumerate(rest.split(b";")):
                index = int(code) + offset
                if part == b"?" and index <= 12:
                    colour = self._bg if index == 11 else self._fg
                    self._replies += scan.colour_reply(index, colour, end)
        elif self._may_forward(code, rest):
            self._passthrough.append(raw)

    def _may_forward(self, code: bytes, rest: bytes) -> bool:
        """OSC 8 / 9 / 52 under the policy; every other code is dropped."""
        policy = self.policy
        if code == b"8":
            return policy.hyperlink and scan.hyperlink_allowed(rest)
        if code == b"9":
            return policy.notify
        if code == b"52":
            return policy.osc52 and rest.partition(b";")[2] != b"?"
        return False

    # -- what the daemon reads and does -----------------------------------------------------------

    def take_replies(self) -> bytes:
        """Answers to write back into the PTY (DA, DSR / CPR, DECRQM, kitty query, OSC 10/11)."""
        replies = bytes(self._replies)
        self._replies.clear()
        return replies

    def take_passthrough(self) -> list[bytes]:
        """Allowed side-channel sequences, in order and byte-exact, for the outer terminal
        (the caller forwards them only if this pane is focused)."""
        sequences = self._passthrough
        self._passthrough = []
        return sequences

    def set_default_colors(
        self, fg: tuple[int, int, int] | None, bg: tuple[int, int, int] | None
    ) -> None:
        """The attached client's colours, used to answer OSC 10/11 queries (None: dark defaults)."""
        self._fg = fg or _DEFAULT_FG
        self._bg = bg or _DEFAULT_BG

    def resize(self, rows: int, cols: int) -> None:
        """Resize the grid (no reflow; see `PaneScreen.resize`)."""
        if rows < 1 or cols < 1:
            raise ValueError(f"terminal size must be positive, got {rows}x{cols}")
        if (rows, cols) == (self.rows, self.cols):
            return
        self._screen.resize(rows, cols)
        self.rows, self.cols = rows, cols
        self.scroll_offset = min(self.scroll_offset, len(self._screen.history))
        self._screen.dirty.update(range(rows))

    def cursor(self) -> tuple[int, int]:
        """`(row, col)` of the live cursor; a pending wrap shows as the last column."""
        cursor = self._screen.cursor
        return cursor.y, min(cursor.x, self.cols - 1)

    def cursor_visible(self) -> bool:
        """False when the program hid it, the view is scrolled back, or before any output."""
        return self.received_output and not self.modes.cursor_hidden and not self.scroll_offset

    def visible_row(self, row: int) -> Sequence[Char]:
        """Exactly `cols` pyte `Char` cells of display row `row`, scrollback offset applied."""
        if not 0 <= row < self.rows:
            raise IndexError(f"row {row} outside 0..{self.rows - 1}")
        screen = self._screen
        if self.scroll_offset:
            history = screen.history
            index = len(history) - self.scroll_offset + row
            if index < len(history):
                return render_entry(history[index], self.cols)
            row = index - len(history)
        line = screen.buffer.get(row)
        if line is None:
            return [screen.default_char] * self.cols
        return list(map(line.__getitem__, range(self.cols)))

    @property
    def dirty(self) -> set[int]:
        """Display rows changed since `clear_dirty()` (may name rows past the bottom)."""
        dirty: set[int] = self._screen.dirty
        return dirty

    def clear_dirty(self) -> None:
        """Forget the changed rows (after composing a frame)."""
        self._screen.dirty.clear()

    @property
    def history_lines(self) -> int:
        """Rows held in scrollback."""
        return len(self._screen.history)

    def scroll(self, lines: int) -> None:
        """Scroll the view `lines` rows up into scrollback (negative: down); clamped.

        Only the primary screen scrolls back; the alternate screen stays live.
        """
        if self._screen.alt_active:
            return
        offset = max(0, min(self.scroll_offset + lines, len(self._screen.history)))
        if offset != self.scroll_offset:
            self.scroll_offset = offset
            self._screen.dirty.update(range(self.rows))

    def clear_scrollback(self) -> None:
        """Drop the scrollback and return to the live view; the visible grid is untouched."""
        self._screen.clear_history()
        if self.scroll_offset:
            self.scroll_offset = 0
            self._screen.dirty.update(range(self.rows))
