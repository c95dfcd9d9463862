"""Mounts: the `--mount` grammar, mount rules, rule C and sensitive host paths.

Everything here is pure: the only filesystem access is path resolution (symlinks,
existence) where a rule is about the real host path.
"""

from jackin_sdk.mounts._errors import MountError, MountPart, MountPathError
from jackin_sdk.mounts._global import (
    GlobalMountEntry,
    resolve_global_mount_entries,
    resolve_global_mounts,
    validate_global_mounts,
)
from jackin_sdk.mounts._isolation import (
    apply_isolation_overrides,
    parse_isolation,
    parse_isolation_override,
)
from jackin_sdk.mounts._mount import Mount
from jackin_sdk.mounts._paths import expand_tilde, normalize, resolve_host_path
from jackin_sdk.mounts._redundancy import (
    MountPlan,
    Redundancy,
    covers,
    find_redundant,
    plan_mount_additions,
    plan_prune,
)
from jackin_sdk.mounts._sensitive import (
    SENSITIVE_PATTERNS,
    SensitiveHit,
    SensitiveMountsNotConfirmed,
    SensitivePattern,
    find_sensitive,
)
from jackin_sdk.mounts._spec import parse_mount_option, parse_mount_spec
from jackin_sdk.mounts._types import Isolation
from jackin_sdk.mounts._validate import (
    RESERVED_DESTINATIONS,
    check_mount_paths,
    mount_path_problem,
    validate_isolation_layout,
    validate_mount_specs,
    validate_workspace_mounts,
    validate_workspace_name,
)

__all__ = [
    "RESERVED_DESTINATIONS",
    "SENSITIVE_PATTERNS",
    "GlobalMountEntry",
    "Isolation",
    "Mount",
    "MountError",
    "MountPart",
    "MountPathError",
    "MountPlan",
    "Redundancy",
    "SensitiveHit",
    "SensitiveMountsNotConfirmed",
    "SensitivePattern",
    "apply_isolation_overrides",
    "check_mount_paths",
    "covers",
    "expand_tilde",
    "find_redundant",
    "find_sensitive",
    "mount_path_problem",
    "normalize",
    "parse_isolation",
    "parse_isolation_override",
    "parse_mount_option",
    "parse_mount_spec",
    "plan_mount_additions",
    "plan_prune",
    "resolve_global_mount_entries",
    "resolve_global_mounts",
    "resolve_host_path",
    "validate_global_mounts",
    "validate_isolation_layout",
    "validate_mount_specs",
    "validate_workspace_mounts",
    "validate_workspace_name",
]
