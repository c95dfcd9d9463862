"""The logging filter that redacts debug output (imports logging, so kept apart)."""

from __future__ import annotations

import logging

from jackin_sdk.debug._redact import redact
from jackin_sdk.text import printable

__all__ = ["RedactingFilter"]


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the formatted message and any exception text, and
    escapes their control characters: debug lines quote git's and the engine's output,
    which must not reach the terminal raw (`jackin_sdk.text.printable`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = printable(redact(record.getMessage()), multiline=True)
        record.args = None
        if record.exc_info:
            formatter = logging.Formatter()
            trace = redact(formatter.formatException(record.exc_info))
            record.exc_text = printable(trace, multiline=True)
            record.exc_info = None
        return True
