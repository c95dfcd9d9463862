"""Per-mount isolation: worktrees and clones of host repositories, and their cleanup.

`materialize` turns a launch's mounts into Docker binds, creating (or, on restore,
reusing) a `git worktree` or `git clone --local` per isolated mount and recording it
in `<state>/.jackin/isolation.json`. `finalize` decides after a session whether each
checkout can go (`assess`) and removes it, or keeps it and says where the work is.
`remove_all` is `purge`'s part. git runs through the shared runner (`process/_git.py`).

Exports load on first use (`_lazy`), so importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from jackin_sdk.isolation._assess import (
        Assessment,
        Risk,
        assess,
    )
    from jackin_sdk.isolation._cleanup import (
        force_cleanup,
        remove_all,
    )
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
    from jackin_sdk.isolation._materialize import (
        Materialized,
        materialize,
    )
    from jackin_sdk.isolation._origin import (
        container_origin,
    )
    from jackin_sdk.isolation._preflight import (
        preflight,
    )
    from jackin_sdk.isolation._records import (
        RECORDS_VERSION,
        CleanupStatus,
        IsolationRecord,
        IsolationRecords,
    )

_EXPORTS: dict[str, str] = {
    "HOST_DIR": "jackin_sdk.isolation._layout",
    "RECORDS_VERSION": "jackin_sdk.isolation._records",
    "Assessment": "jackin_sdk.isolation._assess",
    "AtRiskWork": "jackin_sdk.isolation._errors",
    "CleanupStatus": "jackin_sdk.isolation._records",
    "Decision": "jackin_sdk.isolation._finalize",
    "ExitPolicy": "jackin_sdk.isolation._finalize",
    "FinalizeResult": "jackin_sdk.isolation._finalize",
    "IsolationError": "jackin_sdk.isolation._errors",
    "IsolationRecord": "jackin_sdk.isolation._records",
    "IsolationRecords": "jackin_sdk.isolation._records",
    "MaterializeConflict": "jackin_sdk.isolation._errors",
    "Materialized": "jackin_sdk.isolation._materialize",
    "ModeDrift": "jackin_sdk.isolation._errors",
    "Risk": "jackin_sdk.isolation._assess",
    "SourceDrift": "jackin_sdk.isolation._errors",
    "assess": "jackin_sdk.isolation._assess",
    "checkout_path": "jackin_sdk.isolation._layout",
    "container_origin": "jackin_sdk.isolation._origin",
    "finalize": "jackin_sdk.isolation._finalize",
    "force_cleanup": "jackin_sdk.isolation._cleanup",
    "materialize": "jackin_sdk.isolation._materialize",
    "overrides_dir": "jackin_sdk.isolation._layout",
    "preflight": "jackin_sdk.isolation._preflight",
    "preserved_message": "jackin_sdk.isolation._finalize",
    "records_file": "jackin_sdk.isolation._layout",
    "remove_all": "jackin_sdk.isolation._cleanup",
    "scratch_branch": "jackin_sdk.isolation._layout",
}

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


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
