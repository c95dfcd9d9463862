from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from jackin_sdk.docker import Bind
from jackin_sdk.isolation import (
    CleanupStatus,
    IsolationError,
    IsolationRecords,
    MaterializeConflict,
    ModeDrift,
    SourceDrift,
    container_origin,
    records_file,
)
from jackin_sdk.mounts import Isolation, Mount
from tests.sdk.isolation.conftest import CONTAINER, Host, branch_exists, commit, git

WT = "git/worktree/repo/workspace/proj/" + CONTAINER


def test_shared_mount_is_one_plain_bind(host: Host) -> None:
    done = host.materialize(Mount(str(host.repo), "/workspace/proj/", readonly=True))
    assert done.binds == [Bind(str(host.repo), "/workspace/proj", read_only=True)]
    assert done.records == []
    assert not records_file(host.state_dir).exists()


def test_worktree_gets_its_binds_and_a_scratch_branch(host: Host) -> None:
    head = git(host.repo, "rev-parse", "HEAD")
    done = host.materialize(host.mount())
    checkout = host.state_dir / WT
    overrides = host.state_dir / "git/overrides/workspace/proj"
    host_git, target = host.repo / ".git", "/jackin/host/workspace/proj/.git"
    assert done.binds == [
        Bind(str(checkout), "/workspace/proj"),
        Bind(str(host_git), target),
        Bind(str(host_git / "config"), f"{target}/config", read_only=True),
        Bind(str(host_git / "config.worktree"), f"{target}/config.worktree", read_only=True),
        Bind(str(host_git / "hooks"), f"{target}/hooks", read_only=True),
        Bind(str(host_git / "worktrees"), f"{target}/worktrees", read_only=True),
        Bind(str(host_git / "worktrees" / CONTAINER), f"{target}/worktrees/{CONTAINER}"),
        Bind(str(overrides / ".git"), "/workspace/proj/.git", read_only=True),
        Bind(
            str(overrides / "gitdir"),
            f"/jackin/host/workspace/proj/.git/worktrees/{CONTAINER}/gitdir",
            read_only=True,
        ),
    ]
    assert git(checkout, "rev-parse", "--abbrev-ref", "HEAD") == f"jackin/scratch/{CONTAINER}"
    assert git(checkout, "rev-parse", "HEAD") == head
    assert (host.repo / ".git" / "worktrees" / CONTAINER).is_dir()
    assert git(host.repo, "config", "--local", "extensions.worktreeConfig") == "true"
    assert git(host.repo, "config", "--local", "core.repositoryformatversion") == "1"
    (record,) = done.records
    assert record.isolation is Isolation.WORKTREE
    assert record.worktree_path == str(checkout)
    assert record.scratch_branch == f"jackin/scratch/{CONTAINER}"
    assert record.base_commit == head
    assert (record.workspace, record.selector_key) == ("proj", "agent")
    assert record.container_name == CONTAINER
    assert record.cleanup_status is CleanupStatus.ACTIVE
    assert IsolationRecords.load(host.state_dir).records == [record]


def test_worktree_overrides_point_into_the_container_layout(host: Host) -> None:
    host.materialize(host.mount())
    overrides = host.state_dir / "git/overrides/workspace/proj"
    assert (overrides / ".git").read_text() == (
        f"gitdir: /jackin/host/workspace/proj/.git/worktrees/{CONTAINER}\n"
    )
    assert (overrides / "gitdir").read_text() == "/workspace/proj/.git\n"


def test_clone_gets_one_bind_and_no_scratch_branch(host: Host) -> None:
    head = git(host.repo, "rev-parse", "HEAD")
    done = host.materialize(host.mount(isolation=Isolation.CLONE))
    checkout = host.state_dir / "git/clone/repo/workspace/proj" / CONTAINER
    assert done.binds == [Bind(str(checkout), "/workspace/proj")]
    (record,) = done.records
    assert (record.isolation, record.scratch_branch, record.base_commit) == (
        Isolation.CLONE,
        "",
        head,
    )
    assert git(checkout, "rev-parse", "HEAD") == head
    assert git(checkout, "remote", "get-url", "origin") == str(host.repo)  # no host origin
    assert not branch_exists(host.repo, f"jackin/scratch/{CONTAINER}")


@pytest.mark.parametrize(
    ("host_origin", "expected"),
    [
        ("git@github.com:acme/app.git", "https://github.com/acme/app.git"),
        ("ssh://git@github.com/acme/app.git", "https://github.com/acme/app.git"),
        ("https://user:s3cret@example.com/acme/app.git", "https://example.com/acme/app.git"),
        ("git@gitlab.com:acme/app.git", "git@gitlab.com:acme/app.git"),
    ],
)
def test_clone_copies_the_host_origin(host: Host, host_origin: str, expected: str) -> None:
    git(host.repo, "remote", "add", "origin", host_origin)
    host.materialize(host.mount(isolation=Isolation.CLONE))
    checkout = host.state_dir / "git/clone/repo/workspace/proj" / CONTAINER
    assert git(checkout, "config", "--get", "remote.origin.url") == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("git@github.com:o/r", "https://github.com/o/r"),
        ("GitHub.com:o/r.git", "https://github.com/o/r.git"),
        ("ssh://git@github.com:22/o/r.git", "https://github.com/o/r.git"),
        ("https://token@github.com/o/r.git", "https://github.com/o/r.git"),
        ("http://u:p@host:8080/r.git?x=1", "http://host:8080/r.git?x=1"),
        ("https://github.com/o/r.git", "https://github.com/o/r.git"),
        ("/srv/git/r.git", "/srv/git/r.git"),
        ("ssh://git@example.com/r.git", "ssh://git@example.com/r.git"),
    ],
)
def test_container_origin(url: str, expected: str) -> None:
    assert container_origin(url) == expected


