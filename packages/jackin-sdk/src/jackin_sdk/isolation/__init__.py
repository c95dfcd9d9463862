"""Per-mount isolation: worktrees and clones of host repositories, and their cleanup.

`materialize` turns a launch's mounts into Docker binds, creating (or, on restore,
reusing) a `git worktree` or `git clone --local` per isolated mount and recording it
in `<state>/.jackin/isolation.json`. `finalize` decides after a session whether each
checkout can go (`assess`) and removes it, or keeps it and says where the work is.
`remove_all` is `purge`'s part. git runs through the shared runner (`process/_git.py`).
"""

from jackin_sdk.isolation._assess import Assessment, Risk, assess
from jackin_sdk.isolation._cleanup import force_cleanup, remove_all
from jackin_sdk.isolation._errors import (
    AtRiskWork,
    IsolationError,
    MaterializeConflict,
    ModeDrift,
    SourceDrift,
)
from jackin_sdk.isolation._finalize import (
    Decision,
    ExitPolicy,
    FinalizeResult,
    finalize,
    preserved_message,
)
from jackin_sdk.isolation._layout import (
    HOST_DIR,
    checkout_path,
    overrides_dir,
    records_file,
    scratch_branch,
)
from jackin_sdk.isolation._materialize import Materialized, materialize
from jackin_sdk.isolation._origin import container_origin
from jackin_sdk.isolation._preflight import preflight
from jackin_sdk.isolation._records import (
    RECORDS_VERSION,
    CleanupStatus,
    IsolationRecord,
    IsolationRecords,
)

__all__ = [
    "HOST_DIR",
    "RECORDS_VERSION",
    "Assessment",
    "AtRiskWork",
    "CleanupStatus",
    "Decision",
    "ExitPolicy",
    "FinalizeResult",
    "IsolationError",
    "IsolationRecord",
    "IsolationRecords",
    "MaterializeConflict",
    "Materialized",
    "ModeDrift",
    "Risk",
    "SourceDrift",
    "assess",
    "checkout_path",
    "container_origin",
    "finalize",
    "force_cleanup",
    "materialize",
    "overrides_dir",
    "preflight",
    "preserved_message",
    "records_file",
    "remove_all",
    "scratch_branch",
]
