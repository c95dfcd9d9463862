"""B4: which commands each status allows, and the workspace-row keys' first instance."""

from __future__ import annotations

import pytest

from jackin_sdk.instances import InstanceStatus
from jackin_sdk.overview import (
    EntryKind,
    InstanceCommand,
    InstanceEntry,
    WorkspaceEntry,
    allowed_commands,
    first_eligible,
    no_eligible_message,
)

C = InstanceCommand
LIVE_ONLY = {C.NEW_SESSION, C.SHELL, C.STOP}
ANY_KEPT = {C.RECONNECT, C.PURGE, C.INSPECT}


@pytest.mark.parametrize("status", list(InstanceStatus))
def test_the_gating_table(status: InstanceStatus) -> None:
    allowed = allowed_commands(status)
    if status is InstanceStatus.PURGED:
        assert allowed == frozenset()
    elif status in (InstanceStatus.ACTIVE, InstanceStatus.RUNNING):
        assert allowed == LIVE_ONLY | ANY_KEPT
    else:
        assert allowed == ANY_KEPT


def _instance(n: int, status: InstanceStatus, state: str = "running") -> InstanceEntry:
    return InstanceEntry(f"jk-{n}", f"id{n}", "role", "claude", status, state)


def test_first_eligible_follows_the_index_order_and_prefers_live_for_reconnect() -> None:
    dead = _instance(1, InstanceStatus.CRASHED, "stopped")
    live = _instance(2, InstanceStatus.RUNNING)
    entry = WorkspaceEntry(EntryKind.SAVED, "alpha", name="alpha", instances=(dead, live))
    assert first_eligible(entry, C.STOP) is live
    assert first_eligible(entry, C.SHELL) is live
    assert first_eligible(entry, C.PURGE) is dead
    assert first_eligible(entry, C.RECONNECT) is live
    assert first_eligible(entry, C.INSPECT) is live


def test_no_eligible_instance_gives_the_message() -> None:
    dead = _instance(1, InstanceStatus.RESTORE_AVAILABLE, "gone")
    entry = WorkspaceEntry(EntryKind.SAVED, "alpha", name="alpha", instances=(dead,))
    for command in LIVE_ONLY:
        assert first_eligible(entry, command) is None
        assert no_eligible_message(entry, command) == "no running instance in alpha"
    empty = WorkspaceEntry(EntryKind.CURRENT, "Current directory")
    assert no_eligible_message(empty, C.PURGE) == "no instance to purge in Current directory"
    assert no_eligible_message(empty, C.RECONNECT) == (
        "no instance to reconnect in Current directory"
    )
    assert no_eligible_message(empty, C.INSPECT) == "no instance to inspect in Current directory"
