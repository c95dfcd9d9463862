"""The agent last launched per workspace and role, so the next `jackin load` picks it again.

Kept in `<data>/last-agents.json` (jackin's state, not the operator's config files):
`{"version": 1, "workspaces": {"<key>": {"<role>": "<agent>"}}}`, where the key is
`workspace:<name>` for a saved workspace and `dir:<workdir>` for the current folder.
It only breaks a tie the operator left open: `--agent`, the workspace's
`default_agent` and a restored instance's agent all come first, and an agent the role
no longer supports is ignored. A missing or damaged file means "nothing remembered".
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from jackin_sdk.auth import Agent
from jackin_sdk.debug import tracer
from jackin_sdk.fs import FileLock, LockTimeout, atomic_write_text

if TYPE_CHECKING:
    from jackin_sdk.launch._target import LaunchTarget
    from jackin_sdk.paths import JackinPaths

__all__ = ["remember_agent", "remembered_agent", "workspace_key"]

_log = tracer("launch")

_FILE = "last-agents.json"
_LOCK = "last-agents.lock"
_VERSION = 1


def workspace_key(target: LaunchTarget) -> str:
    """Whose memory: the saved workspace's name, or the ad-hoc folder's path."""
    if target.workspace_name is not None:
        return f"workspace:{target.workspace_name}"
    return f"dir:{target.workdir}"


def _read(paths: JackinPaths) -> dict[str, dict[str, str]]:
    try:
        document = json.loads((paths.data_dir / _FILE).read_text())
    except (OSError, ValueError):
        return {}
    workspaces = document.get("workspaces") if isinstance(document, dict) else None
    if not isinstance(workspaces, dict):
        return {}
    return {
        key: {r: a for r, a in roles.items() if isinstance(r, str) and isinstance(a, str)}
        for key, roles in workspaces.items()
        if isinstance(key, str) and isinstance(roles, dict)
    }


def remembered_agent(paths: JackinPaths, key: str, role_key: str) -> Agent | None:
    """The agent last launched for `role_key` in workspace `key`, if any is known."""
    value = _read(paths).get(key, {}).get(role_key)
    try:
        return Agent(value) if value is not None else None
    except ValueError:
        return None


def remember_agent(paths: JackinPaths, key: str, role_key: str, agent: Agent) -> None:
    """Record `agent` as the last one launched for `role_key` in workspace `key`.

    Best effort: it runs after the instance started, so a full disk or a lock held too
    long is traced and skipped rather than failing a launch that succeeded.
    """
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        with FileLock(paths.data_dir / _LOCK, purpose="remembering the last agent"):
            workspaces = _read(paths)
            if workspaces.get(key, {}).get(role_key) == agent.value:
                return
            workspaces.setdefault(key, {})[role_key] = agent.value
            document = {"version": _VERSION, "workspaces": workspaces}
            text = json.dumps(document, indent=2, sort_keys=True)
            atomic_write_text(paths.data_dir / _FILE, text)
    except (OSError, LockTimeout) as exc:
        _log.debug("last agent not remembered: %s", exc)
