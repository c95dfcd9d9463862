"""Deleting isolated checkouts: one record at a time, or every record for `purge`."""

from __future__ import annotations

import shutil
from pathlib import Path

from jackin_sdk.debug import tracer
from jackin_sdk.isolation._assess import assess
from jackin_sdk.isolation._errors import AtRiskWork, IsolationError
from jackin_sdk.isolation._git import GitFailed, run_git
from jackin_sdk.isolation._layout import git_root, overrides_dir
from jackin_sdk.isolation._records import IsolationRecord, IsolationRecords
from jackin_sdk.mounts import Isolation

__all__ = ["force_cleanup", "remove_all"]

_log = tracer("isolation")


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return path.resolve() != root.resolve()


def _rmtree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _is_repo(src: Path) -> bool:
    if not src.is_dir():
        return False
    try:
        return run_git(["rev-parse", "--git-dir"], cwd=src, check=False).ok
    except GitFailed:
        return False


def _branch_exists(src: Path, branch: str) -> bool:
    found = run_git(
        ["show-ref", "--verify", "--quiet", f"refs/heads/{branch}"], cwd=src, check=False
    )
    if found.status not in {0, 1}:
        raise GitFailed(f"git show-ref refs/heads/{branch}", found.reason, status=found.status)
    return found.ok


def _unregister_worktree(record: IsolationRecord, checkout: Path) -> list[str]:
    """Remove the worktree and its scratch branch from the host repository."""
    src = Path(record.original_src)
    if not _is_repo(src):
        return [
            f"host repository `{src}` is gone; deleting the checkout `{checkout}` only "
            f"(branch `{record.scratch_branch}` went with the repository)"
        ]
    removed = run_git(
        ["worktree", "remove", "--force", "--force", str(checkout)], cwd=src, check=False
    )
    if not removed.ok:
        _log.debug("worktree remove failed (%s); deleting files and pruning", removed.reason)
        _rmtree(checkout)
        if (src / ".git" / "worktrees" / checkout.name).exists():
            run_git(["worktree", "prune"], cwd=src, check=False)
    branch = record.scratch_branch
    if branch and _branch_exists(src, branch):
        run_git(["branch", "-D", branch], cwd=src, check=False)
        if _branch_exists(src, branch):
            raise IsolationError(
                f"could not delete branch `{branch}` in `{src}`; delete it with "
                f"`git -C {src} branch -D {branch}` and retry",
                mount_dst=record.mount_dst,
            )
    return []


def force_cleanup(record: IsolationRecord, state_dir: Path) -> list[str]:
    """Delete `record`'s checkout (and scratch branch) whatever it holds; return warnings.

    A worktree is removed from the host repository, its branch deleted and checked gone,
    then its folder deleted; when the host repository no longer exists only the files go.
    A clone is deleted. The record is dropped from `isolation.json`. A checkout path
    outside `<state_dir>/git/` is refused rather than deleted.
    """
    checkout = Path(record.worktree_path)
    if not _inside(checkout, git_root(state_dir)):
        raise IsolationError(
            f"refusing to delete `{checkout}`: it is not inside `{git_root(state_dir)}`",
            mount_dst=record.mount_dst,
        )
    warnings: list[str] = []
    try:
        if record.isolation is Isolation.WORKTREE:
            warnings += _unregister_worktree(record, checkout)
        _rmtree(checkout)
        if record.isolation is Isolation.WORKTREE:
            _rmtree(overrides_dir(state_dir, record.mount_dst))
    except GitFailed as exc:
        raise IsolationError(
            f"could not remove the isolated checkout of `{record.mount_dst}`: {exc.reason}",
            mount_dst=record.mount_dst,
        ) from None
    except OSError as exc:
        raise IsolationError(
            f"could not delete `{checkout}`: {exc}", mount_dst=record.mount_dst
        ) from None
    store = IsolationRecords.load(state_dir)
    store.remove(record.mount_dst)
    store.save(state_dir)
    return warnings


def remove_all(state_dir: Path, *, only_clean: bool) -> list[str]:
    """Delete every isolated checkout of an instance (for `purge`); return warnings.

    With `only_clean`, nothing is deleted when any checkout is dirty or unpushed:
    `AtRiskWork` lists them. Every record is attempted; failures are raised together.
    """
    store = IsolationRecords.load(state_dir)
    if only_clean:
        risky = [found for found in map(assess, store) if found.at_risk]
        if risky:
            raise AtRiskWork(risky)
    warnings: list[str] = []
    failures: list[str] = []
    for record in store:
        try:
            warnings += force_cleanup(record, state_dir)
        except IsolationError as exc:
            failures.append(str(exc))
    if failures:
        raise IsolationError(
            "some isolated checkouts were not removed:\n  " + "\n  ".join(failures)
        )
    return warnings
