"""Whether deleting an isolated checkout would lose work (§7.4, with §12.19 decided).

A checkout is `dirty` when `git status --porcelain` lists anything, `unpushed` when a
branch that cleanup deletes (or that the checkout has out) holds commits no upstream
has, and `safe` otherwise. Any git failure counts as `unpushed`: when in doubt, keep.

Worktrees share refs with the host repository, so only the scratch branch and the
branch the worktree has out are assessed; the operator's other host branches are
neither at risk nor the container's doing. In a clone every branch is assessed, since
removing the clone removes them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jackin_sdk.isolation._git import LISTING_LIMIT, GitFailed, run_git
from jackin_sdk.isolation._records import IsolationRecord
from jackin_sdk.mounts import Isolation

__all__ = ["Assessment", "Risk", "assess"]

Risk = Literal["safe", "dirty", "unpushed"]
_MAX_SHOWN = 5
_REF_FORMAT = "%(refname)%09%(objectname)%09%(upstream)%09%(upstream:track)"


@dataclass(frozen=True, slots=True)
class Assessment:
    """What deleting a record's checkout would lose, with a one-line explanation."""

    record: IsolationRecord
    risk: Risk
    detail: str

    @property
    def at_risk(self) -> bool:
        """Whether the checkout holds work that deleting it would lose."""
        return self.risk != "safe"


def _short(ref: str) -> str:
    return ref.removeprefix("refs/heads/")


def _dirty(checkout: Path) -> str | None:
    """The checkout's uncommitted changes in one line, None when clean.

    The checkout is the agent's: `status` is kept to `LISTING_LIMIT` bytes (its paths
    C-quoted by git, without `-z`); past that the count is a lower bound.
    """
    found = run_git(["status", "--porcelain"], cwd=checkout, max_output=LISTING_LIMIT)
    lines = found.stdout.splitlines()
    if found.truncated:
        lines = lines[:-1]  # the last one may be cut
    lines = [ln for ln in lines if ln]
    if not lines and not found.truncated:
        return None
    shown = ", ".join(line[3:] for line in lines[:_MAX_SHOWN])
    if found.truncated:
        return f"more than {len(lines)} uncommitted change(s): {shown} and more"
    more = f" and {len(lines) - _MAX_SHOWN} more" if len(lines) > _MAX_SHOWN else ""
    return f"{len(lines)} uncommitted change(s): {shown}{more}"


def _unpushed_branch(cwd: Path, patterns: list[str], base: str) -> str | None:
    """The first branch matching `patterns` that holds commits no upstream has.

    Branches are the agent's to make: the listing is kept to `LISTING_LIMIT` bytes, and
    one cut there with no such branch before the cut counts as unpushed (when in doubt,
    keep).
    """
    found = run_git(
        ["for-each-ref", f"--format={_REF_FORMAT}", *patterns],
        cwd=cwd,
        max_output=LISTING_LIMIT,
    )
    rows = found.stdout.splitlines()
    if found.truncated:
        rows = rows[:-1]  # the last one may be cut
    problem = _first_unpushed(cwd, rows, base)
    if problem is None and found.truncated:
        return f"more branches than jackin reads ({LISTING_LIMIT // 1024} KiB of refs)"
    return problem


def _first_unpushed(cwd: Path, rows: list[str], base: str) -> str | None:
    for row in rows:
        name, tip, upstream, track = row.split("\t", 3)
        if tip == base or "gone" in track:
            continue
        if upstream:
            ahead = run_git(["rev-list", "--count", f"{upstream}..{name}"], cwd=cwd).stdout
            if int(ahead.strip() or "0") == 0:
                continue
            return f"branch `{_short(name)}` is {ahead.strip()} commit(s) ahead of `{upstream}`"
        return f"branch `{_short(name)}` has commits that were never pushed (no upstream)"
    return None


def _head(checkout: Path) -> tuple[str | None, str]:
    """The branch the checkout has out (None when detached) and the commit of HEAD."""
    ref = run_git(["symbolic-ref", "-q", "HEAD"], cwd=checkout, check=False)
    if not ref.ok and ref.status != 1:
        raise GitFailed("git symbolic-ref -q HEAD", ref.reason, status=ref.status)
    commit = run_git(["rev-parse", "--verify", "-q", "HEAD"], cwd=checkout, check=False)
    return (ref.stdout.strip() if ref.ok else None), commit.stdout.strip()


def _assess_worktree(record: IsolationRecord) -> tuple[Risk, str]:
    checkout, src = Path(record.worktree_path), Path(record.original_src)
    scratch = f"refs/heads/{record.scratch_branch}"
    if not checkout.exists():
        if not src.is_dir():
            return "safe", "neither the checkout nor the host repository exists any more"
        problem = _unpushed_branch(src, [scratch], record.base_commit)
        return ("unpushed", problem) if problem else ("safe", "no checkout; scratch branch clean")
    dirty = _dirty(checkout)
    if dirty:
        return "dirty", dirty
    branch, head = _head(checkout)
    if branch is None and head != record.base_commit:
        return "unpushed", f"detached HEAD at {head[:12]} is not on any branch"
    refs = [scratch] if branch in {None, scratch} else [scratch, branch]
    problem = _unpushed_branch(checkout, refs, record.base_commit)
    return ("unpushed", problem) if problem else ("safe", "clean, nothing unpushed")


def _assess_clone(record: IsolationRecord) -> tuple[Risk, str]:
    checkout = Path(record.worktree_path)
    if not checkout.exists():
        return "safe", "the clone does not exist any more"
    dirty = _dirty(checkout)
    if dirty:
        return "dirty", dirty
    branch, head = _head(checkout)
    if branch is None and head != record.base_commit:
        return "unpushed", f"detached HEAD at {head[:12]} is not on any branch"
    problem = _unpushed_branch(checkout, ["refs/heads/"], record.base_commit)
    return ("unpushed", problem) if problem else ("safe", "clean, nothing unpushed")


def assess(record: IsolationRecord) -> Assessment:
    """Assess `record`'s checkout; a git failure is `unpushed` (fail-safe)."""
    try:
        if record.isolation is Isolation.WORKTREE:
            risk, detail = _assess_worktree(record)
        else:
            risk, detail = _assess_clone(record)
    except GitFailed as exc:
        return Assessment(record, "unpushed", f"could not inspect it ({exc.reason}); kept")
    except (OSError, ValueError) as exc:
        return Assessment(record, "unpushed", f"could not inspect it ({exc}); kept")
    return Assessment(record, risk, detail)
