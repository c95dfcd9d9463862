"""The little TOML the capsule needs, stdlib only: read a file safely, write plain values.

`tomllib` reads; writing is only strings, lists of strings and tables of those, which is
all the contract's records hold, so a few lines do it (the capsule cannot use tomlkit).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["TomlError", "loads", "toml_key", "toml_string", "toml_table", "toml_value"]

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class TomlError(ValueError):
    """Text that is not TOML `tomllib` can read, in one line (never the text itself)."""


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads`, with nesting too deep for the parser reported as a `TomlError`."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(str(exc)) from None
    except RecursionError:
        raise TomlError("nested too deeply") from None


def toml_string(text: str) -> str:
    """`text` as a TOML basic string (control characters and DEL escaped)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    """`key` bare when TOML allows it, else quoted."""
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_value(value: str | Sequence[str]) -> str:
    """A string, or a list of strings, as a TOML value."""
    if isinstance(value, str):
        return toml_string(value)
    return "[" + ", ".join(toml_string(item) for item in value) + "]"


def toml_table(name: str, table: Mapping[str, str | Sequence[str]]) -> str:
    """`[name]` and its `key = value` lines."""
    lines = [f"[{toml_key(name)}]"]
    lines += [f"{toml_key(key)} = {toml_value(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"
