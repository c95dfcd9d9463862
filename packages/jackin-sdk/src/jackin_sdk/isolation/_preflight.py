"""Checks an isolated mount's host repository must pass before a checkout is made (§7.1)."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.isolation._errors import IsolationError
from jackin_sdk.isolation._git import LISTING_LIMIT, GitFailed, run_git
from jackin_sdk.mounts import Isolation, Mount, find_sensitive

__all__ = ["check_static", "preflight"]

_IN_PROGRESS = {
    "rebase-merge": "a rebase",
    "rebase-apply": "a rebase or `git am`",
    "MERGE_HEAD": "a merge",
    "CHERRY_PICK_HEAD": "a cherry-pick",
}
_MAX_SHOWN = 5


def _refuse(mount: Mount, why: str) -> IsolationError:
    return IsolationError(
        f"cannot isolate mount `{mount.dst}` ({mount.isolation}) from `{mount.src}`: {why}",
        mount_dst=mount.dst,
    )


def check_static(mount: Mount, *, home: Path | None = None) -> None:
    """Refuse a read-only isolated mount or one whose source is a credential store."""
    if mount.readonly:
        raise _refuse(
            mount,
            "an isolated mount must be writable; drop `:ro` or make the mount `shared`",
        )
    hits = find_sensitive([mount], home=Path.home() if home is None else home)
    if hits:
        raise _refuse(
            mount,
            f"its source matches `{hits[0].pattern}` ({hits[0].reason}); "
            "credential stores are never copied into a checkout",
        )


def _git_dir(mount: Mount, src: Path) -> Path:
    try:
        found = run_git(["rev-parse", "--absolute-git-dir"], cwd=src)
    except GitFailed as exc:
        raise _refuse(mount, f"it is not a git repository ({exc.reason})") from None
    return Path(found.stdout.strip())


def _check_root(mount: Mount, src: Path) -> None:
    try:
        top = run_git(["rev-parse", "--show-toplevel"], cwd=src).stdout.strip()
    except GitFailed as exc:
        raise _refuse(mount, f"git cannot find its working tree ({exc.reason})") from None
    if not top or Path(top).resolve() != src.resolve():
        raise _refuse(
            mount,
            f"it is inside the repository rooted at `{top}`; mount the repository root",
        )


def _dirty_paths(mount: Mount, src: Path) -> list[str]:
    """The host tree's uncommitted changes, at most `LISTING_LIMIT` bytes of them (a
    repository that was a shared mount is the agent's to fill); a cut listing ends
    with a `…` line."""
    try:
        found = run_git(["status", "--porcelain"], cwd=src, max_output=LISTING_LIMIT)
    except GitFailed as exc:
        raise _refuse(mount, f"git status failed ({exc.reason})") from None
    lines = found.stdout.splitlines()
    if found.truncated:
        lines = [*lines[:-1], "… (more than jackin reads)"]
    return [line for line in lines if line.strip()]


def preflight(mount: Mount, *, force: bool, home: Path | None = None) -> list[str]:
    """Check that `mount`'s host repository can be isolated; return warnings.

    Refuses a read-only mount, a credential-store source, a repository in the middle of
    a rebase, merge or cherry-pick, and a source that is not the repository's root
    (a worktree also needs the main checkout, whose `.git` is a folder). Uncommitted
    changes on the host are refused unless `force` (pass it too when the operator
    confirmed interactively), which turns them into a warning: they stay on the host
    and do not reach the checkout.
    """
    if mount.isolation is Isolation.SHARED:
        return []
    check_static(mount, home=home)
    src = Path(mount.src)
    if not src.is_dir():
        raise _refuse(mount, "the source is not a directory")
    git_dir = _git_dir(mount, src)
    for marker, what in _IN_PROGRESS.items():
        if (git_dir / marker).exists():
            raise _refuse(
                mount, f"{what} is in progress ({marker}); finish or abort it on the host first"
            )
    _check_root(mount, src)
    if mount.isolation is Isolation.WORKTREE and not (src / ".git").is_dir():
        raise _refuse(
            mount,
            "it is itself a linked worktree or submodule (`.git` is a file); mount the main "
            "checkout, or use `clone` isolation",
        )
    dirty = _dirty_paths(mount, src)
    if not dirty:
        return []
    shown = ", ".join(line[3:] for line in dirty[:_MAX_SHOWN])
    more = f" and {len(dirty) - _MAX_SHOWN} more" if len(dirty) > _MAX_SHOWN else ""
    if not force:
        raise _refuse(
            mount,
            f"the host tree has uncommitted changes ({shown}{more}); commit or stash them, "
            "or pass --force to launch without them",
        )
    return [
        f"mount `{mount.dst}`: the host tree at `{mount.src}` has uncommitted changes "
        f"({shown}{more}); the isolated checkout starts from HEAD without them"
    ]
