"""Which instance commands an instance's status allows (B4), in one table.

- reconnect and inspect: any state but purged (reconnect restarts or restores a dead one);
- new session, shell and stop: `active` or `running` only;
- purge: any state but purged (it ejects first).

On a workspace row the keys `r/a/x/t/p/i` act on the workspace's first eligible
instance; with none, the console shows `no_eligible_message`.
"""

from __future__ import annotations

from enum import StrEnum

from jackin_sdk.instances import InstanceStatus
from jackin_sdk.overview._model import InstanceEntry, WorkspaceEntry

__all__ = ["InstanceCommand", "allowed_commands", "first_eligible", "no_eligible_message"]


class InstanceCommand(StrEnum):
    """What the console can do to an instance."""

    RECONNECT = "reconnect"
    NEW_SESSION = "new_session"
    SHELL = "shell"
    STOP = "stop"
    PURGE = "purge"
    INSPECT = "inspect"


_ANY = frozenset(InstanceCommand)
_NOT_LIVE = frozenset({InstanceCommand.RECONNECT, InstanceCommand.PURGE, InstanceCommand.INSPECT})
_TABLE: dict[InstanceStatus, frozenset[InstanceCommand]] = {
    status: (_ANY if status.is_live else _NOT_LIVE) for status in InstanceStatus
}
_TABLE[InstanceStatus.PURGED] = frozenset()

_NONE_TEXT = {
    InstanceCommand.RECONNECT: "no instance to reconnect in {ws}",
    InstanceCommand.NEW_SESSION: "no running instance in {ws}",
    InstanceCommand.SHELL: "no running instance in {ws}",
    InstanceCommand.STOP: "no running instance in {ws}",
    InstanceCommand.PURGE: "no instance to purge in {ws}",
    InstanceCommand.INSPECT: "no instance to inspect in {ws}",
}


def allowed_commands(status: InstanceStatus) -> frozenset[InstanceCommand]:
    """The commands an instance in `status` allows."""
    return _TABLE[status]


def first_eligible(entry: WorkspaceEntry, command: InstanceCommand) -> InstanceEntry | None:
    """The instance of `entry` a workspace-row key acts on, None when none is eligible.

    Instances are in the index's order (newest first). Reconnect and inspect prefer a
    live instance (one whose container runs) over a dead one.
    """
    eligible = [i for i in entry.instances if command in allowed_commands(i.status)]
    if command in (InstanceCommand.RECONNECT, InstanceCommand.INSPECT):
        eligible.sort(key=lambda i: not i.live)
    return eligible[0] if eligible else None


def no_eligible_message(entry: WorkspaceEntry, command: InstanceCommand) -> str:
    """What the console says when `command` has no eligible instance in `entry`."""
    return _NONE_TEXT[command].format(ws=entry.label)
