"""The byte-level input state machine (spec A11).

Bytes from the attached client's `Input` frames go in; `InputEvent`s come out. The
parser is pure: no I/O and no clock — every call that may depend on time takes `now`
(monotonic seconds), and the caller wakes the parser at `deadline()` via `expire()`.

Resolved details:

- ESC immediately followed by the palette key, Ctrl+Q or the prefix key acts as
  that key and the ESC is dropped (so Ctrl+Q is intercepted even as Alt+Ctrl+Q).
- Plain bytes are found with one compiled regex per run, bracketed-paste bodies with
  `bytes.find`; adjacent pane bytes are coalesced into one `PaneBytes` per call, except
  that a lone ESC (timed out, or kitty's `CSI 27u`) is always its own `PaneBytes(b"\\x1b")`
  so a dialog can tell the Esc key from the start of a sequence.
- The escape timeout applies to every incomplete sequence, not only a lone ESC:
  after `escape_time` without a completing byte (measured from the last byte
  received), the buffered bytes are flushed verbatim as typed keys (Alt+[, Alt+],
  Alt+O …); a partial X10 mouse report is dropped. `feed()` first expires a sequence
  whose deadline has already passed.
- A sequence that exceeds `MAX_SEQUENCE` (64 KiB) unterminated is **dropped**: the
  buffer is freed and the rest of that sequence, up to its terminator, is discarded
  without being buffered.
- An unexpected byte inside a CSI/SS3 sequence, or ESC + anything but `\\` inside
  an OSC/DCS string, aborts it: the bytes so far are forwarded as typed keys and the
  byte is parsed afresh.
- While a prefix command is awaited, a key that arrives as an escape sequence (kitty
  `CSI … u`) still counts as that key; a lone ESC or any other key sequence cancels
  the prefix and is swallowed. Mouse reports, focus reports, dropped sequences,
  complete OSC/DCS strings and terminal replies (`CSI ?…`, `CSI >…`) pass without
  cancelling it; a bracketed paste cancels it and is delivered.
"""

from __future__ import annotations

import re
from enum import Enum, auto

from jackin_capsule.input._config import InputConfig
from jackin_capsule.input._csi import CsiKind, CsiOutcome, classify_csi, decode_x10_mouse
from jackin_capsule.input._events import (
    InputEvent,
    PaneBytes,
    PrefixAction,
    PrefixCommand,
    PrefixPending,
    RequestExit,
    TogglePalette,
)

__all__ = ["MAX_SEQUENCE", "InputParser"]

MAX_SEQUENCE = 64 * 1024

_ESC = 0x1B
_BEL = 0x07
_CTRL_Q = 0x11
_LONE_ESC = b"\x1b"
_PASTE_END = b"\x1b[201~"
_X10_LEN = 6  # ESC [ M b x y

_DEFAULT_CONFIG = InputConfig()

_CSI_BODY = re.compile(rb"[\x20-\x3f]*")
_SS3_BODY = re.compile(rb"[\x30-\x3f]*")
_OSC_STOP = re.compile(rb"[\x07\x1b]")
_ST_STOP = re.compile(rb"\x1b")

_PREFIX_TABLE: dict[int, PrefixAction] = {
    ord("c"): PrefixAction.NEW_TAB,
    ord("n"): PrefixAction.NEXT_TAB,
    ord("p"): PrefixAction.PREV_TAB,
    ord('"'): PrefixAction.SPLIT_BELOW,
    ord("%"): PrefixAction.SPLIT_RIGHT,
    ord("h"): PrefixAction.FOCUS_LEFT,
    ord("j"): PrefixAction.FOCUS_DOWN,
    ord("k"): PrefixAction.FOCUS_UP,
    ord("l"): PrefixAction.FOCUS_RIGHT,
    ord("z"): PrefixAction.ZOOM,
    ord("x"): PrefixAction.CLOSE_PANE,
    ord("&"): PrefixAction.CLOSE_TAB,
    0x0C: PrefixAction.CLEAR_PANE,
    ord("d"): PrefixAction.DETACH,
    ord("u"): PrefixAction.USAGE,
    ord(" "): PrefixAction.PALETTE,
    ord(":"): PrefixAction.PALETTE,
    ord("r"): PrefixAction.REDRAW,
}


