"""Errors jackin reports, with stable codes for the user-fixable ones."""

from jackin_sdk.errors._base import (
    Cancelled,
    CodedError,
    DockerUnavailable,
    JackinError,
    Location,
    UsageError,
)
from jackin_sdk.errors._catalogue import ErrorCode

__all__ = [
    "Cancelled",
    "CodedError",
    "DockerUnavailable",
    "ErrorCode",
    "JackinError",
    "Location",
    "UsageError",
]
