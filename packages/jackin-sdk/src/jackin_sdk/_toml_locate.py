"""Finding the line where a dotted key is defined in TOML text (for error messages)."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["locate_field"]

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<path>[^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*(?P<key>"[^"]*"|'[^']*'|[A-Za-z0-9_.-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*="""
)
_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*""")


def _split_dotted(text: str) -> list[str]:
    parts: list[str] = []
    for chunk in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', text):
        part = _PART.fullmatch(chunk)
        token = part.group(1) if part else chunk.strip()
        parts.append(token.strip("\"'"))
    return parts


def locate_field(text: str, path: Sequence[str]) -> int | None:
    """The 1-based line where dotted `path` is defined in TOML `text`, best effort."""
    wanted = [p for p in path if p]
    table: list[str] = []
    best: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split_dotted(header["path"])
            if table == wanted[: len(table)] and len(table) <= len(wanted):
                best = number if best is None or len(table) == len(wanted) else best
            continue
        key = _KEY.match(line)
        if key:
            full = table + _split_dotted(key["key"])
            if full == wanted[: len(full)] and full:
                return number
    return best
