"""Keep secrets out of every log line, trace and error message.

Three mechanisms work together: values registered at run time (resolved `op://` references,
tokens read from auth files) are replaced wherever they appear, assignments whose key
looks secret (`*TOKEN*`, `*KEY*`, `*SECRET*`, `*PASSWORD*`, …) have their value masked,
and values shaped like a credential (`ghp_…`, `sk-…`, the password of `scheme://user:pw@…`)
are masked whatever their name.
"""

from __future__ import annotations

import re
import threading

__all__ = [
    "MASK",
    "contains_secret",
    "is_secret_name",
    "looks_secret_value",
    "redact",
    "register_secret",
    "secret_parts",
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
# Credentials recognisable by their own shape, whatever variable holds them.
_TOKEN_SHAPE = re.compile(
    r"(?<![A-Za-z0-9_-])"  # not inside a longer word
    r"(?:gh[pousr]_[A-Za-z0-9]{20,}"  # GitHub classic, OAuth, user, server and refresh tokens
    r"|github_pat_[A-Za-z0-9_]{20,}"  # GitHub fine-grained tokens
    r"|sk-[A-Za-z0-9_-]{20,}"  # OpenAI and Anthropic (sk-ant-…) keys
    r"|xox[abeprs]-[A-Za-z0-9-]{10,}"  # Slack
    r"|glpat-[A-Za-z0-9_-]{20,}"  # GitLab
    r"|npm_[A-Za-z0-9]{36}"  # npm
    r"|AKIA[0-9A-Z]{16}"  # AWS access key ids
    r"|AIza[0-9A-Za-z_-]{35}"  # Google API keys
    r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+"  # JWTs
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----)"
)
# The password of `scheme://user:password@host` (database URLs, git remotes, proxies).
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)(?P<pw>[^@/\s]+)@")
# A long run of token characters mixing upper case, lower case and digits (hex ids and
# UUIDs are one case only, so they do not count; neither does an absolute path).
_OPAQUE = re.compile(r"[A-Za-z0-9_+=-][A-Za-z0-9_+/=-]{31,}")

_lock = threading.Lock()
_secrets: set[str] = set()


def is_secret_name(name: str) -> bool:
    """Whether a variable or key name looks like it holds a secret."""
    return bool(_SECRET_NAME.search(name))


def _opaque(value: str) -> bool:
    return bool(
        _OPAQUE.fullmatch(value)
        and any(c.isupper() for c in value)
        and any(c.islower() for c in value)
        and any(c.isdigit() for c in value)
    )


def looks_secret_value(value: str) -> bool:
    """Whether `value` is shaped like a credential whatever its name: a known token prefix
    (`ghp_`, `github_pat_`, `sk-`, `xoxb-`, `glpat-`, `npm_`, `AKIA`, `AIza`, a JWT, a PEM
    private key), a URL with a password (`postgres://u:pw@h/db`), or a run of 32+ token
    characters mixing upper case, lower case and digits."""
    value = value.strip()
    return bool(_TOKEN_SHAPE.search(value) or _URL_PASSWORD.search(value) or _opaque(value))


def secret_parts(value: str) -> list[str]:
    """`value` and the secrets inside it (a URL's password), for `register_secret`."""
    return [value, *(m["pw"] for m in _URL_PASSWORD.finditer(value))]


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
    text = _TOKEN_SHAPE.sub(MASK, text)
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}@", text)
    return _BEARER.sub(lambda m: f"{m[1]} {MASK}", text)
