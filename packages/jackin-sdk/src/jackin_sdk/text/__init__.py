"""Untrusted text (role metadata, git output, container replies) made safe to print, and
errors rendered for a terminal with it."""

from jackin_sdk.text._errors import error_chain, render_error
from jackin_sdk.text._printable import (
    first_unprintable,
    printable,
    printable_json,
    require_printable,
    unprintable_fields,
)

__all__ = [
    "error_chain",
    "first_unprintable",
    "printable",
    "printable_json",
    "render_error",
    "require_printable",
    "unprintable_fields",
]
