from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.fs import LockTimeout
from jackin_sdk.instances import (
    IndexRow,
    InstanceFileError,
    InstanceStatus,
    InstanceStore,
)
from jackin_sdk.testing import FakeDocker
from tests.sdk.instances.support import START, StepClock, container_name, manifest_for

A = container_name("aaaaaaaa")
B = container_name("bbbbbbbb")
C = container_name("cccccccc")


def index_document(store: InstanceStore) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(store.paths.instances_index.read_text())
    return document


def indexed_names(store: InstanceStore) -> list[str]:
    """Container names in the order the index file holds them."""
    return [row["container_base"] for row in index_document(store)["instances"]]


def names(rows: list[IndexRow]) -> list[str]:
    return [row.container_base for row in rows]


def test_prepare_state_dir(store: InstanceStore) -> None:
    state = store.prepare_state_dir(A)
    assert state == store.paths.data_dir / A
    assert sorted(p.name for p in state.iterdir()) == [".jackin", "home", "state"]
    for path in (state, state / "home", state / "state", state / ".jackin"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    assert store.prepare_state_dir(A) == state  # idempotent


def test_write_manifest_writes_file_and_index(store: InstanceStore) -> None:
    manifest = manifest_for(A)
    store.write_manifest(manifest)
    path = store.paths.data_dir / A / ".jackin" / "instance.json"
    assert store.manifest_path(A) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert store.read_manifest(A) == manifest
    assert index_document(store) == {
        "version": 1,
        "instances": [
            {
                "instance_id": "aaaaaaaa",
                "container_base": A,
                "workspace_name": "proj",
                "workspace_label": "proj",
                "workdir": "/workspace/proj",
                "role_key": "agent-smith",
                "agent_runtime": "claude",
                "status": "active",
                "updated_at": "2026-01-02T03:04:05Z",
            }
        ],
    }
    assert store.paths.instances_index.read_text().startswith('{\n  "version": 1,\n')
    assert (store.paths.data_dir / "instances.json.lock").exists()


def test_rows_are_upserted_and_sorted_newest_first(store: InstanceStore, clock: StepClock) -> None:
    for container in (A, B, C):
        store.write_manifest(manifest_for(container, created_at=clock()))
    assert names(store.index()) == [C, B, A]
    store.set_status(A, InstanceStatus.RUNNING, last_attach_outcome="attached")
    rows = store.index()
    assert names(rows) == [A, C, B]
    assert rows[0].status is InstanceStatus.RUNNING
    assert indexed_names(store) == [A, C, B]


def test_set_status_updates_manifest_and_index(store: InstanceStore, clock: StepClock) -> None:
    store.write_manifest(manifest_for(A))
    updated = store.set_status(A, InstanceStatus.CRASHED, last_attach_outcome="crashed")
    assert updated.updated_at == clock.now
    assert updated.created_at == START
    on_disk = store.read_manifest(A)
    assert on_disk == updated
    assert on_disk.last_attach_outcome == "crashed"
    assert store.index()[0].status is InstanceStatus.CRASHED
    assert store.index()[0].updated_at == clock.now
    store.set_status(A, InstanceStatus.RESTORE_AVAILABLE)
    assert store.read_manifest(A).last_attach_outcome == "crashed"  # type: ignore[union-attr]


def test_set_status_without_manifest(store: InstanceStore) -> None:
    with pytest.raises(JackinError, match=f"instance {A} has no manifest"):
        store.set_status(A, InstanceStatus.CRASHED)


def test_unknown_manifest_fields_survive_a_status_write(store: InstanceStore) -> None:
    store.write_manifest(manifest_for(A))
    path = store.manifest_path(A)
    document = json.loads(path.read_text())
    document["future_field"] = {"nested": [1, 2]}
    path.write_text(json.dumps(document))
    store.set_status(A, InstanceStatus.RUNNING)
    assert json.loads(path.read_text())["future_field"] == {"nested": [1, 2]}


def test_read_manifest(store: InstanceStore) -> None:
    assert store.read_manifest(A) is None
    store.prepare_state_dir(A)
    store.manifest_path(A).write_text("{not json")
    with pytest.raises(InstanceFileError) as caught:
        store.read_manifest(A)
    assert caught.value.path == store.manifest_path(A)
    assert str(store.manifest_path(A)) in str(caught.value)
    with pytest.raises(UsageError):
        store.read_manifest("../x")


def test_missing_index_is_rebuilt_from_manifests(store: InstanceStore, clock: StepClock) -> None:
    store.write_manifest(manifest_for(A, created_at=clock()))
    store.write_manifest(manifest_for(B, created_at=clock()))
    store.paths.instances_index.unlink()
    assert names(store.index()) == [B, A]
    assert not store.paths.instances_index.exists()  # reading never writes
    store.write_manifest(manifest_for(C, created_at=clock()))  # read-or-rebuild, then upsert
    assert indexed_names(store) == [C, B, A]


def test_rebuild_aborts_on_a_corrupt_manifest(store: InstanceStore) -> None:
    store.write_manifest(manifest_for(A))
    store.paths.instances_index.unlink()
    store.manifest_path(A).write_text('{"version": 2}')
    with pytest.raises(InstanceFileError, match="missing") as caught:
        store.index()
    assert caught.value.path == store.manifest_path(A)


def test_a_corrupt_index_is_an_error_naming_the_file(store: InstanceStore) -> None:
    store.write_manifest(manifest_for(A))
    store.paths.instances_index.write_text('{"version": 1, "instances": [{}]}')
    for call in (store.index, lambda: store.write_manifest(manifest_for(B))):
        with pytest.raises(InstanceFileError) as caught:
            call()
        message = str(caught.value)
        assert str(store.paths.instances_index) in message
        assert "run `jackin prune instances`" in message
    with pytest.raises(InstanceFileError, match="rebuild"):
        store.rebuild_index()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "garbage",
        '{"version": 2, "instances": []}',
        '{"version": 1}',
        b"\xff\xfe".decode("latin-1"),
    ],
)
def test_corrupt_index_variants(store: InstanceStore, text: str) -> None:
    store.paths.data_dir.mkdir(parents=True)
    store.paths.instances_index.write_text(text, encoding="latin-1")
    with pytest.raises(InstanceFileError, match="jackin prune instances"):
        store.index()


