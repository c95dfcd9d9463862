"""Key decoding for capsule dialogs, from the `PaneBytes` the parser hands them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from jackin_capsule.input._csi import MOD_CTRL, MOD_SHIFT, parse_kitty_key

__all__ = ["DialogKey", "DialogKeyKind", "decode_dialog_keys"]


class DialogKeyKind(StrEnum):
    """The keys dialogs care about (spec A11 "Dialog keys"); each value is its name."""

    UP = "UP"
    DOWN = "DOWN"
    LEFT = "LEFT"
    RIGHT = "RIGHT"
    ENTER = "ENTER"
    ESCAPE = "ESCAPE"
    BACKSPACE = "BACKSPACE"
    TAB = "TAB"
    BACKTAB = "BACKTAB"
    CTRL_C = "CTRL_C"
    CTRL_Q = "CTRL_Q"
    CHAR = "CHAR"


@dataclass(frozen=True, slots=True)
class DialogKey:
    """One decoded key; `text` is the character for `CHAR`, else empty."""

    kind: DialogKeyKind
    text: str = ""


_UP = DialogKey(DialogKeyKind.UP)
_DOWN = DialogKey(DialogKeyKind.DOWN)
_LEFT = DialogKey(DialogKeyKind.LEFT)
_RIGHT = DialogKey(DialogKeyKind.RIGHT)
_ENTER = DialogKey(DialogKeyKind.ENTER)
_ESCAPE = DialogKey(DialogKeyKind.ESCAPE)
_BACKSPACE = DialogKey(DialogKeyKind.BACKSPACE)
_TAB = DialogKey(DialogKeyKind.TAB)
_BACKTAB = DialogKey(DialogKeyKind.BACKTAB)
_CTRL_C = DialogKey(DialogKeyKind.CTRL_C)
_CTRL_Q = DialogKey(DialogKeyKind.CTRL_Q)

_ARROWS = {ord("A"): _UP, ord("B"): _DOWN, ord("C"): _RIGHT, ord("D"): _LEFT}
_CONTROLS = {
    0x0D: _ENTER,
    0x0A: _ENTER,
    0x7F: _BACKSPACE,
    0x08: _BACKSPACE,
    0x09: _TAB,
    0x03: _CTRL_C,
    0x11: _CTRL_Q,
}
_KITTY_PLAIN = {13: _ENTER, 9: _TAB, 127: _BACKSPACE, 8: _BACKSPACE, 27: _ESCAPE}
_KITTY_CTRL = {ord("c"): _CTRL_C, ord("q"): _CTRL_Q}

_TOKEN = re.compile(
    rb"(?P<csi>\x1b\[(?P<params>[\x30-\x3f]*)(?P<inter>[\x20-\x2f]*)(?P<final>[\x40-\x7e]))"
    rb"|(?P<ss3>\x1bO(?P<ss3final>[\x40-\x7e]))"
    rb"|(?P<string>\x1b[\]PX^_].*?(?:\x07|\x1b\\|\Z))"
    rb"|(?P<esc>\x1b(?=\x1b|\Z))"
    rb"|(?P<alt>\x1b.?)"
    rb"|(?P<text>[^\x00-\x1f\x7f]+)"
    rb"|(?P<ctl>[\x00-\x1f\x7f])",
    re.DOTALL,
)


def _typeable(char: str) -> bool:
    """Anything but control characters and lone surrogates."""
    return unicodedata.category(char) not in ("Cc", "Cs")


def _kitty(params: bytes) -> DialogKey | None:
    key = parse_kitty_key(params)
    if key is None or key.event == 3:
        return None
    if key.mods == 0 and key.code in _KITTY_PLAIN:
        return _KITTY_PLAIN[key.code]
    if key.mods == MOD_SHIFT and key.code == 9:
        return _BACKTAB
    if key.mods == MOD_CTRL:
        return _KITTY_CTRL.get(key.code)
    if key.mods in (0, MOD_SHIFT) and key.code >= 0x20 and key.code != 0x7F:
        code = key.code
        if key.mods == MOD_SHIFT:
            if key.shifted is not None:
                code = key.shifted
            elif 0x61 <= code <= 0x7A:
                code -= 0x20
        if code < 0x110000 and _typeable(chr(code)):
            return DialogKey(DialogKeyKind.CHAR, chr(code))
    return None


def _csi(match: re.Match[bytes]) -> DialogKey | None:
    params, final = match["params"], match["final"][0]
    if match["inter"] or params[:1] in (b"<", b"=", b">", b"?"):
        return None
    if final in _ARROWS:
        return _ARROWS[final]
    if final == ord("Z"):
        return _BACKTAB
    if final == ord("u"):
        return _kitty(params)
    return None


def _chars(run: bytes) -> list[DialogKey]:
    text = run.decode("utf-8", errors="ignore")
    return [DialogKey(DialogKeyKind.CHAR, ch) for ch in text if _typeable(ch)]


def decode_dialog_keys(data: bytes) -> list[DialogKey]:
    """Decode pane-bound bytes into dialog keys; unknown sequences are ignored.

    Arrows (CSI and SS3 forms), Enter (`\\r`, `\\n`, `\\r\\n` once), a lone ESC, Backspace
    (0x7f, 0x08), Tab, Backtab (`CSI Z`), Ctrl+C, Ctrl+Q, kitty `CSI … u` forms of
    these, and printable UTF-8 text as one `CHAR` per character (invalid UTF-8 is
    dropped). Inside a bracketed paste only the printable text counts.
    """
    keys: list[DialogKey] = []
    in_paste = False
    after_cr = False
    for match in _TOKEN.finditer(data):
        group = match.lastgroup
        was_cr, after_cr = after_cr, False
        if group == "text":
            keys += _chars(match[0])
        elif group == "csi":
            if match["params"] in (b"200", b"201") and match["final"] == b"~":
                in_paste = match["params"] == b"200"
            elif not in_paste and (key := _csi(match)) is not None:
                keys.append(key)
        elif in_paste:
            continue
        elif group == "ss3":
            if (arrow := _ARROWS.get(match["ss3final"][0])) is not None:
                keys.append(arrow)
            elif match["ss3final"] == b"M":
                keys.append(_ENTER)
        elif group == "esc":
            keys.append(_ESCAPE)
        elif group == "ctl":
            byte = match[0][0]
            after_cr = byte == 0x0D
            if not (byte == 0x0A and was_cr) and (key := _CONTROLS.get(byte)) is not None:
                keys.append(key)
    return keys
