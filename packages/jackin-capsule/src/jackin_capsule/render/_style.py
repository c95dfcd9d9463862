"""Cell styles and their SGR encoding.

Colours use pyte's spelling: ``"default"``, a named colour (``"red"``, ``"brown"`` for
yellow, ``"brightred"`` …) or six hex digits (``"ff0000"``; pyte writes them lowercase
and maps 256-colour indexes to hex too).
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = ["CHAR_STYLES", "DEFAULT_STYLE", "SGR_CODES", "Style", "sgr", "style_of_char"]

_NAMED = {
    "black": 0,
    "red": 1,
    "green": 2,
    "brown": 3,
    "yellow": 3,
    "blue": 4,
    "magenta": 5,
    "cyan": 6,
    "white": 7,
}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


class Style(NamedTuple):
    """How a cell is drawn; immutable and hashable.

    A NamedTuple on purpose: equality and hashing run in C, which keeps whole-row
    comparisons cheap in the frame differ.
    """

    fg: str = "default"
    bg: str = "default"
    bold: bool = False
    italics: bool = False
    underscore: bool = False
    strikethrough: bool = False
    reverse: bool = False
    blink: bool = False


DEFAULT_STYLE = Style()


def _colour_params(colour: str, base: int) -> str | None:
    """SGR parameters for a colour (None: default or unknown); `base` is 30 or 40."""
    if colour == "default":
        return None
    if len(colour) == 6 and _HEX_DIGITS.issuperset(colour):
        value = int(colour, 16)
        return f"{base + 8};2;{value >> 16};{(value >> 8) & 0xFF};{value & 0xFF}"
    name = colour.lower()
    # pyte 0.8.2 names background 105 "bfightmagenta" (sic).
    bright = name.startswith(("bright", "bfight"))
    index = _NAMED.get(name[6:] if bright else name)
    if index is None:
        return None
    return str(base + 60 + index if bright else base + index)


class _SgrCache(dict[Style, str]):
    def __missing__(self, style: Style) -> str:
        params = ["0"]
        if style.bold:
            params.append("1")
        if style.italics:
            params.append("3")
        if style.underscore:
            params.append("4")
        if style.blink:
            params.append("5")
        if style.reverse:
            params.append("7")
        if style.strikethrough:
            params.append("9")
        for colour, base in ((style.fg, 30), (style.bg, 40)):
            code = _colour_params(colour, base)
            if code is not None:
                params.append(code)
        sequence = "\x1b[" + ";".join(params) + "m"
        self[style] = sequence
        return sequence


SGR_CODES = _SgrCache()


def sgr(style: Style) -> str:
    """The complete SGR sequence (starting from a reset) that selects `style`."""
    return SGR_CODES[style]


_MAX_CHAR_STYLES = 1 << 16


class _CharStyleCache(dict[Any, Style]):
    """pyte `Char` -> `Style`, filled on demand; the key includes the character."""

    def __missing__(self, char: Any) -> Style:
        if len(self) >= _MAX_CHAR_STYLES:
            self.clear()
            _STYLES.clear()
        style = _STYLES.setdefault(
            tuple(char[1:9]),
            Style(
                str(char[1]),
                str(char[2]),
                bool(char[3]),
                bool(char[4]),
                bool(char[5]),
                bool(char[6]),
                bool(char[7]),
                bool(char[8]),
            ),
        )
        self[char] = style
        return style


# One Style object per distinct look, so rows share objects and compare by identity.
_STYLES: dict[tuple[Any, ...], Style] = {}
CHAR_STYLES = _CharStyleCache()


def style_of_char(char: Any) -> Style:
    """The `Style` of a pyte `Char` (data, fg, bg, bold, italics, underscore,
    strikethrough, reverse, blink)."""
    return CHAR_STYLES[char]
