"""Debug tracing and the redaction that keeps secrets out of it."""

from jackin_sdk.debug._mode import (
    DEBUG_ENV,
    LOGGER_NAME,
    enable_debug,
    env_flag,
    is_debug_enabled,
    new_invocation_id,
)
from jackin_sdk.debug._redact import (
    MASK,
    RedactingFilter,
    contains_secret,
    is_secret_name,
    redact,
    register_secret,
)

__all__ = [
    "DEBUG_ENV",
    "LOGGER_NAME",
    "MASK",
    "RedactingFilter",
    "contains_secret",
    "enable_debug",
    "env_flag",
    "is_debug_enabled",
    "is_secret_name",
    "new_invocation_id",
    "redact",
    "register_secret",
]