def test_rebuild_with_repair_moves_the_corrupt_index_aside(store: InstanceStore) -> None:
    store.write_manifest(manifest_for(A))
    store.write_manifest(manifest_for(B))
    store.paths.instances_index.write_text("garbage")
    rows = store.rebuild_index(repair=True)
    assert sorted(names(rows)) == [A, B]
    assert names(store.index()) == names(rows)
    aside = list(store.paths.data_dir.glob("instances.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_text() == "garbage"


def test_rebuild_keeps_purged_tombstones(store: InstanceStore) -> None:
    store.write_manifest(manifest_for(A))
    store.write_manifest(manifest_for(B))
    store.purge_state(A)
    rows = store.rebuild_index()
    assert {(r.container_base, r.status) for r in rows} == {
        (A, InstanceStatus.PURGED),
        (B, InstanceStatus.ACTIVE),
    }


def test_query_filters_exactly_and_rechecks_manifests(
    store: InstanceStore, clock: StepClock
) -> None:
    store.write_manifest(manifest_for(A, created_at=clock()))
    store.write_manifest(manifest_for(B, created_at=clock(), agent_runtime="codex"))
    store.write_manifest(manifest_for(C, created_at=clock(), workdir="/elsewhere"))
    ws = {"workspace_name": "proj", "workspace_label": "proj", "workdir": "/workspace/proj"}
    assert [m.container_base for m in store.query(**ws)] == [B, A]
    assert [m.container_base for m in store.query(**ws, agent="claude")] == [A]
    assert [m.container_base for m in store.query(**ws, role_key="other")] == []
    assert store.query(workspace_name=None, workspace_label="proj", workdir="/workspace/proj") == []

    # The manifest wins over a stale row: B moved to another workdir behind the index.
    path = store.manifest_path(B)
    path.write_text(manifest_for(B, workdir="/moved").to_json())
    assert [m.container_base for m in store.query(**ws)] == [A]
    # Unreadable or missing manifests are skipped.
    store.manifest_path(A).write_text("{")
    assert store.query(**ws) == []


def test_query_orders_by_manifest_updated_at(store: InstanceStore) -> None:
    store.write_manifest(manifest_for(A))
    store.write_manifest(manifest_for(B))
    store.set_status(A, InstanceStatus.CRASHED)
    ws = {"workspace_name": "proj", "workspace_label": "proj", "workdir": "/workspace/proj"}
    assert [m.container_base for m in store.query(**ws)] == [A, B]


def test_purge_removes_state_sockets_and_lock(store: InstanceStore, docker: FakeDocker) -> None:
    store.write_manifest(manifest_for(A))
    sockets = store.paths.sockets_dir / A
    sockets.mkdir(parents=True)
    (sockets / "agent.toml").write_text("x")
    with store.claim_existing(docker, A):
        pass
    assert store.lock_path(A).exists()
    store.purge_state(A)
    assert not store.state_dir(A).exists()
    assert not sockets.exists()
    assert not store.lock_path(A).exists()
    row = store.index()[0]
    assert (row.container_base, row.status) == (A, InstanceStatus.PURGED)
    assert row.workdir == "/workspace/proj"  # the tombstone keeps the row's data


def test_purge_with_the_callers_claim(store: InstanceStore, docker: FakeDocker) -> None:
    store.write_manifest(manifest_for(A))
    with store.claim_existing(docker, A) as claimed:
        store.purge_state(A, claim=claimed)
        assert claimed.held
    assert not store.lock_path(A).exists()
    with (
        store.claim_existing(docker, B) as other,
        pytest.raises(ValueError, match="does not hold"),
    ):
        store.purge_state(A, claim=other)


def test_purge_refuses_an_instance_in_use(store: InstanceStore, docker: FakeDocker) -> None:
    store.write_manifest(manifest_for(A))
    with store.claim_existing(docker, A), pytest.raises(LockTimeout):
        store.purge_state(A)
    assert store.state_dir(A).exists()


def test_purge_backfills_a_tombstone_without_a_row(store: InstanceStore) -> None:
    store.write_manifest(manifest_for(A))
    store.drop_rows([A])
    store.purge_state(A)
    assert [(r.container_base, r.status, r.role_key) for r in store.index()] == [
        (A, InstanceStatus.PURGED, "agent-smith")
    ]
    # A corrupt manifest still leaves a minimal tombstone.
    store.prepare_state_dir(B)
    store.manifest_path(B).write_text("{")
    store.purge_state(B)
    tombstone = next(r for r in store.index() if r.container_base == B)
    assert (tombstone.status, tombstone.instance_id, tombstone.workdir) == (
        InstanceStatus.PURGED,
        "bbbbbbbb",
        "",
    )
    # Nothing to purge: no row appears.
    store.purge_state(C)
    assert C not in names(store.index())


def test_drop_rows(store: InstanceStore) -> None:
    for container in (A, B, C):
        store.write_manifest(manifest_for(container))
    assert store.drop_rows([A, C, "jk-zzzzzzzz-x"]) == 2
    assert names(store.index()) == [B]
    assert store.drop_rows([]) == 0
    assert store.state_dir(A).exists()  # only the index row goes


def test_reap_locks_removes_only_unheld_name_locks(
    store: InstanceStore, docker: FakeDocker
) -> None:
    store.write_manifest(manifest_for(A))  # creates instances.json.lock
    with store.claim_existing(docker, A):
        pass
    repo_locks = store.paths.data_dir / "agent-smith.locks"
    repo_locks.mkdir()
    (repo_locks / "default.repo.lock").write_text("")
    (store.paths.data_dir / "prewarm-dind-adoption.lock").write_text("")
    with store.claim_existing(docker, B) as held:
        assert store.reap_locks() == [store.lock_path(A)]
        assert held.lock_path.exists()
    assert (store.paths.data_dir / "instances.json.lock").exists()
    assert (repo_locks / "default.repo.lock").exists()
    assert (store.paths.data_dir / "prewarm-dind-adoption.lock").exists()
    assert store.reap_locks() == [store.lock_path(B)]
    assert store.reap_locks() == []


def test_a_claim_after_reaping_takes_a_fresh_lock(store: InstanceStore, docker: FakeDocker) -> None:
    with store.claim_existing(docker, A):
        pass
    store.reap_locks()
    with store.claim_existing(docker, A) as claimed:
        assert claimed.lock_path.exists()
        assert store.is_claimed(A)


def test_store_on_a_fresh_home(store: InstanceStore) -> None:
    assert store.index() == []
    assert store.reap_locks() == []
    assert not store.paths.data_dir.exists()


def test_rows_keep_second_precision(store: InstanceStore) -> None:
    moment = dt.datetime(2026, 5, 6, 7, 8, 9, 123456, tzinfo=dt.UTC)
    store.write_manifest(manifest_for(A, created_at=moment))
    assert store.index()[0].updated_at == moment.replace(microsecond=0)
    assert isinstance(store.paths.instances_index, Path)
