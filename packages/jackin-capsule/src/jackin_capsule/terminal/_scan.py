"""The byte-level pre-scanner's patterns and pure helpers.

The scanner finds, with one compiled pattern over the raw PTY bytes, the escape
sequences pyte must not see or gets wrong, and handles them itself:

- CSI with a `<`, `=`, `>` or `?` marker: kitty keyboard (`CSI > n u`, `CSI < n u`,
  `CSI = n ; m u`, `CSI ? u`), `CSI > 4 ; n m` (modifyOtherKeys; pyte would read it
  as SGR 4 = underline), secondary DA, DECRQM, DECXCPR. `CSI ? … h/l/J/K` (private
  modes, selective erase) is left to pyte, whose screen hooks record the modes.
- CSI with intermediate bytes: DECSCUSR (`CSI n SP q`), DECSTR (`CSI ! p`), ANSI
  DECRQM (`CSI n $ p`); pyte would print the final byte of most of these as text.
- SGR with `:` sub-parameters or the underline colour (58): rewritten for pyte.
- OSC (`ESC ]` … BEL or ST) and DCS / APC / PM / SOS strings: never reach pyte.

Plain text never enters a Python-level loop: text without ESC is handed to pyte
as is, and only matches of the pattern are looked at.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

#: Escape sequences the scanner handles (all others go to pyte untouched).
SEQUENCE = re.compile(
    rb"\x1b(?:"
    rb"\[(?P<mark>[<=>?])(?P<mparams>[0-9;:]*)(?P<minter>[\x20-\x2f]*)(?P<mfinal>[\x40-\x7e])"
    rb"|\[(?P<iparams>[0-9;:]*)(?P<inter>[\x20-\x2f]+)(?P<ifinal>[\x40-\x7e])"
    rb"|\[(?P<sgr>[0-9;]*:[0-9;:]*|(?:[0-9;]*;)?58;[0-9;:]*)m"
    rb"|\](?P<osc>[^\x07\x1b]*)(?P<oend>\x07|\x1b\\|(?=\x1b[^\\]))"
    rb"|(?P<string>[P_^X])[^\x1b]*(?:\x1b\\|(?=\x1b[^\\]))"
    rb")"
)

#: An escape sequence cut off by the end of the data.
_TAIL = re.compile(
    rb"\x1b(?:\[[\x20-\x3f]*|\][^\x07\x1b]*\x1b?|[P_^X][^\x1b]*\x1b?|[\x20-\x2f]*)\Z"
)
_STRING_INTRODUCERS = frozenset(b"]P_^X")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_LINK_SCHEMES = frozenset({b"http", b"https", b"mailto"})


def tail_start(data: bytes) -> int:
    """Where an unfinished escape sequence at the end of `data` starts, or -1."""
    last = data.rfind(b"\x1b")
    if last < 0:
        return -1
    if last == len(data) - 1 and last > 0:
        # A lone trailing ESC may be the first half of the ST ending an open string.
        before = data.rfind(b"\x1b", 0, last)
        if (
            before >= 0
            and data[before + 1] in _STRING_INTRODUCERS
            and _TAIL.match(data, before) is not None
        ):
            return before
    return last if _TAIL.match(data, last) is not None else -1


def number(raw: bytes) -> int:
    """One decimal parameter as pyte reads it: empty is 0, capped at 9999."""
    raw = raw.lstrip(b"0")
    if not raw:
        return 0
    return 9999 if len(raw) > 4 else int(raw)


def params(raw: bytes) -> list[int | None]:
    """`;`-separated parameters; empty or non-numeric ones are None."""
    if not raw:
        return []
    return [number(part) if part.isdigit() else None for part in raw.split(b";")]


def sgr_params(raw: bytes) -> list[int]:
    """pyte-compatible SGR parameters for a sequence using `:` sub-parameters or 58.

    `38:2:[cs:]r:g:b` / `38:5:n` (and 48) become their `;` forms, `4:n` becomes 4 or
    24, the underline colour (58, either form) is dropped, other sub-parameters are
    ignored.
    """
    groups = raw.split(b";")
    out: list[int] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        if b":" in group:
            parts = [number(part) for part in group.split(b":")]
            head = parts[0]
            if head in (38, 48) and len(parts) >= 3:
                if parts[1] == 5:
                    out.extend((head, 5, parts[2]))
                elif parts[1] == 2 and len(parts) >= 5:
                    out.extend((head, 2, *parts[-3:]))
            elif head == 4:
                out.append(24 if len(parts) > 1 and parts[1] == 0 else 4)
            elif head != 58:
                out.append(head)
            index += 1
            continue
        value = number(group)
        if value in (38, 48, 58):
            kind = number(groups[index + 1]) if index + 1 < len(groups) else -1
            take = 3 if kind == 5 else 5 if kind == 2 else 1
            if value != 58:
                out.extend(number(part) for part in groups[index : index + take])
            index += take
            continue
        out.append(value)
        index += 1
    return out or [0]


def clean_text(raw: bytes) -> str:
    """Decode an OSC payload (UTF-8, lenient) and drop control characters."""
    return _CONTROLS.sub("", raw.decode("utf-8", "replace"))


def parse_cwd(raw: bytes) -> str | None:
    """The path of an OSC 7 payload (`file://host/path`, percent-decoded)."""
    text = clean_text(raw)
    if "://" in text:
        path = unquote(urlsplit(text).path)
        return path or None
    return text if text.startswith("/") else None


def hyperlink_allowed(rest: bytes) -> bool:
    """OSC 8 `params ; URI`: an empty URI (link end) or an http/https/mailto one."""
    _, separator, uri = rest.partition(b";")
    if not separator:
        return False
    if not uri:
        return True
    scheme, colon, _ = uri.partition(b":")
    return bool(colon) and scheme.lower() in _LINK_SCHEMES


def colour_reply(index: int, rgb: tuple[int, int, int], terminator: bytes) -> bytes:
    """`ESC ] index ; rgb:rrrr/gggg/bbbb` and the query's own terminator."""
    red, green, blue = rgb
    spec = f"rgb:{red:02x}{red:02x}/{green:02x}{green:02x}/{blue:02x}{blue:02x}"
    return f"\x1b]{index};{spec}".encode() + terminator
