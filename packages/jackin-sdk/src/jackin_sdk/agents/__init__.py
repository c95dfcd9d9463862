"""Agent runtimes: binaries, install sources, the registry cache, durable home paths.

The registry cache (`AgentCache`, which runs npm) loads on first use: the config models
import the `[install]` tables from here on every command.
"""

from typing import TYPE_CHECKING, Any

from jackin_sdk.agents._install import (
    DEFAULT_SOURCE,
    AgentInstall,
    AgentInstallConfig,
    AgentSource,
    InstallConfig,
    InstallLayer,
    resolve_agent_install,
)
from jackin_sdk.agents._python import MIN_PYTHON, PYTHON_PROBE, PythonTarget
from jackin_sdk.agents._runtime import (
    AGENT_RUNTIMES,
    AgentRuntime,
    RegistryPackage,
    npm_platform,
    runtime_for,
)

if TYPE_CHECKING:
    from jackin_sdk.agents._fetch import AgentCache, AgentFetchError, CachedAgent

__all__ = [
    "AGENT_RUNTIMES",
    "DEFAULT_SOURCE",
    "MIN_PYTHON",
    "PYTHON_PROBE",
    "AgentCache",
    "AgentFetchError",
    "AgentInstall",
    "AgentInstallConfig",
    "AgentRuntime",
    "AgentSource",
    "CachedAgent",
    "InstallConfig",
    "InstallLayer",
    "PythonTarget",
    "RegistryPackage",
    "npm_platform",
    "resolve_agent_install",
    "runtime_for",
]

_LAZY = {"AgentCache", "AgentFetchError", "CachedAgent"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from jackin_sdk.agents import _fetch  # noqa: PLC0415

        return getattr(_fetch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