def test_mounts_are_processed_shortest_destination_first(
    host: Host, make_repo: Callable[[str], Path], tmp_path: Path
) -> None:
    other = make_repo("lib")
    cache = tmp_path / "cache"
    cache.mkdir()
    done = host.materialize(
        Mount(str(cache), "/workspace/proj/.cache"),
        Mount(str(other), "/workspace/proj/vendor/lib", isolation=Isolation.CLONE),
        host.mount(),
    )
    assert [b.target for b in done.binds] == [
        "/workspace/proj",
        "/jackin/host/workspace/proj/.git",
        "/jackin/host/workspace/proj/.git/config",
        "/jackin/host/workspace/proj/.git/config.worktree",
        "/jackin/host/workspace/proj/.git/hooks",
        "/jackin/host/workspace/proj/.git/worktrees",
        f"/jackin/host/workspace/proj/.git/worktrees/{CONTAINER}",
        "/workspace/proj/.git",
        f"/jackin/host/workspace/proj/.git/worktrees/{CONTAINER}/gitdir",
        "/workspace/proj/.cache",
        "/workspace/proj/vendor/lib",
    ]
    assert [r.mount_dst for r in done.records] == ["/workspace/proj", "/workspace/proj/vendor/lib"]


@pytest.mark.parametrize("isolation", [Isolation.WORKTREE, Isolation.CLONE])
def test_a_second_call_reuses_the_checkout_as_it_is(host: Host, isolation: Isolation) -> None:
    first = host.materialize(host.mount(isolation=isolation))
    checkout = Path(first.records[0].worktree_path)
    (checkout / "work.txt").write_text("in progress\n")
    commit(host.repo, "later.txt")  # the host moves on; the checkout must not
    (host.repo / "README.md").write_text("dirty host\n")  # preflight does not run on reuse
    second = host.materialize(host.mount(isolation=isolation))
    assert second.binds == first.binds
    assert second.records == first.records
    assert second.warnings == []
    assert (checkout / "work.txt").read_text() == "in progress\n"
    assert not (checkout / "later.txt").exists()


def test_a_deleted_checkout_is_recreated_from_its_record(host: Host) -> None:
    first = host.materialize(host.mount(isolation=Isolation.CLONE))
    checkout = Path(first.records[0].worktree_path)
    shutil.rmtree(checkout)
    second = host.materialize(host.mount(isolation=Isolation.CLONE))
    assert second.binds == first.binds
    assert (checkout / ".git").is_dir()


def test_an_existing_scratch_branch_is_adopted_with_base_at_host_head(host: Host) -> None:
    branch = f"jackin/scratch/{CONTAINER}"
    git(host.repo, "checkout", "-q", "-b", branch)
    tip = commit(host.repo, "earlier-work.txt")
    git(host.repo, "checkout", "-q", "main")
    head = git(host.repo, "rev-parse", "HEAD")
    done = host.materialize(host.mount())
    checkout = host.state_dir / WT
    assert git(checkout, "rev-parse", "HEAD") == tip
    assert done.records[0].base_commit == head


def test_source_drift_is_refused(host: Host, make_repo: Callable[[str], Path]) -> None:
    host.materialize(host.mount())
    other = make_repo("other")
    with pytest.raises(SourceDrift) as caught:
        host.materialize(host.mount(src=other))
    assert caught.value.recorded == str(host.repo)
    assert "[E015]" in str(caught.value)
    assert str(host.state_dir / WT) in (caught.value.hint or "")


def test_mode_drift_is_refused(host: Host) -> None:
    host.materialize(host.mount())
    with pytest.raises(ModeDrift, match=r"created as `worktree`.*now `clone`"):
        host.materialize(host.mount(isolation=Isolation.CLONE))


def test_a_refused_mount_creates_no_checkout_at_all(
    host: Host, make_repo: Callable[[str], Path]
) -> None:
    dirty = make_repo("dirty")
    (dirty / "README.md").write_text("changed\n")
    with pytest.raises(IsolationError, match="uncommitted changes"):
        host.materialize(host.mount(), host.mount("/workspace/zzz", src=dirty))
    assert not (host.state_dir / "git").exists()
    assert not branch_exists(host.repo, f"jackin/scratch/{CONTAINER}")


def test_force_lets_a_dirty_host_through_with_a_warning(host: Host) -> None:
    (host.repo / "README.md").write_text("changed\n")
    done = host.materialize(host.mount(), force=True)
    (warning,) = done.warnings
    assert "uncommitted changes" in warning
    checkout = Path(done.records[0].worktree_path)
    assert (checkout / "README.md").read_text() == "hello\n"


def test_a_read_only_isolated_mount_is_refused_even_on_reuse(host: Host) -> None:
    host.materialize(host.mount())
    with pytest.raises(IsolationError, match="must be writable"):
        host.materialize(host.mount(readonly=True))


def test_a_leftover_folder_is_a_conflict(host: Host) -> None:
    leftover = host.state_dir / WT
    leftover.mkdir(parents=True)
    (leftover / "stray.txt").write_text("?\n")
    with pytest.raises(MaterializeConflict, match="already exists"):
        host.materialize(host.mount())
    assert (leftover / "stray.txt").exists()


def test_the_record_is_written_before_the_checkout_is_made(host: Host) -> None:
    leftover = host.state_dir / WT
    leftover.mkdir(parents=True)
    (leftover / "stray.txt").write_text("?\n")
    with pytest.raises(MaterializeConflict):
        host.materialize(host.mount())
    data = json.loads(records_file(host.state_dir).read_text())
    assert [r["mount_dst"] for r in data["records"]] == ["/workspace/proj"]
