"""Debug mode: `--debug` or `JACKIN_DEBUG` turns on tracing of external commands."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, TextIO

from jackin_sdk._env import DEBUG_ENV, env_flag, is_debug_enabled
from jackin_sdk.debug._trace import LOGGER_NAME

if TYPE_CHECKING:
    import logging
    from collections.abc import Mapping

__all__ = [
    "DEBUG_ENV",
    "INVOCATION_ENV",
    "LOGGER_NAME",
    "disable_debug",
    "enable_debug",
    "env_flag",
    "invocation_id",
    "is_debug_enabled",
    "new_invocation_id",
]

# The invocation id a program hands to the jackin program it starts (the CLI to the
# console it execs), so both show the same id in their debug output.
INVOCATION_ENV = "JACKIN_INVOCATION_ID"
_INVOCATION_ID = re.compile(r"[0-9a-f]{12}")


def new_invocation_id() -> str:
    """A short random id that ties one command's debug output together."""
    import secrets  # noqa: PLC0415

    return secrets.token_hex(6)


def invocation_id(env: Mapping[str, str]) -> str:
    """The invocation id `env` hands on (`JACKIN_INVOCATION_ID`, as `new_invocation_id`
    makes them), else a new one: a value of another shape is not shown anywhere."""
    handed = env.get(INVOCATION_ENV, "")
    return handed if _INVOCATION_ID.fullmatch(handed) else new_invocation_id()


def enable_debug(stream: TextIO | None = None) -> logging.Handler:
    """Send jackin's debug log to `stream` (stderr) through the redaction filter."""
    import logging  # noqa: PLC0415

    from jackin_sdk.debug._filter import RedactingFilter  # noqa: PLC0415

    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter("[jackin] %(message)s"))
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return handler


def disable_debug(handler: logging.Handler) -> None:
    """Detach a handler `enable_debug` attached; the logger is quiet again once none is left.

    An in-process caller (a script, a test, the console running a command) gets the
    logging state back as it found it, and no handler outlives the stream it writes to.
    """
    import logging  # noqa: PLC0415

    logger = logging.getLogger(LOGGER_NAME)
    logger.removeHandler(handler)
    handler.close()
    if not logger.handlers:
        logger.setLevel(logging.NOTSET)
