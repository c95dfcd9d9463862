"""Config errors that name the file, line and dotted field, and what to do."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.errors import JackinError, Location

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = ["ConfigError", "config_error_from_validation", "locate_field"]

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<path>[^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*(?P<key>"[^"]*"|'[^']*'|[A-Za-z0-9_.-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*="""
)
_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*""")


class ConfigError(JackinError):
    """An operator config file is malformed, invalid, or cannot be migrated."""

    def __init__(self, message: str, *, location: Location | None = None, hint: str = "") -> None:
        super().__init__(f"{message}\n{hint}" if hint else message, location=location)
        self.hint = hint


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


def config_error_from_validation(
    exc: ValidationError, *, file: Path, text: str, what: str
) -> ConfigError:
    """Turn pydantic's errors into one ConfigError naming each field and its line."""
    lines: list[str] = []
    first: Location | None = None
    for error in exc.errors():
        loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
        # Union members add their class name to the path; keep only real keys.
        loc = [part for part in loc if not part[:1].isupper() and part not in {"str"}]
        dotted = ".".join(loc) or "(top level)"
        line = locate_field(text, loc)
        where = f"line {line}, " if line else ""
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown key (check its spelling, or remove it)"
        elif error["type"] == "missing":
            message = "required key is missing"
        lines.append(f"{where}`{dotted}`: {message}")
        if first is None:
            first = Location(file=file, line=line, field=dotted)
    unique = list(dict.fromkeys(lines))
    detail = "\n  ".join(unique)
    return ConfigError(
        f"{what} is invalid:\n  {detail}",
        location=Location(file=file),
        hint=f"Fix {file} and run the command again",
    )
