"""The alternative model providers a Claude tab can run against (spec runtime §2.13).

The launch sets `JACKIN_PROVIDER`, `jackin hardline --provider` opens a tab with one;
both check the name here, below `launch` and `lifecycle`.
"""

from __future__ import annotations

from jackin_sdk.errors import UsageError

__all__ = ["PROVIDERS", "check_provider"]

PROVIDERS = ("zai", "minimax", "kimi")


def check_provider(name: str) -> str:
    """`name` if it is a known alternative provider, else a usage error."""
    if name not in PROVIDERS:
        raise UsageError(f"unknown provider {name!r}; choose one of: {', '.join(PROVIDERS)}")
    return name
