"""An instance's live tabs and panes, read from its capsule (B3, spec A5 and A9).

In order: the capsule's control socket on the host (`<sockets>/<c>/jackin.sock`, bound
into the container at `/jackin/run`) with a `snapshot` request; when the socket cannot
be reached (Docker Desktop does not pass Unix sockets through a bind mount) `docker exec
<c> jackin-capsule snapshot`, which prints the same reply as JSON; when the container
does not run, the sessions recorded in the instance manifest; else nothing.

The reply comes from inside the container, which the agent controls, so it is read as
hostile: the socket must be a socket (not a symlink planted to reach another host
socket), the read is bounded in size and in total time, bad JSON or shapes give "no
tree" instead of an exception, tabs and panes are capped in number, and every label is
escaped (`printable`) and cut to a bounded length.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import struct
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.instances import InstanceStore

__all__ = [
    "LABEL_LIMIT",
    "PANE_LIMIT",
    "SNAPSHOT_LIMIT",
    "SOCKET_TIMEOUT",
    "TAB_LIMIT",
    "PaneNode",
    "SessionTree",
    "TabNode",
    "TreeSource",
    "capsule_socket",
    "parse_snapshot",
    "query_snapshot_socket",
    "read_session_tree",
    "recorded_sessions",
]

SNAPSHOT_LIMIT = 1024 * 1024
"""Bytes of a snapshot reply read at most (the capsule's own cap is 4 MiB)."""
SOCKET_TIMEOUT = 2.0
"""Seconds the whole socket exchange may take (spec A9: the console preview's 2 s)."""
_EXEC_TIMEOUT = 5.0
"""Seconds the `docker exec` fallback may take: a snapshot that never ends is abandoned."""
TAB_LIMIT = 64
PANE_LIMIT = 64
"""Tabs, and panes per tab, kept from a reply; the rest are dropped."""
LABEL_LIMIT = 120
"""Characters of a label kept (after escaping)."""
_STATES = frozenset({"working", "blocked", "done", "idle", "unknown"})
_MAX_ID = 2**64 - 1


class TreeSource(StrEnum):
    """Where a session tree came from."""

    SOCKET = "socket"
    EXEC = "exec"
    MANIFEST = "manifest"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class PaneNode:
    """One pane: its capsule session, label, agent (None: a shell) and state."""

    session_id: int
    label: str
    agent: str | None
    state: str
    focused: bool
    """Whether it is its tab's focused pane (`●`)."""


@dataclass(frozen=True, slots=True)
class TabNode:
    """One tab (numbered from 1) and its panes in render order."""

    number: int
    label: str
    active: bool
    panes: tuple[PaneNode, ...]


@dataclass(frozen=True, slots=True)
class SessionTree:
    """An instance's sessions: the live tree, or what the manifest recorded."""

    source: TreeSource
    tabs: tuple[TabNode, ...] = ()
    recorded: tuple[str, ...] = ()
    """Recorded session lines (MANIFEST only)."""

    @property
    def live(self) -> bool:
        """Whether the tree came from the running capsule."""
        return self.source in (TreeSource.SOCKET, TreeSource.EXEC)

    @property
    def panes(self) -> tuple[PaneNode, ...]:
        """Every pane, tab after tab: what the session pane's cursor moves over."""
        return tuple(pane for tab in self.tabs for pane in tab.panes)


def _label(value: object, default: str) -> str:
    text = value if isinstance(value, str) else default
    shown = printable(text[: LABEL_LIMIT * 2])
    return shown if len(shown) <= LABEL_LIMIT else shown[: LABEL_LIMIT - 1] + "…"


def _uint(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_ID:
        return None
    return value


def _pane(value: object, focused_id: int | None) -> PaneNode | None:
    if not isinstance(value, Mapping):
        return None
    session_id = _uint(value.get("session_id"))
    if session_id is None:
        return None
    agent = value.get("agent")
    state = value.get("state")
    return PaneNode(
        session_id=session_id,
        label=_label(value.get("label"), f"session {session_id}"),
        agent=_label(agent, "") if isinstance(agent, str) and agent else None,
        state=state if isinstance(state, str) and state in _STATES else "unknown",
        focused=session_id == focused_id,
    )


def _tabs(document: Mapping[str, object]) -> tuple[TabNode, ...] | None:
    raw_tabs = document.get("tabs")
    if not isinstance(raw_tabs, list):
        return None
    active = _uint(document.get("active_tab"))
    tabs: list[TabNode] = []
    for number, raw in enumerate(raw_tabs[:TAB_LIMIT], start=1):
        if not isinstance(raw, Mapping):
            continue
        focused = _uint(raw.get("focused_pane"))
        raw_panes = raw.get("panes")
        panes = _panes(raw_panes, focused)
        tabs.append(
            TabNode(
                number=number,
                label=_label(raw.get("label"), f"Tab {number}"),
                active=active == number - 1,
                panes=tuple(panes),
            )
        )
    return tuple(tabs)


def _panes(raw_panes: object, focused: int | None) -> list[PaneNode]:
    if not isinstance(raw_panes, list):
        return []
    kept = (_pane(p, focused) for p in raw_panes[:PANE_LIMIT])
    return [pane for pane in kept if pane is not None]


def parse_snapshot(data: bytes | str) -> tuple[TabNode, ...] | None:
    """The tabs of a `snapshot` reply, None when it is not one (too big, bad JSON, other
    shape). Never raises: the reply comes from a container the agent controls."""
    if len(data) > SNAPSHOT_LIMIT:
        return None
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):  # bad JSON or UTF-8, huge ints, deep nesting
        return None
    if not isinstance(document, dict) or document.get("type") != "snapshot":
        return None
    return _tabs(document)


def capsule_socket(store: InstanceStore, container: str) -> Path:
    """The host path of the capsule's control socket of `container`."""
    from jackin_capsule.contract import SOCKET_NAME  # noqa: PLC0415

    return store.paths.sockets_dir / container / SOCKET_NAME


def _recv_exactly(sock: socket.socket, size: int, deadline: float) -> bytes | None:
    chunks: list[bytes] = []
    got = 0
    while got < size:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        sock.settimeout(remaining)
        chunk = sock.recv(min(65536, size - got))
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


_SUN_PATH_MAX = 100
"""Bytes of a Unix socket path `connect` takes safely (the kernel's limit is 107 on Linux)."""


def _connect(sock: socket.socket, path: Path) -> None:
    """Connect to `path`, through its open folder (`/proc/self/fd/N/<name>`) when the
    path is longer than a socket address holds (a deep `JACKIN_HOME_DIR`)."""
    if len(os.fsencode(path)) < _SUN_PATH_MAX or not Path("/proc/self/fd").is_dir():
        sock.connect(str(path))
        return
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        sock.connect(f"/proc/self/fd/{folder}/{path.name}")
    finally:
        os.close(folder)


def query_snapshot_socket(path: Path, *, timeout: float = SOCKET_TIMEOUT) -> bytes | None:
    """The body of the capsule's `snapshot` reply over its socket, None when the socket
    is not there, is not a socket, does not answer in `timeout` seconds in total, or
    announces more than `SNAPSHOT_LIMIT` bytes."""
    from jackin_capsule.protocol import SnapshotRequest, encode_request  # noqa: PLC0415

    try:
        if not stat.S_ISSOCK(path.lstat().st_mode):  # a planted symlink is refused too
            return None
    except OSError:
        return None
    deadline = time.monotonic() + timeout
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            _connect(sock, path)
            sock.sendall(encode_request(SnapshotRequest()))
            header = _recv_exactly(sock, 4, deadline)
            if header is None:
                return None
            (length,) = struct.unpack(">I", header)
            if length > SNAPSHOT_LIMIT:
                return None
            return _recv_exactly(sock, length, deadline)
    except OSError:  # refused, reset, timed out
        return None


def _exec_snapshot(docker: DockerApi, container: str) -> str | None:
    from jackin_capsule.contract import CAPSULE_BIN  # noqa: PLC0415
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

    try:
        result = docker.exec_capture(
            container, [CAPSULE_BIN, "snapshot"], max_output=SNAPSHOT_LIMIT, timeout=_EXEC_TIMEOUT
        )
    except JackinError:
        return None
    return result.output if result.exit_code == 0 else None


def recorded_sessions(sessions: Sequence[Mapping[str, object]]) -> tuple[str, ...]:
    """One line per session a manifest recorded (`label (agent)`), escaped and bounded."""
    lines = []
    for number, session in enumerate(sessions[:PANE_LIMIT], start=1):
        label = session.get("label") or session.get("name") or session.get("tmux_name")
        agent = session.get("agent") or session.get("agent_runtime")
        text = _label(label, f"session {number}")
        lines.append(f"{text} ({_label(agent, '')})" if isinstance(agent, str) and agent else text)
    return tuple(lines)


def _from_manifest(store: InstanceStore, container: str) -> SessionTree:
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

    try:
        manifest = store.read_manifest(container)
    except JackinError:
        manifest = None
    if manifest is None or not manifest.sessions:
        return SessionTree(TreeSource.NONE)
    return SessionTree(TreeSource.MANIFEST, recorded=recorded_sessions(manifest.sessions))


def read_session_tree(
    docker: DockerApi | None,
    store: InstanceStore,
    container: str,
    *,
    running: bool,
    use_socket: bool = True,
    timeout: float = SOCKET_TIMEOUT,
) -> SessionTree:
    """The sessions of `container`: live from its capsule when `running`, else recorded.

    The socket is tried first (unless `use_socket` is False: a caller that found it
    unreachable before may go straight to `docker exec`), then `docker exec`. A capsule
    that answers neither falls back to the manifest's record.
    """
    if running:
        if use_socket:
            body = query_snapshot_socket(capsule_socket(store, container), timeout=timeout)
            tabs = parse_snapshot(body) if body is not None else None
            if tabs is not None:
                return SessionTree(TreeSource.SOCKET, tabs)
        if docker is not None:
            output = _exec_snapshot(docker, container)
            tabs = parse_snapshot(output) if output is not None else None
            if tabs is not None:
                return SessionTree(TreeSource.EXEC, tabs)
    return _from_manifest(store, container)
