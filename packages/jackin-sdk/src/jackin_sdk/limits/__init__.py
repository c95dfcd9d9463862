"""Resource limits (pids, memory, CPUs) of an instance's containers, from the operator's files."""

from jackin_sdk.limits._limits import (
    DEFAULT_PIDS_LIMIT,
    MAX_CPUS,
    MIN_CPUS,
    MIN_MEMORY,
    MIN_PIDS_LIMIT,
    LimitLayer,
    ResourceLimitError,
    ResourceLimits,
    check_limit_settings,
    format_memory,
    parse_memory,
    resolve_resource_limits,
)

__all__ = [
    "DEFAULT_PIDS_LIMIT",
    "MAX_CPUS",
    "MIN_CPUS",
    "MIN_MEMORY",
    "MIN_PIDS_LIMIT",
    "LimitLayer",
    "ResourceLimitError",
    "ResourceLimits",
    "check_limit_settings",
    "format_memory",
    "parse_memory",
    "resolve_resource_limits",
]
