"""Untrusted text (role metadata, git output, container replies) made safe to print."""

from jackin_sdk.text._printable import (
    first_unprintable,
    printable,
    printable_json,
    require_printable,
    unprintable_fields,
)

__all__ = [
    "first_unprintable",
    "printable",
    "printable_json",
    "require_printable",
    "unprintable_fields",
]
