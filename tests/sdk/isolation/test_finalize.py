from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from jackin_sdk.isolation import (
    CleanupStatus,
    IsolationError,
    IsolationRecord,
    IsolationRecords,
    assess,
    finalize,
    force_cleanup,
)
from jackin_sdk.mounts import Isolation
from tests.sdk.isolation.conftest import CONTAINER, Host, branch_exists, commit, git

SCRATCH = f"jackin/scratch/{CONTAINER}"


def _worktree(host: Host) -> tuple[IsolationRecord, Path]:
    (record,) = host.materialize(host.mount()).records
    return record, Path(record.worktree_path)


def _clone(host: Host) -> tuple[IsolationRecord, Path]:
    (record,) = host.materialize(host.mount(isolation=Isolation.CLONE)).records
    return record, Path(record.worktree_path)


def _stored(host: Host) -> list[IsolationRecord]:
    return IsolationRecords.load(host.state_dir).records


def _assert_gone(host: Host, checkout: Path) -> None:
    assert not checkout.exists()
    assert not branch_exists(host.repo, SCRATCH)
    assert not (host.repo / ".git" / "worktrees" / CONTAINER).exists()
    assert not (host.state_dir / "git/overrides/workspace/proj").exists()
    assert _stored(host) == []


def test_a_clean_worktree_is_removed_with_its_branch(host: Host) -> None:
    record, checkout = _worktree(host)
    assert assess(record).risk == "safe"
    result = finalize(host.state_dir, clean_exit=True, policy="ask")
    assert result.decision == "cleaned"
    assert result.cleaned == [record]
    assert (result.preserved, result.messages, result.at_risk) == ([], [], None)
    _assert_gone(host, checkout)
    assert git(host.repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"


def test_a_dirty_worktree_is_preserved_with_a_message(host: Host) -> None:
    record, checkout = _worktree(host)
    (checkout / "notes.txt").write_text("draft\n")
    found = assess(record)
    assert (found.risk, found.at_risk) == ("dirty", True)
    assert "notes.txt" in found.detail
    result = finalize(host.state_dir, clean_exit=True, policy="ask")
    assert result.decision == "preserved"
    assert result.at_risk is CleanupStatus.PRESERVED_DIRTY
    (kept,) = result.preserved
    assert kept.cleanup_status is CleanupStatus.PRESERVED_DIRTY
    assert _stored(host) == [kept]
    (message,) = result.messages
    for part in (str(checkout), SCRATCH, str(host.repo), f"jackin purge {CONTAINER}", "dirty"):
        assert part in message
    assert (checkout / "notes.txt").read_text() == "draft\n"
    assert branch_exists(host.repo, SCRATCH)


def test_a_commit_on_the_scratch_branch_is_preserved_as_unpushed(host: Host) -> None:
    record, checkout = _worktree(host)
    commit(checkout, "feature.txt")
    found = assess(record)
    assert found.risk == "unpushed"
    assert SCRATCH in found.detail
    result = finalize(host.state_dir, clean_exit=True, policy="keep")
    assert result.decision == "preserved"
    assert result.preserved[0].cleanup_status is CleanupStatus.PRESERVED_UNPUSHED
    assert (checkout / "feature.txt").exists()


def test_an_unrelated_host_branch_ahead_does_not_count(host: Host) -> None:
    """§12.19: the worktree shares refs with the host; only its own branches matter."""
    record, checkout = _worktree(host)
    git(host.repo, "checkout", "-q", "-b", "operator/feature")
    commit(host.repo, "operator.txt")
    git(host.repo, "checkout", "-q", "main")
    commit(host.repo, "main-moved-on.txt")
    assert assess(record).risk == "safe"
    result = finalize(host.state_dir, clean_exit=True, policy="ask")
    assert result.decision == "cleaned"
    _assert_gone(host, checkout)
    assert branch_exists(host.repo, "operator/feature")


def test_a_new_branch_checked_out_in_the_worktree_is_assessed(host: Host) -> None:
    record, checkout = _worktree(host)
    git(checkout, "checkout", "-q", "-b", "agent/topic")
    commit(checkout, "topic.txt")
    found = assess(record)
    assert found.risk == "unpushed"
    assert "agent/topic" in found.detail


def test_a_detached_head_off_base_is_unpushed(host: Host) -> None:
    record, checkout = _worktree(host)
    git(checkout, "checkout", "-q", "--detach")
    commit(checkout, "loose.txt")
    assert assess(record).risk == "unpushed"


def test_a_pushed_scratch_branch_is_safe(host: Host, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(host.repo, "remote", "add", "origin", str(remote))
    record, checkout = _worktree(host)
    commit(checkout, "shipped.txt")
    git(checkout, "push", "-q", "-u", "origin", SCRATCH)
    assert assess(record).risk == "safe"
    commit(checkout, "not-yet.txt")
    found = assess(record)
    assert found.risk == "unpushed"
    assert "1 commit(s) ahead" in found.detail


def test_a_git_failure_counts_as_unpushed(host: Host) -> None:
    record, _ = _worktree(host)
    shutil.rmtree(host.repo / ".git" / "worktrees" / CONTAINER)
    found = assess(record)
    assert found.risk == "unpushed"
    assert "could not inspect" in found.detail


def test_a_crash_preserves_everything_even_with_discard(host: Host) -> None:
    record, checkout = _worktree(host)
    (checkout / "notes.txt").write_text("draft\n")
    result = finalize(host.state_dir, clean_exit=False, policy="discard")
    assert result.decision == "preserved"
    assert result.preserved == [record]
    assert "did not end cleanly" in result.messages[0]
    assert (checkout / "notes.txt").exists()
    assert branch_exists(host.repo, SCRATCH)
    assert _stored(host) == [record]


def test_a_crash_keeps_even_a_clean_checkout(host: Host) -> None:
    _, checkout = _worktree(host)
    assert finalize(host.state_dir, clean_exit=False, policy="ask").decision == "preserved"
    assert checkout.exists()


def test_discard_policy_removes_at_risk_work(host: Host) -> None:
    _, checkout = _worktree(host)
    commit(checkout, "feature.txt")
    (checkout / "notes.txt").write_text("draft\n")
    result = finalize(host.state_dir, clean_exit=True, policy="discard")
    assert result.decision == "cleaned"
    assert result.preserved == []
    _assert_gone(host, checkout)


@pytest.mark.parametrize(
    ("interactive", "exit_action", "decision"),
    [
        (True, "discard", "cleaned"),
        (True, "keep", "preserved"),
        (True, None, "preserved"),
        (False, "discard", "preserved"),
    ],
)
def test_ask_follows_the_exit_action_only_when_interactive(
    host: Host, interactive: bool, exit_action: str | None, decision: str
) -> None:
    _, checkout = _worktree(host)
    (checkout / "notes.txt").write_text("draft\n")
    result = finalize(
        host.state_dir,
        clean_exit=True,
        policy="ask",
        interactive=interactive,
        exit_action=exit_action,
    )
    assert result.decision == decision
    assert checkout.exists() is (decision == "preserved")


def test_safe_checkouts_go_while_at_risk_ones_stay(
    host: Host, make_repo: Callable[[str], Path]
) -> None:
    other = make_repo("lib")
    done = host.materialize(host.mount(), host.mount("/workspace/lib", Isolation.CLONE, src=other))
    clone, wt = (Path(r.worktree_path) for r in done.records)  # shortest destination first
    commit(clone, "lib-work.txt")
    result = finalize(host.state_dir, clean_exit=True, policy="keep")
    assert result.decision == "preserved"
    assert [r.mount_dst for r in result.cleaned] == ["/workspace/proj"]
    assert [r.mount_dst for r in result.preserved] == ["/workspace/lib"]
    assert not wt.exists()
    assert clone.exists()
    assert "clone:" in result.messages[0]
    assert [r.mount_dst for r in _stored(host)] == ["/workspace/lib"]


def test_a_preserved_record_is_cleaned_once_its_work_is_gone(host: Host) -> None:
    _, checkout = _worktree(host)
    (checkout / "notes.txt").write_text("draft\n")
    assert finalize(host.state_dir, clean_exit=True, policy="keep").decision == "preserved"
    (checkout / "notes.txt").unlink()
    assert finalize(host.state_dir, clean_exit=True, policy="keep").decision == "cleaned"
    _assert_gone(host, checkout)


def test_no_records_is_a_clean_result(host: Host) -> None:
    assert finalize(host.state_dir, clean_exit=True, policy="ask").decision == "cleaned"


def test_a_clean_clone_is_deleted(host: Host) -> None:
    git(host.repo, "remote", "add", "origin", "git@github.com:acme/app.git")
    record, checkout = _clone(host)
    assert assess(record).risk == "safe"
    assert finalize(host.state_dir, clean_exit=True, policy="ask").decision == "cleaned"
    assert not checkout.exists()
    assert _stored(host) == []


def test_a_clone_branch_without_upstream_is_unpushed(host: Host) -> None:
    record, checkout = _clone(host)
    git(checkout, "checkout", "-q", "-b", "agent/topic")
    commit(checkout, "topic.txt")
    git(checkout, "checkout", "-q", "main")
    found = assess(record)
    assert found.risk == "unpushed"
    assert "agent/topic" in found.detail


def test_force_cleanup_with_the_host_repository_gone(host: Host) -> None:
    record, checkout = _worktree(host)
    shutil.rmtree(host.repo)
    (warning,) = force_cleanup(record, host.state_dir)
    assert "is gone" in warning
    assert not checkout.exists()
    assert _stored(host) == []


def test_force_cleanup_refuses_paths_outside_the_state_dir(host: Host, tmp_path: Path) -> None:
    record, _ = _worktree(host)
    outside = tmp_path / "precious"
    outside.mkdir()
    with pytest.raises(IsolationError, match="refusing to delete"):
        force_cleanup(replace(record, worktree_path=str(outside)), host.state_dir)
    assert outside.exists()


def test_a_scratch_branch_checked_out_elsewhere_is_not_force_deleted(
    host: Host, tmp_path: Path
) -> None:
    record, checkout = _worktree(host)
    git(host.repo, "worktree", "remove", str(checkout))
    git(host.repo, "worktree", "add", "-q", str(tmp_path / "review"), SCRATCH)
    with pytest.raises(IsolationError, match="could not delete branch"):
        force_cleanup(record, host.state_dir)
    assert branch_exists(host.repo, SCRATCH)


def test_a_restore_reuses_preserved_work_and_marks_it_active(host: Host) -> None:
    _, checkout = _worktree(host)
    (checkout / "notes.txt").write_text("draft\n")
    finalize(host.state_dir, clean_exit=True, policy="keep")
    assert _stored(host)[0].cleanup_status is CleanupStatus.PRESERVED_DIRTY
    (record,) = host.materialize(host.mount()).records
    assert record.cleanup_status is CleanupStatus.ACTIVE
    assert _stored(host) == [record]
    assert (checkout / "notes.txt").read_text() == "draft\n"
