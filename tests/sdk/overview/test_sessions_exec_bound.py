"""The session pane's `jackin-capsule snapshot` exec is read bounded by `SNAPSHOT_LIMIT`
and a timeout: an agent that replaces the binary with one that floods costs the console at
most that, and one that never ends does not stall the console's refresh."""

from __future__ import annotations

from jackin_sdk.docker import ExecResult
from jackin_sdk.instances import InstanceStore
from jackin_sdk.overview import SNAPSHOT_LIMIT, TreeSource, read_session_tree
from jackin_sdk.testing import ExecNeverEnds, FakeDocker, FakeExec
from tests.sdk.overview.support import IMAGE, add_instance, snapshot_json

SNAPSHOT = snapshot_json(("main", 1, [(1, "claude", "claude", "working")]), active=0)


def _padded_to(size: int) -> ExecResult:
    return ExecResult(0, SNAPSHOT + " " * (size - len(SNAPSHOT.encode())))


def test_the_exec_snapshot_is_read_at_most_snapshot_limit(store: InstanceStore) -> None:
    replies = [_padded_to(SNAPSHOT_LIMIT), _padded_to(SNAPSHOT_LIMIT + 1)]

    def handler(call: FakeExec) -> ExecResult:
        return replies.pop(0)

    docker = FakeDocker(images=[IMAGE], exec_handler=handler)
    made = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    whole = read_session_tree(docker, store, made.container, running=True, use_socket=False)
    assert whole.source is TreeSource.EXEC
    cut = read_session_tree(docker, store, made.container, running=True, use_socket=False)
    assert cut.source is not TreeSource.EXEC
    assert [call.max_output for call in docker.execs] == [SNAPSHOT_LIMIT, SNAPSHOT_LIMIT]


def test_an_exec_snapshot_that_never_ends_is_given_up(store: InstanceStore) -> None:
    def handler(call: FakeExec) -> ExecResult:
        raise ExecNeverEnds(SNAPSHOT)  # wrote a whole snapshot, then never exited

    docker = FakeDocker(images=[IMAGE], exec_handler=handler)
    made = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    tree = read_session_tree(docker, store, made.container, running=True, use_socket=False)
    assert tree.source is not TreeSource.EXEC  # not ended: not trusted, whatever it wrote
    [call] = docker.execs
    assert call.timeout is not None
