"""What the control channel reports: sessions, tabs and the agent history (spec A5)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from jackin_capsule.daemon._mux import Multiplexer
from jackin_capsule.daemon._session import Session
from jackin_capsule.protocol import (
    AgentRecord,
    ControlData,
    PaneSnapshot,
    SessionInfo,
    TabSnapshot,
)

__all__ = ["control_data"]


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def control_data(mux: Multiplexer, history: Sequence[Session]) -> ControlData:
    """A snapshot of the daemon for `status`, `snapshot` and `agents`.

    Pane states come from output activity (`_activity`): `working`, `done`, `idle`, or
    `unknown` before any output; `blocked` needs the agent's own report.
    """
    now = time.monotonic()
    focused = mux.focused()
    sessions: list[SessionInfo] = []
    tabs: list[TabSnapshot] = []
    for tab in mux.tabs:
        panes: list[PaneSnapshot] = []
        for session_id in tab.tree.sessions():
            session = mux.sessions.get(session_id)
            if session is None:
                continue
            label = tab.title if len(tab.tree.sessions()) == 1 else session.spec.label
            state = session.activity.state(now)
            sessions.append(
                SessionInfo(session.id, label, session.agent, state, session is focused)
            )
            panes.append(PaneSnapshot(session.id, label, session.agent, state))
        tabs.append(TabSnapshot(tab.title, tab.tree.focused or 0, tuple(panes)))
    records = tuple(
        AgentRecord(
            codename=s.codename,
            agent=s.agent,
            provider=s.spec.provider,
            started_at=_iso(s.started_at),
            exited_at=_iso(s.exited_at) if s.exited_at is not None else None,
            status="running" if s.exit_code is None else f"exited:{s.exit_code}",
        )
        for s in history
    )
    return ControlData(tuple(sessions), tuple(tabs), mux.active, records)
