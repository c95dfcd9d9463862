"""What the console's workspace manager shows and does (upstream-capsule-tui.md B3, B4, B6).

The sidebar model (workspaces with their instances), the gating of instance commands by
status, the detail blocks of a workspace, an instance's live session tree from its
capsule, and the in-place actions (purge, inspect, delete a workspace). Every rule is
here; the console only renders the results and maps keys to these calls.
"""

from jackin_sdk.overview._actions import (
    delete_workspace,
    inspect_report,
    purge_at_risk,
    purge_instance,
)
from jackin_sdk.overview._details import DetailBlock, mount_type, workspace_details
from jackin_sdk.overview._gating import (
    InstanceCommand,
    allowed_commands,
    first_eligible,
    no_eligible_message,
)
from jackin_sdk.overview._model import (
    CURRENT_DIRECTORY_LABEL,
    NEW_WORKSPACE_LABEL,
    EntryKind,
    InstanceEntry,
    Overview,
    WorkspaceEntry,
    build_overview,
    load_overview,
)
from jackin_sdk.overview._sessions import (
    LABEL_LIMIT,
    PANE_LIMIT,
    SNAPSHOT_LIMIT,
    SOCKET_TIMEOUT,
    TAB_LIMIT,
    PaneNode,
    SessionTree,
    TabNode,
    TreeSource,
    capsule_socket,
    parse_snapshot,
    query_snapshot_socket,
    read_session_tree,
    recorded_sessions,
)

__all__ = [
    "CURRENT_DIRECTORY_LABEL",
    "LABEL_LIMIT",
    "NEW_WORKSPACE_LABEL",
    "PANE_LIMIT",
    "SNAPSHOT_LIMIT",
    "SOCKET_TIMEOUT",
    "TAB_LIMIT",
    "DetailBlock",
    "EntryKind",
    "InstanceCommand",
    "InstanceEntry",
    "Overview",
    "PaneNode",
    "SessionTree",
    "TabNode",
    "TreeSource",
    "WorkspaceEntry",
    "allowed_commands",
    "build_overview",
    "capsule_socket",
    "delete_workspace",
    "first_eligible",
    "inspect_report",
    "load_overview",
    "mount_type",
    "no_eligible_message",
    "parse_snapshot",
    "purge_at_risk",
    "purge_instance",
    "query_snapshot_socket",
    "read_session_tree",
    "recorded_sessions",
    "workspace_details",
]
