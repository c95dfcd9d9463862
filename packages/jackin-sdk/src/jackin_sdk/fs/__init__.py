"""Durable file primitives: atomic replacement, advisory inter-process locks, and bounded
reads of small text files."""

from jackin_sdk.fs._atomic import (
    PRIVATE_FILE_MODE,
    atomic_write_bytes,
    atomic_write_if_changed,
    atomic_write_text,
)
from jackin_sdk.fs._lock import FileLock, LockTimeout
from jackin_sdk.fs._read import (
    MAX_TEXT_FILE_BYTES,
    UnreadableFile,
    read_bounded_bytes,
    read_bounded_text,
)

__all__ = [
    "MAX_TEXT_FILE_BYTES",
    "PRIVATE_FILE_MODE",
    "FileLock",
    "LockTimeout",
    "UnreadableFile",
    "atomic_write_bytes",
    "atomic_write_if_changed",
    "atomic_write_text",
    "read_bounded_bytes",
    "read_bounded_text",
]
