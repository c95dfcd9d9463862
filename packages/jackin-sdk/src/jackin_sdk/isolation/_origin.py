"""The `origin` URL a clone gets: the host's, in a form usable from the container."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

__all__ = ["container_origin"]

_SCP_GITHUB = re.compile(r"^(?:[^@/\s]+@)?github\.com:(?P<path>[^/].*)$", re.IGNORECASE)


def container_origin(url: str) -> str:
    """`url` with GitHub SSH forms rewritten to https and http(s) credentials removed.

    `git@github.com:o/r.git` and `ssh://git@github.com/o/r.git` become
    `https://github.com/o/r.git`, so the container's `gh` credential helper can push
    without an SSH key; `https://user:token@host/…` loses its `user:token@`, so a token
    on the host never lands in the clone's config.
    """
    text = url.strip()
    scp = _SCP_GITHUB.match(text)
    if scp is not None and "://" not in text:
        return f"https://github.com/{scp['path']}"
    if "://" not in text:
        return text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme in {"ssh", "git+ssh", "ssh+git"} and host == "github.com":
        return f"https://github.com/{parts.path.lstrip('/')}"
    if scheme in {"http", "https"} and "@" in parts.netloc:
        netloc = parts.netloc.rpartition("@")[2]
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return text
