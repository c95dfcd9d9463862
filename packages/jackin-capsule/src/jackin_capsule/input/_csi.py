"""Pure decoding of complete CSI sequences from the outer terminal (spec A11 normalisation).

`classify_csi` says what one complete `ESC [ … final` sequence means; the parser then
applies that outcome in its current state (idle or awaiting a prefix command).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto

from jackin_capsule.input._events import (
    Direction,
    InputEvent,
    Mouse,
    MouseKind,
    OuterFocus,
    ResizePane,
)

__all__ = [
    "MOD_ALT",
    "MOD_CTRL",
    "MOD_SHIFT",
    "CsiKind",
    "CsiOutcome",
    "KittyKey",
    "classify_csi",
    "ctrl_byte",
    "decode_sgr_mouse",
    "decode_x10_mouse",
    "parse_kitty_key",
]

MOD_SHIFT = 1
MOD_ALT = 2
MOD_CTRL = 4
_LOCKS = 64 | 128  # caps lock, num lock: ignored when matching chords

# Kitty's modifier-only keys (LEFT_SHIFT … ISO_LEVEL5_SHIFT), reported with flag 8.
_MODIFIER_KEYS = range(57441, 57455)

# `cp[:shifted[:base]][;mods[:event][;text]]`; digit runs bounded so int() stays cheap.
_KITTY_U = re.compile(
    rb"(\d{1,10})(?::(\d{0,10}))?(?::\d{0,10})?(?:;(\d{0,10})(?::(\d{1,10}))?(?:;[\d:]*)?)?"
)
_MODS_EVENT = re.compile(rb"(\d{0,10})(?::(\d{1,10}))?")
_MODIFY_OTHER = re.compile(rb"27;(\d{1,10});(\d{1,10})")
_SGR_MOUSE = re.compile(rb"<(\d{1,10});(\d{1,10});(\d{1,10})")
_INTERMEDIATE = re.compile(rb"[\x20-\x2f]")
_PRIVATE_MARKERS = b"<=>?"
_KEY_FINALS = b"u~ABCDEFHPQRS"
_ARROWS: dict[int, Direction] = {
    ord("A"): "up",
    ord("B"): "down",
    ord("C"): "right",
    ord("D"): "left",
}
_BUTTON_BITS = 0b1100_0011  # the button code without shift/alt/ctrl/motion bits
_WHEEL_KINDS: tuple[MouseKind, ...] = ("wheel_up", "wheel_down", "wheel_left", "wheel_right")
_CTRL_PUNCT = frozenset(b"@\\]^_")


class CsiKind(Enum):
    """How the parser should treat a complete CSI sequence."""

    DROP = auto()  # swallow, no effect on prefix state
    PASSIVE_EVENT = auto()  # emit `event`; no effect on prefix state
    PASSIVE_BYTES = auto()  # forward `data` (terminal replies); no effect on prefix state
    PASTE_START = auto()  # forward `data`, enter bracketed paste
    CONTROL = auto()  # the key is control byte `code`
    ESCAPE = auto()  # the key is a plain Esc
    KEY_EVENT = auto()  # a key with its own event (`event`)
    KEY_BYTES = auto()  # any other key: forward `data`
    KEY_CHAR = auto()  # printable key `code`; idle forwards `data` verbatim
    MODIFIER = auto()  # modifier-only key: forwarded when idle, ignored by prefix


@dataclass(frozen=True, slots=True)
class CsiOutcome:
    """The meaning of one CSI sequence."""

    kind: CsiKind
    data: bytes = b""
    code: int = 0
    event: InputEvent | None = None


@dataclass(frozen=True, slots=True)
class KittyKey:
    """A kitty `CSI … u` key: code point, shifted code point, modifier bits, event type."""

    code: int
    shifted: int | None
    mods: int
    event: int


def _mod_bits(field: bytes) -> int:
    value = int(field) if field else 1
    return max(value - 1, 0) & ~_LOCKS


def ctrl_byte(code: int) -> int | None:
    """The control byte Ctrl+`code` stands for (letters, `@ \\ ] ^ _`, space), else None."""
    if 0x61 <= code <= 0x7A or 0x41 <= code <= 0x5A:
        return code & 0x1F
    if code == 0x20:
        return 0x00
    if code in _CTRL_PUNCT:
        return code & 0x1F
    return None


def parse_kitty_key(params: bytes) -> KittyKey | None:
    """Parse the parameters of a kitty `CSI … u` key report; None if malformed."""
    match = _KITTY_U.fullmatch(params)
    if match is None:
        return None
    code, shifted, mods, event = match.groups()
    return KittyKey(
        code=int(code),
        shifted=int(shifted) if shifted else None,
        mods=_mod_bits(mods or b""),
        event=int(event) if event else 1,
    )


def _mouse(button_code: int, col: int, row: int, *, released: bool) -> Mouse:
    button = button_code & _BUTTON_BITS
    low = button_code & 3
    motion = bool(button_code & 32)
    kind: MouseKind
    if button_code & 64 and not button_code & 128:
        kind = _WHEEL_KINDS[low]
    elif motion:
        kind = "move" if button == 3 else "drag"
    elif released or button == 3:
        kind = "release"
    else:
        kind = "press"
    return Mouse(
        kind=kind,
        button=button,
        row=max(row - 1, 0),
        col=max(col - 1, 0),
        shift=bool(button_code & 4),
        alt=bool(button_code & 8),
        ctrl=bool(button_code & 16),
    )


def decode_sgr_mouse(params: bytes, final: int) -> Mouse | None:
    """Decode SGR `CSI < b;x;y M|m` (`params` includes the `<`); None if malformed."""
    match = _SGR_MOUSE.fullmatch(params)
    if match is None:
        return None
    button_code, col, row = (int(g) for g in match.groups())
    return _mouse(button_code, col, row, released=final == ord("m"))


def decode_x10_mouse(report: bytes) -> Mouse:
    """Decode the three bytes after X10 `CSI M` (each value + 32, 1-based coordinates)."""
    button_code, col, row = (max(b - 32, 0) for b in report)
    return _mouse(button_code, col, row, released=False)


def _is_release(field: bytes) -> bool:
    parts = field.split(b":")
    return len(parts) > 1 and parts[1] == b"3"


def _classify_csi_u(raw: bytes, params: bytes) -> CsiOutcome:
    key = parse_kitty_key(params)
    if key is None:
        return CsiOutcome(CsiKind.KEY_BYTES, raw)
    if key.code == 27 and key.mods == 0:
        return CsiOutcome(CsiKind.ESCAPE)
    if key.mods == MOD_CTRL and (control := ctrl_byte(key.code)) is not None:
        return CsiOutcome(CsiKind.CONTROL, code=control)
    if key.code in _MODIFIER_KEYS:
        return CsiOutcome(CsiKind.MODIFIER, raw)
    if key.mods in (0, MOD_SHIFT) and key.code >= 0x20 and key.code != 0x7F:
        char = key.code
        if key.mods == MOD_SHIFT:
            if key.shifted is not None:
                char = key.shifted
            elif 0x61 <= char <= 0x7A:
                char -= 0x20
        return CsiOutcome(CsiKind.KEY_CHAR, raw, code=char)
    return CsiOutcome(CsiKind.KEY_BYTES, raw)


def _classify_modify_other(raw: bytes, params: bytes) -> CsiOutcome:
    match = _MODIFY_OTHER.fullmatch(params)
    if match is None:
        return CsiOutcome(CsiKind.KEY_BYTES, raw)
    mods, code = _mod_bits(match[1]), int(match[2])
    if mods == MOD_SHIFT and code == 13:
        return CsiOutcome(CsiKind.KEY_BYTES, b"\x1b[13;2u")
    if mods == MOD_CTRL and (control := ctrl_byte(code)) is not None:
        return CsiOutcome(CsiKind.CONTROL, code=control)
    return CsiOutcome(CsiKind.KEY_BYTES, raw)


def _classify_arrow(raw: bytes, fields: list[bytes], final: int) -> CsiOutcome:
    if len(fields) != 2 or fields[0] != b"1":
        return CsiOutcome(CsiKind.KEY_BYTES, raw)
    match = _MODS_EVENT.fullmatch(fields[1])
    if match is None:
        return CsiOutcome(CsiKind.KEY_BYTES, raw)
    mods = _mod_bits(match[1])
    if mods == MOD_ALT | MOD_SHIFT:
        return CsiOutcome(CsiKind.KEY_EVENT, event=ResizePane(_ARROWS[final]))
    if mods == 0:
        return CsiOutcome(CsiKind.KEY_BYTES, b"\x1b[" + bytes([final]))
    return CsiOutcome(CsiKind.KEY_BYTES, raw)


def classify_csi(raw: bytes) -> CsiOutcome:  # noqa: PLR0911 - one return per rule, in order
    """Classify one complete `ESC [ params final` sequence received from the terminal."""
    params, final = raw[2:-1], raw[-1]
    if final == ord("t"):  # window/size reports
        return CsiOutcome(CsiKind.DROP)
    if params[:1] == b"<" and final in b"Mm":
        mouse = decode_sgr_mouse(params, final)
        if mouse is None:
            return CsiOutcome(CsiKind.DROP)
        return CsiOutcome(CsiKind.PASSIVE_EVENT, event=mouse)
    if not params and final in b"IO":
        return CsiOutcome(CsiKind.PASSIVE_EVENT, event=OuterFocus(final == ord("I")))
    if params == b"200" and final == ord("~"):
        return CsiOutcome(CsiKind.PASTE_START, raw)
    if (params and params[0] in _PRIVATE_MARKERS) or _INTERMEDIATE.search(params):
        return CsiOutcome(CsiKind.PASSIVE_BYTES, raw)
    fields = params.split(b";")
    if final in _KEY_FINALS and len(fields) > 1 and _is_release(fields[1]):
        return CsiOutcome(CsiKind.DROP)
    if final == ord("u"):
        return _classify_csi_u(raw, params)
    if final == ord("~") and fields[0] == b"27":
        return _classify_modify_other(raw, params)
    if final in _ARROWS:
        return _classify_arrow(raw, fields, final)
    return CsiOutcome(CsiKind.KEY_BYTES, raw)
