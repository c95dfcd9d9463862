"""Keep secrets out of every log line, trace and error message.

Two mechanisms work together: values registered at run time (resolved `op://` references,
tokens read from auth files) are replaced wherever they appear, and assignments whose key
looks secret (`*TOKEN*`, `*KEY*`, `*SECRET*`, `*PASSWORD*`, …) have their value masked.
"""

from __future__ import annotations

import re
import threading

__all__ = [
    "MASK",
    "contains_secret",
    "is_secret_name",
    "redact",
    "register_secret",
]

MASK = "***"
_MIN_SECRET_LEN = 4
_SECRET_NAME = re.compile(
    r"(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|API_?KEY|PRIVATE_?KEY|_KEY$|^KEY$)",
    re.IGNORECASE,
)
# KEY=value, KEY: value, "key": "value", key = "value" (env lines, TOML, JSON, YAML).
_ASSIGNMENT = re.compile(
    r"""(?P<key>["']?(?P<name>[A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:=|:)\s*)"""
    r"""(?P<value>"[^"\n]*"|'[^'\n]*'|[^\s,;}\]]+)"""
)
_BEARER = re.compile(r"(?i)\b(bearer|token)\s+[A-Za-z0-9._~+/=-]{8,}")

_lock = threading.Lock()
_secrets: set[str] = set()


def is_secret_name(name: str) -> bool:
    """Whether a variable or key name looks like it holds a secret."""
    return bool(_SECRET_NAME.search(name))


def register_secret(value: str) -> None:
    """Remember `value` so it is masked wherever it later appears; short values are ignored."""
    value = value.strip()
    if len(value) >= _MIN_SECRET_LEN:
        with _lock:
            _secrets.add(value)


def contains_secret(text: str) -> bool:
    """Whether `text` contains a value registered with `register_secret`."""
    with _lock:
        return any(value in text for value in _secrets)


def _mask_assignment(match: re.Match[str]) -> str:
    if not is_secret_name(match["name"]):
        return match[0]
    value = match["value"]
    quote = value[0] if value[:1] in {'"', "'"} else ""
    return f"{match['key']}{quote}{MASK}{quote}"


def redact(text: str) -> str:
    """Return `text` with registered secrets and secret-looking assignments masked."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    text = _ASSIGNMENT.sub(_mask_assignment, text)
    return _BEARER.sub(lambda m: f"{m[1]} {MASK}", text)
