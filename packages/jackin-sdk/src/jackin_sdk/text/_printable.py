"""Untrusted text made safe to print on an operator's terminal.

A role repository, the agent's container and everything they can write (git output,
capsule replies, files in mounted folders) are untrusted. Printed raw, their text could
move the cursor, erase or overwrite lines, retitle the terminal, write the clipboard
(OSC 52), hyperlink (OSC 8) or reorder a line with bidi overrides. So every such string
passes `printable` before jackin prints it, and names are refused at validation.

Unsafe characters are C0 and C1 controls (ESC, CR, BEL, …), DEL, the line and paragraph
separators, lone surrogates and Unicode format characters (bidi embeddings, overrides and
isolates U+202A–202E and U+2066–2069, marks, zero-width spaces, the BOM, tag
characters), except the zero-width joiner inside emoji sequences. Each becomes a visible
Python-style escape: `\\x1b`, `\\r`, `\\n`, `\\t`, `\\u202e`, `\\U000e0001`. A backslash is
left as it is, so an escape cannot be told from the same text typed literally; that only
costs readability, never control of the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator

from jackin_sdk.errors import CodedError, ErrorCode, Location

__all__ = [
    "first_unprintable",
    "printable",
    "printable_json",
    "require_printable",
    "unprintable_fields",
]

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_KEPT_CATEGORIES = frozenset({"Zs", "Co", "Cn"})
"""Non-printable to `str.isprintable` yet harmless: spaces, private use, unassigned."""
_ZWJ = "\u200d"
_MULTILINE_KEPT = frozenset("\n\t")


def _unsafe(char: str) -> bool:
    if char.isprintable() or char == _ZWJ:
        return False
    if char < "\xa0":  # every ASCII or Latin-1 non-printable is a C0/C1 control or DEL
        return True
    import unicodedata  # noqa: PLC0415 - only for rare non-ASCII text

    return unicodedata.category(char) not in _KEPT_CATEGORIES


def _escape(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with every unsafe character replaced by a visible escape (`ESC` → `\\x1b`).

    Single-line (the default, for names and fields) escapes newlines and tabs too, so a
    value cannot start a line of its own. `multiline=True` (git output, error details)
    keeps `\\n` and `\\t` and still escapes `\\r`, so no line can be overwritten.
    """
    if text.isprintable():
        return text
    kept = _MULTILINE_KEPT if multiline else frozenset()
    return "".join(_escape(c) if c not in kept and _unsafe(c) else c for c in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def printable_json(document: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` safe to print, same data.

    `json.dumps` escapes C0 controls but leaves DEL, C1 controls, bidi overrides, U+2028
    and lone surrogates raw; they become `\\uXXXX` escapes, which is still valid JSON and
    decodes to the same strings. Other non-ASCII text stays readable.
    """
    if document.isprintable():
        return document
    return "".join(_json_escape(c) if c not in _MULTILINE_KEPT and _unsafe(c) else c
                   for c in document)  # fmt: skip


def first_unprintable(text: str, *, multiline: bool = False) -> str | None:
    """The escaped form of the first unsafe character of `text` (`"\\x1b"`), or None."""
    if text.isprintable():
        return None
    kept = _MULTILINE_KEPT if multiline else frozenset()
    return next((_escape(c) for c in text if c not in kept and _unsafe(c)), None)


def unprintable_fields(data: object, path: tuple[str, ...] = ()) -> Iterator[tuple[list[str], str]]:
    """Every key and string value of nested dicts and lists holding an unsafe character.

    Yields `(key path, escaped character)`; a bad key is reported at its own path, list
    items at their list's path. For the tables of a TOML file, whose strings jackin prints.
    """
    if isinstance(data, str):
        bad = first_unprintable(data)
        if bad is not None:
            yield list(path), bad
    elif isinstance(data, dict):
        for key, value in data.items():
            key_text = str(key)
            bad = first_unprintable(key_text)
            if bad is not None:
                yield [*path, key_text], bad
            yield from unprintable_fields(value, (*path, key_text))
    elif isinstance(data, list | tuple):
        for item in data:
            yield from unprintable_fields(item, path)


def require_printable(value: str, *, what: str, location: Location | None = None) -> None:
    """Refuse `value` (a name or label) holding an unsafe character: E017 naming `what`.

    The message shows the value escaped, never raw.
    """
    bad = first_unprintable(value)
    if bad is None:
        return
    raise CodedError(
        ErrorCode.E017,
        detail=f'{what} "{printable(value)}" contains {bad}, a control or formatting character',
        location=location,
    )
