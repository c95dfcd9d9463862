"""The logging filter that redacts debug output (imports logging, so kept apart)."""

from __future__ import annotations

import logging

from jackin_sdk.debug._redact import redact

__all__ = ["RedactingFilter"]


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the formatted message and any exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True
