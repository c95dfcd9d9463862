"""jackin SDK: every behaviour of jackin as a typed Python API.

The root re-exports the core (errors, paths, durable files, schema versions, debug
tracing, external commands), loaded on first use so `import jackin_sdk` stays cheap for
the CLI's start-up. Concerns live in subpackages: `jackin_sdk.docker`, `jackin_sdk.dind`,
`jackin_sdk.doctor`, `jackin_sdk.testing`, …
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports
from jackin_sdk._version import __version__

if TYPE_CHECKING:
    from jackin_sdk._components import Components, loaded_components
    from jackin_sdk.debug import enable_debug, is_debug_enabled, redact, register_secret
    from jackin_sdk.errors import (
        Cancelled,
        CodedError,
        DockerUnavailable,
        ErrorCode,
        JackinError,
        Location,
        UsageError,
    )
    from jackin_sdk.fs import FileLock, LockTimeout, atomic_write_bytes, atomic_write_text
    from jackin_sdk.paths import JackinPaths
    from jackin_sdk.process import CommandError, CommandResult, run_command
    from jackin_sdk.versioning import SchemaVersion, SchemaVersionError

_EXPORTS: dict[str, str] = {
    "Cancelled": "jackin_sdk.errors",
    "CodedError": "jackin_sdk.errors",
    "CommandError": "jackin_sdk.process",
    "CommandResult": "jackin_sdk.process",
    "Components": "jackin_sdk._components",
    "DockerUnavailable": "jackin_sdk.errors",
    "ErrorCode": "jackin_sdk.errors",
    "FileLock": "jackin_sdk.fs",
    "JackinError": "jackin_sdk.errors",
    "JackinPaths": "jackin_sdk.paths",
    "Location": "jackin_sdk.errors",
    "LockTimeout": "jackin_sdk.fs",
    "SchemaVersion": "jackin_sdk.versioning",
    "SchemaVersionError": "jackin_sdk.versioning",
    "UsageError": "jackin_sdk.errors",
    "atomic_write_bytes": "jackin_sdk.fs",
    "atomic_write_text": "jackin_sdk.fs",
    "enable_debug": "jackin_sdk.debug",
    "is_debug_enabled": "jackin_sdk.debug",
    "loaded_components": "jackin_sdk._components",
    "redact": "jackin_sdk.debug",
    "register_secret": "jackin_sdk.debug",
    "run_command": "jackin_sdk.process",
}

__all__ = [
    "Cancelled",
    "CodedError",
    "CommandError",
    "CommandResult",
    "Components",
    "DockerUnavailable",
    "ErrorCode",
    "FileLock",
    "JackinError",
    "JackinPaths",
    "Location",
    "LockTimeout",
    "SchemaVersion",
    "SchemaVersionError",
    "UsageError",
    "__version__",
    "atomic_write_bytes",
    "atomic_write_text",
    "enable_debug",
    "is_debug_enabled",
    "loaded_components",
    "redact",
    "register_secret",
    "run_command",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
