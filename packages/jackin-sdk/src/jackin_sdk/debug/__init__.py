"""Debug tracing and the redaction that keeps secrets out of it."""

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports
from jackin_sdk.debug._mode import (
    DEBUG_ENV,
    INVOCATION_ENV,
    LOGGER_NAME,
    disable_debug,
    enable_debug,
    env_flag,
    invocation_id,
    is_debug_enabled,
    new_invocation_id,
)
from jackin_sdk.debug._redact import (
    MASK,
    contains_secret,
    is_secret_name,
    looks_secret_value,
    redact,
    register_secret,
    secret_parts,
)
from jackin_sdk.debug._trace import Tracer, tracer

if TYPE_CHECKING:
    from jackin_sdk.debug._filter import RedactingFilter

__all__ = [
    "DEBUG_ENV",
    "INVOCATION_ENV",
    "LOGGER_NAME",
    "MASK",
    "RedactingFilter",
    "Tracer",
    "contains_secret",
    "disable_debug",
    "enable_debug",
    "env_flag",
    "invocation_id",
    "is_debug_enabled",
    "is_secret_name",
    "looks_secret_value",
    "new_invocation_id",
    "redact",
    "register_secret",
    "secret_parts",
    "tracer",
]

# The filter subclasses logging.Filter; importing it would load `logging` for everyone.
_EXPORTS = {"RedactingFilter": "jackin_sdk.debug._filter"}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
