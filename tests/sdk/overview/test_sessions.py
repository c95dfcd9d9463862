"""An instance's session tree: the socket, the exec fallback, the manifest, hostile input."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import ExecResult
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.overview import (
    LABEL_LIMIT,
    PANE_LIMIT,
    SNAPSHOT_LIMIT,
    TAB_LIMIT,
    TabNode,
    TreeSource,
    capsule_socket,
    parse_snapshot,
    query_snapshot_socket,
    read_session_tree,
)
from jackin_sdk.testing import FakeDocker, FakeExec
from tests.capsule.daemon.harness import home_dirs, wait_until
from tests.capsule.support import CAPSULE
from tests.sdk.overview.support import IMAGE, add_instance, snapshot_json

TWO_TABS = snapshot_json(
    ("main", 2, [(1, "claude", "claude", "working"), (2, "zsh", None, "idle")]),
    ("review", 3, [(3, "codex", "codex", "blocked")]),
    active=1,
)


def test_parse_snapshot_builds_tabs_and_panes() -> None:
    tabs = parse_snapshot(TWO_TABS)
    assert tabs is not None
    assert [(t.number, t.label, t.active) for t in tabs] == [
        (1, "main", False),
        (2, "review", True),
    ]
    first, second = tabs[0].panes
    assert (first.session_id, first.label, first.agent, first.state, first.focused) == (
        1, "claude", "claude", "working", False,
    )  # fmt: skip
    assert (second.agent, second.focused) == (None, True)
    assert tabs[1].panes[0].state == "blocked"


@pytest.mark.parametrize(
    "data",
    [
        "",
        "not json",
        b"\xff\xfe",
        "[]",
        '{"type": "session_list", "sessions": []}',
        '{"type": "snapshot"}',
        '{"type": "snapshot", "tabs": {}}',
        "[" * 100_000 + "]" * 100_000,
        '{"type": "snapshot", "tabs": [], "active_tab": ' + "9" * 5000 + "}",
        "x" * (SNAPSHOT_LIMIT + 1),
    ],
    ids=[
        "empty",
        "text",
        "bad-utf8",
        "list",
        "other-reply",
        "no-tabs",
        "tabs-object",
        "deep-nesting",
        "huge-int",
        "too-big",
    ],
)
def test_parse_snapshot_refuses_what_is_not_a_snapshot(data: str | bytes) -> None:
    assert parse_snapshot(data) is None


def test_parse_snapshot_keeps_what_is_usable_of_bad_shapes() -> None:
    document = {
        "type": "snapshot",
        "active_tab": -1,
        "tabs": [
            "not a tab",
            {"label": 7, "focused_pane": "x", "panes": "nope"},
            {
                "label": "t",
                "focused_pane": 1,
                "panes": [
                    {"session_id": -1, "label": "negative"},
                    {"session_id": True, "label": "bool"},
                    {"session_id": 2**64, "label": "too big"},
                    {"session_id": 1, "label": None, "agent": 5, "state": "evil"},
                ],
            },
        ],
    }
    tabs = parse_snapshot(json.dumps(document))
    assert tabs is not None
    assert [(t.number, t.label, t.active, len(t.panes)) for t in tabs] == [
        (2, "Tab 2", False, 0),
        (3, "t", False, 1),
    ]
    (pane,) = tabs[1].panes
    assert (pane.label, pane.agent, pane.state, pane.focused) == (
        "session 1",
        None,
        "unknown",
        True,
    )


def test_labels_are_escaped_and_bounded_and_counts_capped() -> None:
    evil = "\x1b[2J\x1b]52;c;owned\x07\u202eevil"
    panes: list[tuple[int, str, str | None, str]] = [
        (n, evil, evil, "idle") for n in range(PANE_LIMIT + 10)
    ]
    tabs_in = [("x" * 10_000, 0, panes)] + [("t", 0, [])] * (TAB_LIMIT + 10)
    tabs = parse_snapshot(snapshot_json(*tabs_in))
    assert tabs is not None
    assert len(tabs) == TAB_LIMIT
    assert len(tabs[0].panes) == PANE_LIMIT
    assert len(tabs[0].label) == LABEL_LIMIT
    pane = tabs[0].panes[0]
    assert pane.label == "\\x1b[2J\\x1b]52;c;owned\\x07\\u202eevil"
    assert pane.agent == pane.label
    for text in (pane.label, pane.agent, tabs[0].label):
        assert text is not None
        assert all(ch.isprintable() for ch in text)


# ------------------------------------------------------------------ the socket


@contextlib.contextmanager
def _serve(path: Path, reply: Callable[[socket.socket], None]) -> Iterator[list[bytes]]:
    """A one-connection capsule stand-in at `path`; yields the requests it read."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    seen: list[bytes] = []

    def run() -> None:
        conn, _ = server.accept()
        with conn:
            (length,) = struct.unpack(">I", conn.recv(4))
            seen.append(conn.recv(length))
            reply(conn)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        thread.join(timeout=5)
        server.close()


