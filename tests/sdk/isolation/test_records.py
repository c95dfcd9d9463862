from __future__ import annotations

import json
from pathlib import Path

import pytest

from jackin_sdk.isolation import (
    CleanupStatus,
    IsolationError,
    IsolationRecord,
    IsolationRecords,
    records_file,
)
from jackin_sdk.mounts import Isolation


def _record(dst: str = "/workspace/proj", base: str = "a" * 40) -> IsolationRecord:
    return IsolationRecord(
        workspace="proj",
        mount_dst=dst,
        original_src="/home/u/proj",
        isolation=Isolation.WORKTREE,
        worktree_path="/data/jk-x/git/worktree/repo/workspace/proj/jk-x",
        scratch_branch="jackin/scratch/jk-x",
        base_commit=base,
        selector_key="agent",
        container_name="jk-x",
    )


def test_missing_file_is_no_records(tmp_path: Path) -> None:
    assert len(IsolationRecords.load(tmp_path)) == 0


def test_save_writes_the_reference_shape_and_round_trips(tmp_path: Path) -> None:
    store = IsolationRecords([_record()])
    store.save(tmp_path)
    data = json.loads(records_file(tmp_path).read_text())
    assert records_file(tmp_path) == tmp_path / ".jackin" / "isolation.json"
    assert data == {
        "version": 1,
        "records": [
            {
                "workspace": "proj",
                "mount_dst": "/workspace/proj",
                "original_src": "/home/u/proj",
                "isolation": "worktree",
                "worktree_path": "/data/jk-x/git/worktree/repo/workspace/proj/jk-x",
                "scratch_branch": "jackin/scratch/jk-x",
                "base_commit": "a" * 40,
                "selector_key": "agent",
                "container_name": "jk-x",
                "cleanup_status": "active",
            }
        ],
    }
    assert IsolationRecords.load(tmp_path).records == [_record()]
    assert not list(records_file(tmp_path).parent.glob("*.tmp*"))


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    row = {**_record().to_json(), "cleanup_status": "preserved_dirty", "later": "x"}
    records_file(tmp_path).parent.mkdir()
    records_file(tmp_path).write_text(json.dumps({"version": 1, "records": [row]}))
    (loaded,) = IsolationRecords.load(tmp_path)
    assert loaded.cleanup_status is CleanupStatus.PRESERVED_DIRTY


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "cannot read"),
        ('{"version": 2, "records": []}', "version 2"),
        ('{"version": 1}', "records"),
        ('{"version": 1, "records": [{"workspace": "p"}]}', "invalid record"),
        ('{"version": 1, "records": [{"isolation": "bogus"}]}', "invalid record"),
    ],
)
def test_bad_files_are_errors(tmp_path: Path, body: str, message: str) -> None:
    records_file(tmp_path).parent.mkdir()
    records_file(tmp_path).write_text(body)
    with pytest.raises(IsolationError, match=message):
        IsolationRecords.load(tmp_path)


def test_upsert_get_remove_compare_normalised_destinations() -> None:
    store = IsolationRecords()
    store.upsert(_record("/workspace/proj/"))
    store.upsert(_record("/workspace/proj", base="b" * 40))
    assert len(store) == 1
    found = store.get("/workspace//proj")
    assert found is not None
    assert found.base_commit == "b" * 40
    store.remove("/workspace/proj/")
    assert store.get("/workspace/proj") is None
