from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from jackin_sdk.isolation import IsolationError, preflight
from jackin_sdk.mounts import Isolation, Mount
from tests.sdk.isolation.conftest import Host, commit, git

ISOLATED = [Isolation.WORKTREE, Isolation.CLONE]


@pytest.mark.parametrize("isolation", ISOLATED)
def test_a_clean_repository_root_passes(host: Host, isolation: Isolation) -> None:
    assert preflight(host.mount(isolation=isolation), force=False) == []


def test_shared_mounts_are_not_checked(tmp_path: Path) -> None:
    assert preflight(Mount(str(tmp_path / "missing"), "/w", readonly=True), force=False) == []


@pytest.mark.parametrize("isolation", ISOLATED)
def test_read_only_is_refused(host: Host, isolation: Isolation) -> None:
    with pytest.raises(IsolationError, match=r"`/workspace/proj`.*must be writable") as caught:
        preflight(host.mount(isolation=isolation, readonly=True), force=True)
    assert caught.value.mount_dst == "/workspace/proj"


def test_a_sensitive_source_is_refused(make_repo: Callable[[str], Path]) -> None:
    repo = make_repo(".ssh/keys")
    with pytest.raises(IsolationError, match=r"`/w`.*matches `\.ssh`"):
        preflight(Mount(str(repo), "/w", isolation=Isolation.WORKTREE), force=True)


@pytest.mark.parametrize(
    ("marker", "what"),
    [
        ("rebase-merge/", "a rebase"),
        ("rebase-apply/", "a rebase or `git am`"),
        ("MERGE_HEAD", "a merge"),
        ("CHERRY_PICK_HEAD", "a cherry-pick"),
    ],
)
def test_an_operation_in_progress_is_refused(host: Host, marker: str, what: str) -> None:
    target = host.repo / ".git" / marker.rstrip("/")
    if marker.endswith("/"):
        target.mkdir()
    else:
        target.write_text(git(host.repo, "rev-parse", "HEAD") + "\n")
    with pytest.raises(IsolationError, match=f"{what} is in progress"):
        preflight(host.mount(), force=True)


def test_a_real_merge_conflict_is_refused(host: Host) -> None:
    git(host.repo, "checkout", "-q", "-b", "other")
    commit(host.repo, "README.md", "other\n")
    git(host.repo, "checkout", "-q", "main")
    commit(host.repo, "README.md", "main\n")
    merged = subprocess.run(
        ["git", "merge", "-q", "other"], cwd=host.repo, capture_output=True, check=False
    )
    assert merged.returncode != 0
    with pytest.raises(IsolationError, match="a merge is in progress"):
        preflight(host.mount(), force=True)


def test_a_subdirectory_is_refused(host: Host) -> None:
    sub = host.repo / "pkg"
    sub.mkdir()
    with pytest.raises(IsolationError, match="mount the repository root"):
        preflight(host.mount(src=sub), force=True)


def test_a_plain_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(IsolationError, match="not a git repository"):
        preflight(Mount(str(folder), "/w", isolation=Isolation.CLONE), force=True)


def test_a_missing_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsolationError, match="not a directory"):
        preflight(Mount(str(tmp_path / "nope"), "/w", isolation=Isolation.CLONE), force=True)


@pytest.mark.parametrize("isolation", ISOLATED)
def test_a_dirty_tree_needs_force(host: Host, isolation: Isolation) -> None:
    (host.repo / "README.md").write_text("changed\n")
    (host.repo / "new.txt").write_text("new\n")
    with pytest.raises(IsolationError, match=r"uncommitted changes \(README.md, new.txt\)"):
        preflight(host.mount(isolation=isolation), force=False)
    (warning,) = preflight(host.mount(isolation=isolation), force=True)
    assert "uncommitted changes" in warning
    assert "/workspace/proj" in warning


def test_a_linked_worktree_source_cannot_be_a_worktree_mount(host: Host, tmp_path: Path) -> None:
    linked = tmp_path / "linked"
    git(host.repo, "worktree", "add", "-q", "-b", "side", str(linked))
    with pytest.raises(IsolationError, match=r"`\.git` is a file"):
        preflight(host.mount(src=linked), force=False)
    assert preflight(host.mount(src=linked, isolation=Isolation.CLONE), force=False) == []
