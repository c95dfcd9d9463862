"""Debug mode: `--debug` or `JACKIN_DEBUG` turns on tracing of external commands."""

from __future__ import annotations

import logging
import secrets
import sys
from typing import TextIO

from jackin_sdk._env import DEBUG_ENV, env_flag, is_debug_enabled
from jackin_sdk.debug._redact import RedactingFilter

__all__ = [
    "DEBUG_ENV",
    "LOGGER_NAME",
    "enable_debug",
    "env_flag",
    "is_debug_enabled",
    "new_invocation_id",
]

LOGGER_NAME = "jackin"


def new_invocation_id() -> str:
    """A short random id that ties one command's debug output together."""
    return secrets.token_hex(6)


def enable_debug(stream: TextIO | None = None) -> logging.Handler:
    """Send jackin's debug log to `stream` (stderr) through the redaction filter."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter("[jackin] %(message)s"))
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return handler