class _State(Enum):
    IDLE = auto()
    ESC = auto()  # got ESC, need the next byte
    CSI = auto()
    X10 = auto()  # ESC [ M + three raw bytes
    SS3 = auto()
    STRING = auto()  # OSC (BEL or ST) / DCS, SOS, PM, APC (ST only)
    STRING_ESC = auto()  # ESC inside a string: `\` ends it


def _utf8_continuations(lead: int) -> int:
    if lead >= 0xF0:
        return 3
    if lead >= 0xE0:
        return 2
    if lead >= 0xC0:
        return 1
    return 0


class InputParser:
    """Turn the client's raw input bytes into multiplexer events (spec A11)."""

    __slots__ = (
        "_config",
        "_discard",
        "_events",
        "_in_paste",
        "_intercepts",
        "_osc",
        "_pane",
        "_paste_tail",
        "_prefix",
        "_seq",
        "_skip_continuations",
        "_special",
        "_state",
        "_touched",
    )

    def __init__(self, config: InputConfig = _DEFAULT_CONFIG) -> None:
        """Create a parser that intercepts the keys of `config`."""
        self._config = config
        self._intercepts = frozenset(
            k for k in (config.palette_key, _CTRL_Q, config.prefix_key) if k is not None
        )
        specials = {_ESC, *self._intercepts}
        self._special = re.compile(b"[" + b"".join(b"\\x%02x" % k for k in sorted(specials)) + b"]")
        self._state = _State.IDLE
        self._seq = bytearray()
        self._discard = False
        self._osc = False
        self._prefix = False
        self._in_paste = False
        self._paste_tail = b""
        self._skip_continuations = 0
        self._touched = 0.0
        self._events: list[InputEvent] = []
        self._pane = bytearray()

    # -- public -------------------------------------------------------------------

    @property
    def prefix_pending(self) -> bool:
        """True while the key after the prefix key is awaited."""
        return self._prefix

    @property
    def in_paste(self) -> bool:
        """True between `ESC[200~` and `ESC[201~`."""
        return self._in_paste

    @property
    def buffered(self) -> int:
        """How many bytes of an incomplete escape sequence are held (at most 64 KiB)."""
        return len(self._seq)

    def deadline(self) -> float | None:
        """When an incomplete sequence (usually a lone ESC) must be flushed; None if none."""
        if self._state is _State.IDLE:
            return None
        return self._touched + self._config.escape_time

    def expire(self, now: float) -> list[InputEvent]:
        """Flush an incomplete sequence once `now >= deadline()`; a lone ESC goes to the pane."""
        deadline = self.deadline()
        if deadline is None or now < deadline:
            return []
        state, self._state = self._state, _State.IDLE
        if state is _State.ESC:
            self._seq.clear()
            self._escape_key()
        elif state is _State.X10 or self._discard:
            self._seq.clear()
            self._discard = False
        else:
            self._abort()
        return self._take()

    def feed(self, data: bytes, now: float) -> list[InputEvent]:
        """Parse `data` received at `now`; returns the events it completes, in order."""
        events = self.expire(now)
        if not data:
            return events
        i, end = 0, len(data)
        while i < end:
            state = self._state
            if state is _State.IDLE:
                i = self._idle(data, i)
            elif state is _State.ESC:
                i = self._after_esc(data, i)
            elif state is _State.CSI:
                i = self._csi(data, i)
            elif state is _State.X10:
                i = self._x10(data, i)
            elif state is _State.SS3:
                i = self._ss3(data, i)
            elif state is _State.STRING:
                i = self._string(data, i)
            else:
                i = self._string_esc(data, i)
        if self._state is not _State.IDLE:
            self._touched = now
        events.extend(self._take())
        return events

    # -- output -------------------------------------------------------------------

    def _flush_pane(self) -> None:
        if self._pane:
            self._events.append(PaneBytes(bytes(self._pane)))
            self._pane.clear()

    def _emit(self, event: InputEvent) -> None:
        self._flush_pane()
        self._events.append(event)

    def _take(self) -> list[InputEvent]:
        self._flush_pane()
        events, self._events = self._events, []
        return events

    # -- keys ---------------------------------------------------------------------

    def _key(self, byte: int) -> None:
        """One key byte (raw or decoded from CSI), in the current mode."""
        if self._prefix:
            self._prefix_key(byte)
        elif byte == self._config.palette_key:
            self._emit(TogglePalette())
        elif byte == _CTRL_Q:
            self._emit(RequestExit())
        elif byte == self._config.prefix_key:
            self._prefix = True
            self._emit(PrefixPending(active=True))
        else:
            self._pane.append(byte)

    def _end_prefix(self) -> None:
        self._prefix = False
        self._emit(PrefixPending(active=False))

    def _prefix_key(self, byte: int) -> None:
        self._end_prefix()
        if byte == self._config.prefix_key:
            self._pane.append(byte)
        elif 0x30 <= byte <= 0x39:
            self._emit(PrefixCommand(PrefixAction.GOTO_TAB, tab=byte - 0x30))
        elif (action := _PREFIX_TABLE.get(byte)) is not None:
            self._emit(PrefixCommand(action))
        else:
            self._skip_continuations = _utf8_continuations(byte)

    def _key_bytes(self, raw: bytes) -> None:
        """A key that is forwarded verbatim when idle and swallowed by a pending prefix."""
        if self._prefix:
            self._end_prefix()
            self._skip_continuations = _utf8_continuations(raw[-1])
        else:
            self._pane += raw

    def _escape_key(self) -> None:
        """The Esc key: cancels a pending prefix, else goes to the pane on its own."""
        if self._prefix:
            self._end_prefix()
        else:
            self._emit(PaneBytes(_LONE_ESC))

    def _abort(self) -> None:
        """An incomplete sequence ends early: its bytes were typed keys."""
        if self._discard:
            self._discard = False
        elif self._seq:
            raw = bytes(self._seq)
            self._key_bytes(raw)
        self._seq.clear()

    # -- states -------------------------------------------------------------------

    def _start_esc(self) -> None:
        self._state = _State.ESC
        self._seq.clear()
        self._seq.append(_ESC)

    def _collect(self, data: bytes, start: int, stop: int) -> None:
        if self._discard or stop <= start:
            return
        if len(self._seq) + stop - start > MAX_SEQUENCE:
            self._discard = True
            self._seq = bytearray()
        else:
            self._seq += data[start:stop]

    def _idle(self, data: bytes, i: int) -> int:
        if self._skip_continuations:
            if 0x80 <= data[i] < 0xC0:
                self._skip_continuations -= 1
                return i + 1
            self._skip_continuations = 0
        if self._in_paste:
            return self._paste(data, i)
        if self._prefix:
            if data[i] == _ESC:
                self._start_esc()
            else:
                self._prefix_key(data[i])
            return i + 1
        match = self._special.search(data, i)
        if match is None:
            self._pane += data[i:]
            return len(data)
        j = match.start()
        if j > i:
            self._pane += data[i:j]
        if data[j] == _ESC:
            self._start_esc()
        else:
            self._key(data[j])
        return j + 1

    def _paste(self, data: bytes, i: int) -> int:
        tail = self._paste_tail
        keep = len(_PASTE_END) - 1
        found = (tail + data[i : i + keep]).find(_PASTE_END)
        stop = i + found + len(_PASTE_END) - len(tail) if found >= 0 else -1
        if stop < 0:
            found = data.find(_PASTE_END, i)
            stop = found + len(_PASTE_END) if found >= 0 else -1
        if stop >= 0:
            self._pane += data[i:stop]
            self._in_paste = False
            self._paste_tail = b""
            return stop
        self._pane += data[i:]
        if len(data) - i >= keep:
            self._paste_tail = data[-keep:]
        else:
            self._paste_tail = (tail + data[i:])[-keep:]
        return len(data)

    def _after_esc(self, data: bytes, i: int) -> int:
        byte = data[i]
        if byte == 0x5B:  # [
            self._state = _State.CSI
        elif byte == 0x5D:  # ]
            self._state, self._osc = _State.STRING, True
        elif byte in b"PX^_":  # DCS, SOS, PM, APC
            self._state, self._osc = _State.STRING, False
        elif byte == 0x4F:  # O
            self._state = _State.SS3
        elif byte == _ESC:
            self._escape_key()
            self._start_esc()
            return i + 1
        else:
            self._state = _State.IDLE
            self._seq.clear()
            if byte in self._intercepts and not self._prefix:
                self._key(byte)  # ESC + palette key / Ctrl+Q / prefix key: the ESC is dropped
            else:  # Alt+key
                self._key_bytes(bytes((_ESC, byte)))
            return i + 1
        self._seq.append(byte)
        return i + 1

    def _csi(self, data: bytes, i: int) -> int:
        body = _CSI_BODY.match(data, i)
        j = body.end() if body is not None else i
        self._collect(data, i, j)
        if j == len(data):
            return j
        final = data[j]
        if not 0x40 <= final <= 0x7E:
            self._state = _State.IDLE
            self._abort()
            return j
        if final == 0x4D and not self._discard and self._seq == b"\x1b[":
            self._state = _State.X10
            self._seq.append(final)
            return j + 1
        self._state = _State.IDLE
        if self._discard:
            self._discard = False
            return j + 1
        self._seq.append(final)
        raw = bytes(self._seq)
        self._seq.clear()
        self._apply(classify_csi(raw))
        return j + 1

    def _apply(self, outcome: CsiOutcome) -> None:  # noqa: PLR0912 - one branch per kind
        kind = outcome.kind
        if kind is CsiKind.PASSIVE_EVENT and outcome.event is not None:
            self._emit(outcome.event)
        elif kind is CsiKind.PASSIVE_BYTES or (kind is CsiKind.MODIFIER and not self._prefix):
            self._pane += outcome.data
        elif kind is CsiKind.PASTE_START:
            if self._prefix:
                self._end_prefix()
            self._pane += outcome.data
            self._in_paste = True
            self._paste_tail = b""
        elif kind is CsiKind.CONTROL:
            self._key(outcome.code)
        elif kind is CsiKind.ESCAPE:
            self._escape_key()
        elif kind is CsiKind.KEY_EVENT and outcome.event is not None:
            if self._prefix:
                self._end_prefix()
            else:
                self._emit(outcome.event)
        elif kind is CsiKind.KEY_BYTES:
            self._key_bytes(outcome.data)
        elif kind is CsiKind.KEY_CHAR:
            if not self._prefix:
                self._pane += outcome.data
            elif outcome.code < 0x80:
                self._prefix_key(outcome.code)
            else:
                self._end_prefix()
        # DROP, and MODIFIER while a prefix is pending: nothing.

    def _x10(self, data: bytes, i: int) -> int:
        take = data[i : i + _X10_LEN - len(self._seq)]
        self._seq += take
        if len(self._seq) == _X10_LEN:
            self._state = _State.IDLE
            mouse = decode_x10_mouse(bytes(self._seq[3:]))
            self._seq.clear()
            self._emit(mouse)
        return i + len(take)

    def _ss3(self, data: bytes, i: int) -> int:
        body = _SS3_BODY.match(data, i)
        j = body.end() if body is not None else i
        self._collect(data, i, j)
        if j == len(data):
            return j
        self._state = _State.IDLE
        final = data[j]
        if not 0x40 <= final <= 0x7E:
            self._abort()
            return j
        self._collect(data, j, j + 1)
        self._abort()  # a complete SS3 key is forwarded (or swallowed by a prefix) as is
        return j + 1

    def _string(self, data: bytes, i: int) -> int:
        stop = (_OSC_STOP if self._osc else _ST_STOP).search(data, i)
        if stop is None:
            self._collect(data, i, len(data))
            return len(data)
        j = stop.start()
        self._collect(data, i, j + 1)
        if data[j] == _BEL:
            self._finish_string()
        else:
            self._state = _State.STRING_ESC
        return j + 1

    def _string_esc(self, data: bytes, i: int) -> int:
        if data[i] == 0x5C:  # ESC \ (ST)
            self._collect(data, i, i + 1)
            self._finish_string()
            return i + 1
        # ESC + something else aborts the string; that ESC starts a new sequence.
        if not self._discard:
            self._seq.pop()
        self._state = _State.IDLE
        self._abort()
        self._start_esc()
        return i

    def _finish_string(self) -> None:
        """A complete OSC/DCS/APC/PM/SOS string: a terminal reply, forwarded verbatim."""
        self._state = _State.IDLE
        if self._discard:
            self._discard = False
        else:
            self._pane += self._seq
        self._seq.clear()
