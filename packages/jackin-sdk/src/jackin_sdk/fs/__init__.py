"""Durable file primitives: atomic replacement and advisory inter-process locks."""

from jackin_sdk.fs._atomic import (
    PRIVATE_FILE_MODE,
    atomic_write_bytes,
    atomic_write_if_changed,
    atomic_write_text,
)
from jackin_sdk.fs._lock import FileLock, LockTimeout

__all__ = [
    "PRIVATE_FILE_MODE",
    "FileLock",
    "LockTimeout",
    "atomic_write_bytes",
    "atomic_write_if_changed",
    "atomic_write_text",
]
