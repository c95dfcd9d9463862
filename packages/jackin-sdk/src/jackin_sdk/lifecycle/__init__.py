"""The instance lifecycle after launch: select, attach, finish, hardline, eject, purge, prune.

Exports load on first use, so `jackin status` does not pay for eject or purge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from jackin_sdk.lifecycle._eject import (
        PurgeRefused,
        eject,
        exile,
        purge,
    )
    from jackin_sdk.lifecycle._hardline import (
        inspect_lines,
        reconnect,
        resolve_hardline,
        restore_instance,
        session_summary,
        target_from_manifest,
    )
    from jackin_sdk.lifecycle._prune import (
        PruneAction,
        PruneReport,
        prune_dir,
        prune_images,
        prune_instances,
    )
    from jackin_sdk.lifecycle._select import (
        role_containers,
        select_instances,
    )
    from jackin_sdk.lifecycle._session import (
        CAPSULE,
        CAPSULE_EXIT_MARKER,
        HOST_ALT_SCREEN_ENV,
        PROVIDERS,
        SessionOutcome,
        attach_argv,
        check_provider,
        finish_session,
    )
    from jackin_sdk.lifecycle._status import (
        InstanceListing,
        InstanceView,
        instance_listing,
        list_instances,
        state_word,
        status_document,
    )
    from jackin_sdk.lifecycle._terminal import TERMINAL_RESET, run_attached

_EXPORTS: dict[str, str] = {
    "CAPSULE": "jackin_sdk.lifecycle._session",
    "CAPSULE_EXIT_MARKER": "jackin_sdk.lifecycle._session",
    "HOST_ALT_SCREEN_ENV": "jackin_sdk.lifecycle._session",
    "TERMINAL_RESET": "jackin_sdk.lifecycle._terminal",
    "run_attached": "jackin_sdk.lifecycle._terminal",
    "PROVIDERS": "jackin_sdk.lifecycle._session",
    "check_provider": "jackin_sdk.lifecycle._session",
    "InstanceListing": "jackin_sdk.lifecycle._status",
    "InstanceView": "jackin_sdk.lifecycle._status",
    "instance_listing": "jackin_sdk.lifecycle._status",
    "PruneAction": "jackin_sdk.lifecycle._prune",
    "PruneReport": "jackin_sdk.lifecycle._prune",
    "PurgeRefused": "jackin_sdk.lifecycle._eject",
    "SessionOutcome": "jackin_sdk.lifecycle._session",
    "attach_argv": "jackin_sdk.lifecycle._session",
    "eject": "jackin_sdk.lifecycle._eject",
    "exile": "jackin_sdk.lifecycle._eject",
    "finish_session": "jackin_sdk.lifecycle._session",
    "inspect_lines": "jackin_sdk.lifecycle._hardline",
    "list_instances": "jackin_sdk.lifecycle._status",
    "prune_dir": "jackin_sdk.lifecycle._prune",
    "prune_images": "jackin_sdk.lifecycle._prune",
    "prune_instances": "jackin_sdk.lifecycle._prune",
    "purge": "jackin_sdk.lifecycle._eject",
    "reconnect": "jackin_sdk.lifecycle._hardline",
    "resolve_hardline": "jackin_sdk.lifecycle._hardline",
    "role_containers": "jackin_sdk.lifecycle._select",
    "restore_instance": "jackin_sdk.lifecycle._hardline",
    "select_instances": "jackin_sdk.lifecycle._select",
    "session_summary": "jackin_sdk.lifecycle._hardline",
    "state_word": "jackin_sdk.lifecycle._status",
    "status_document": "jackin_sdk.lifecycle._status",
    "target_from_manifest": "jackin_sdk.lifecycle._hardline",
}

__all__ = [
    "CAPSULE",
    "CAPSULE_EXIT_MARKER",
    "HOST_ALT_SCREEN_ENV",
    "PROVIDERS",
    "TERMINAL_RESET",
    "InstanceListing",
    "InstanceView",
    "PruneAction",
    "PruneReport",
    "PurgeRefused",
    "SessionOutcome",
    "attach_argv",
    "check_provider",
    "eject",
    "exile",
    "finish_session",
    "inspect_lines",
    "instance_listing",
    "list_instances",
    "prune_dir",
    "prune_images",
    "prune_instances",
    "purge",
    "reconnect",
    "resolve_hardline",
    "restore_instance",
    "role_containers",
    "run_attached",
    "select_instances",
    "session_summary",
    "state_word",
    "status_document",
    "target_from_manifest",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
