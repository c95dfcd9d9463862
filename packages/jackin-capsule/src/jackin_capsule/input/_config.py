"""Input settings: palette key, prefix key and escape time, read from the environment."""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "DEFAULT_ESCAPE_TIME",
    "DEFAULT_PALETTE_KEY",
    "ESCAPE_TIME_ENV",
    "MAX_ESCAPE_TIME",
    "PALETTE_KEY_ENV",
    "PREFIX_ENV",
    "InputConfig",
    "parse_escape_time",
    "parse_key_spec",
]

PALETTE_KEY_ENV = "JACKIN_PALETTE_KEY"
PREFIX_ENV = "JACKIN_PREFIX"
ESCAPE_TIME_ENV = "JACKIN_ESCAPE_TIME"

DEFAULT_PALETTE_KEY = 0x1C  # Ctrl+\
DEFAULT_ESCAPE_TIME = 0.05  # seconds
MAX_ESCAPE_TIME = 1.0  # seconds; longer values are clamped

_ESC = 0x1B
_CTRL_PUNCT = "\\]^_@"


def _valid_key(code: int) -> bool:
    """A key byte must be 7-bit and must not be ESC (that would break every sequence)."""
    return 0 <= code < 0x80 and code != _ESC


def _parse_ctrl(rest: str) -> int | None:
    if rest.lower() == "space":
        return 0x00
    if rest == "\\\\":  # `C-\\` written with a doubled backslash
        rest = "\\"
    if len(rest) != 1 or not rest.isascii():
        return None
    if rest.isalpha():
        return ord(rest.lower()) & 0x1F
    if rest in _CTRL_PUNCT:
        return ord(rest) & 0x1F
    return None


def _parse_spec(spec: str) -> int | None:
    if len(spec) == 1:
        code = ord(spec)
        return code if _valid_key(code) else None
    lowered = spec.lower()
    if lowered.startswith("0x"):
        digits = spec[2:]
        if not 1 <= len(digits) <= 2 or any(c not in string.hexdigits for c in digits):
            return None
        code = int(digits, 16)
        return code if _valid_key(code) else None
    if lowered.startswith("c-"):
        code_or_none = _parse_ctrl(spec[2:])
        if code_or_none is not None and _valid_key(code_or_none):
            return code_or_none
    return None


def parse_key_spec(text: str | None, default: int | None) -> int | None:
    """Parse a `JACKIN_PALETTE_KEY` / `JACKIN_PREFIX` value into a key byte.

    Accepts `C-x` (a letter, `\\ ] ^ _ @` or `space`; case-insensitive), `0xNN`, a single
    7-bit character, or `none` (returns None: the key is disabled). None, blank or
    unparsable text, and ESC (which would break every escape sequence), give `default`.
    """
    if text is None:
        return default
    spec = text.strip()
    if not spec:
        return default
    if spec.lower() == "none":
        return None
    code = _parse_spec(spec)
    return default if code is None else code


def parse_escape_time(text: str | None) -> float:
    """Parse `JACKIN_ESCAPE_TIME` (milliseconds) into seconds.

    Blank, unparsable, negative or non-finite values give the default 0.05 s; values
    above `MAX_ESCAPE_TIME` are clamped to it.
    """
    if text is None or not text.strip():
        return DEFAULT_ESCAPE_TIME
    try:
        millis = float(text.strip())
    except ValueError:
        return DEFAULT_ESCAPE_TIME
    if not math.isfinite(millis) or millis < 0:
        return DEFAULT_ESCAPE_TIME
    return min(millis / 1000.0, MAX_ESCAPE_TIME)


@dataclass(frozen=True, slots=True)
class InputConfig:
    """Which bytes the parser intercepts, and how long a lone ESC may wait.

    If the palette key, Ctrl+Q (0x11) and the prefix key collide, that order wins.
    """

    palette_key: int | None = DEFAULT_PALETTE_KEY
    prefix_key: int | None = None
    escape_time: float = DEFAULT_ESCAPE_TIME

    def __post_init__(self) -> None:
        for name, key in (("palette_key", self.palette_key), ("prefix_key", self.prefix_key)):
            if key is not None and not _valid_key(key):
                raise ValueError(f"{name} must be a 7-bit byte other than ESC, got {key!r}")
        if not math.isfinite(self.escape_time) or self.escape_time < 0:
            raise ValueError(f"escape_time must be finite and >= 0, got {self.escape_time!r}")

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> InputConfig:
        """Read `JACKIN_PALETTE_KEY`, `JACKIN_PREFIX` and `JACKIN_ESCAPE_TIME`."""
        return cls(
            palette_key=parse_key_spec(env.get(PALETTE_KEY_ENV), DEFAULT_PALETTE_KEY),
            prefix_key=parse_key_spec(env.get(PREFIX_ENV), None),
            escape_time=parse_escape_time(env.get(ESCAPE_TIME_ENV)),
        )