@contextlib.contextmanager
def _serve_at_depth(path: Path, reply: Callable[[socket.socket], None]) -> Iterator[list[bytes]]:
    """`_serve` at a path too long to bind directly: bound from inside its folder."""
    cwd = Path.cwd()
    os.chdir(path.parent)
    try:
        server = _serve(Path(path.name), reply)
        seen = server.__enter__()
    finally:
        os.chdir(cwd)
    try:
        yield seen
    finally:
        server.__exit__(None, None, None)


def _framed(body: str) -> Callable[[socket.socket], None]:
    data = body.encode()
    return lambda conn: conn.sendall(struct.pack(">I", len(data)) + data)


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A short folder: a Unix socket path must stay under ~100 bytes."""
    with tempfile.TemporaryDirectory(prefix="jk-") as name:
        yield Path(name)


def test_socket_snapshot_round_trip(short_dir: Path) -> None:
    path = short_dir / "s.sock"
    with _serve(path, _framed(TWO_TABS)) as seen:
        body = query_snapshot_socket(path)
    assert body is not None
    assert parse_snapshot(body) == parse_snapshot(TWO_TABS)
    request = json.loads(seen[0])
    assert request == {"ctx": {"v": 1}, "msg": {"type": "snapshot"}}


def test_socket_reply_announcing_too_much_is_refused(short_dir: Path) -> None:
    path = short_dir / "s.sock"

    def huge(conn: socket.socket) -> None:
        body = (TWO_TABS + " " * SNAPSHOT_LIMIT).encode()  # valid JSON, just too big
        with contextlib.suppress(OSError):  # the client hangs up after the header
            conn.sendall(struct.pack(">I", len(body)) + body)

    with _serve(path, huge):
        assert query_snapshot_socket(path) is None


def test_socket_that_never_finishes_gives_up_within_its_total_timeout(short_dir: Path) -> None:
    path = short_dir / "s.sock"
    done = threading.Event()

    def trickle(conn: socket.socket) -> None:
        conn.sendall(struct.pack(">I", 100) + b"{")
        done.wait(5)

    with _serve(path, trickle):
        assert query_snapshot_socket(path, timeout=0.2) is None
        done.set()


def test_a_symlink_or_a_plain_file_is_not_followed(short_dir: Path) -> None:
    target = short_dir / "real.sock"
    link = short_dir / "link.sock"
    link.symlink_to(target)
    with _serve(target, _framed(TWO_TABS)):
        assert query_snapshot_socket(link) is None  # a planted link never reaches the target
        assert query_snapshot_socket(target) is not None
    plain = short_dir / "plain"
    plain.write_text("x")
    assert query_snapshot_socket(plain) is None
    assert query_snapshot_socket(short_dir / "missing") is None


# ------------------------------------------------------------------ the tree


def _exec_replying(output: str, code: int = 0) -> Callable[[FakeExec], ExecResult]:
    def handler(call: FakeExec) -> ExecResult:
        assert call.argv == ("/jackin/runtime/jackin-capsule", "snapshot")
        return ExecResult(code, output)

    return handler


def test_tree_from_the_socket_first(store: InstanceStore) -> None:
    docker = FakeDocker(images=[IMAGE], exec_handler=_exec_replying("{}", 1))
    made = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    path = capsule_socket(store, made.container)
    path.parent.mkdir(parents=True)
    assert len(str(path)) > 108  # deeper than a socket address holds: reached through its folder
    with _serve_at_depth(path, _framed(TWO_TABS)):
        tree = read_session_tree(docker, store, made.container, running=True)
    assert tree.source is TreeSource.SOCKET
    assert tree.live
    assert [p.session_id for p in tree.panes] == [1, 2, 3]
    assert docker.execs == []


def test_tree_from_docker_exec_when_the_socket_is_unreachable(store: InstanceStore) -> None:
    docker = FakeDocker(images=[IMAGE], exec_handler=_exec_replying(TWO_TABS))
    made = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    tree = read_session_tree(docker, store, made.container, running=True)
    assert tree.source is TreeSource.EXEC
    assert len(tree.tabs) == 2
    skipped = read_session_tree(docker, store, made.container, running=True, use_socket=False)
    assert skipped == tree


def test_tree_falls_back_to_the_manifest_then_to_nothing(store: InstanceStore) -> None:
    docker = FakeDocker(images=[IMAGE], exec_handler=_exec_replying("garbage"))
    recorded = (
        {"label": "main", "agent": "claude"},
        {"tmux_name": "side\x1b[31m"},
        {"nothing": 1},
    )
    made = add_instance(
        store, docker, "aaaaaaa1", workspace="alpha",
        status=InstanceStatus.RESTORE_AVAILABLE, sessions=recorded,
    )  # fmt: skip
    tree = read_session_tree(docker, store, made.container, running=False)
    assert tree.source is TreeSource.MANIFEST
    assert tree.recorded == ("main (claude)", "side\\x1b[31m", "session 3")
    assert not tree.live
    bare = add_instance(store, docker, "aaaaaaa2", workspace="alpha")
    tree = read_session_tree(docker, store, bare.container, running=True)  # exec gave garbage
    assert tree.source is TreeSource.NONE
    assert tree.panes == ()
    assert read_session_tree(None, store, "jk-nothing-here", running=True).source is TreeSource.NONE


# ------------------------------------------------------------------ the real capsule

ECHO_AGENT = "printf 'agent ready\\n'\nwhile IFS= read -r line; do :; done\n"


def test_the_real_capsule_answers_over_its_socket_and_through_its_cli() -> None:
    """The daemon itself (in a subprocess on this host), not a stand-in: the request
    framing and both reply forms (socket body, `jackin-capsule snapshot` output) parse."""
    with home_dirs() as home:
        home.config({"claude": home.script("a.sh", ECHO_AGENT)})
        home.daemon("claude", "--spawn-now")
        wait_until(lambda: home.sessions() == 1, what="the headless session")
        body = query_snapshot_socket(Path(home.socket))
        assert body is not None
        tabs = parse_snapshot(body)
        assert tabs is not None
        assert [(t.number, t.label, t.active) for t in tabs] == [(1, "Claude", True)]
        (pane,) = tabs[0].panes
        assert (pane.session_id, pane.agent, pane.focused) == (1, "claude", True)
        printed = subprocess.run(
            [*CAPSULE, "snapshot"], env=home.env, capture_output=True, text=True, check=True
        )
        again = parse_snapshot(printed.stdout)
        assert again is not None

        def shape(found: tuple[TabNode, ...]) -> list[tuple[str, list[tuple[int, str | None]]]]:
            return [(t.label, [(p.session_id, p.agent) for p in t.panes]) for t in found]

        assert shape(again) == shape(tabs)  # the state may have moved on meanwhile
