from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.isolation import AtRiskWork, IsolationRecords, remove_all
from jackin_sdk.mounts import Isolation
from tests.sdk.isolation.conftest import CONTAINER, Host, branch_exists, commit

SCRATCH = f"jackin/scratch/{CONTAINER}"


def test_only_clean_refuses_and_lists_at_risk_work(host: Host) -> None:
    (record,) = host.materialize(host.mount()).records
    checkout = Path(record.worktree_path)
    (checkout / "notes.txt").write_text("draft\n")
    with pytest.raises(AtRiskWork) as caught:
        remove_all(host.state_dir, only_clean=True)
    assert "/workspace/proj: dirty" in str(caught.value)
    assert str(checkout) in str(caught.value)
    assert [a.record for a in caught.value.assessments] == [record]
    assert checkout.exists()
    assert len(IsolationRecords.load(host.state_dir)) == 1


def test_only_clean_removes_clean_checkouts(host: Host) -> None:
    (record,) = host.materialize(host.mount()).records
    assert remove_all(host.state_dir, only_clean=True) == []
    assert not Path(record.worktree_path).exists()
    assert not branch_exists(host.repo, SCRATCH)


def test_a_forced_purge_removes_everything(host: Host, tmp_path: Path) -> None:
    other = tmp_path / "host" / "proj"
    done = host.materialize(host.mount(), host.mount("/workspace/copy", Isolation.CLONE, src=other))
    clone, wt = (Path(r.worktree_path) for r in done.records)  # `copy` sorts before `proj`
    commit(wt, "agent.txt")
    (clone / "notes.txt").write_text("draft\n")
    assert remove_all(host.state_dir, only_clean=False) == []
    assert not wt.exists()
    assert not clone.exists()
    assert not branch_exists(host.repo, SCRATCH)
    assert len(IsolationRecords.load(host.state_dir)) == 0


def test_nothing_to_remove(host: Host) -> None:
    assert remove_all(host.state_dir, only_clean=True) == []
