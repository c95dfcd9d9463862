"""What happens to isolated work when a session ends (§7.4).

Guard principle (ADR-010): at-risk work is removed only by an explicit delete or a
`discard` policy or exit action after a clean exit; interrupts and crashes keep it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from jackin_sdk.isolation._assess import Assessment, assess
from jackin_sdk.isolation._cleanup import force_cleanup
from jackin_sdk.isolation._errors import IsolationError
from jackin_sdk.isolation._records import CleanupStatus, IsolationRecord, IsolationRecords
from jackin_sdk.mounts import Isolation

__all__ = ["Decision", "ExitPolicy", "FinalizeResult", "finalize", "preserved_message"]

ExitPolicy = Literal["keep", "discard", "ask"]
Decision = Literal["preserved", "cleaned"]

_STATUS = {"dirty": CleanupStatus.PRESERVED_DIRTY, "unpushed": CleanupStatus.PRESERVED_UNPUSHED}


@dataclass(frozen=True, slots=True)
class FinalizeResult:
    """The outcome for the instance and, per preserved checkout, where its work is."""

    decision: Decision
    preserved: list[IsolationRecord] = field(default_factory=list)
    cleaned: list[IsolationRecord] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def at_risk(self) -> CleanupStatus | None:
        """`preserved_dirty` if any kept checkout is dirty, else `preserved_unpushed`, else None."""
        statuses = {record.cleanup_status for record in self.preserved}
        for status in (CleanupStatus.PRESERVED_DIRTY, CleanupStatus.PRESERVED_UNPUSHED):
            if status in statuses:
                return status
        return None


def preserved_message(record: IsolationRecord, reason: str) -> str:
    """Tell the operator where a kept checkout is, how to get its work, and how to delete it."""
    src, path, c = record.original_src, record.worktree_path, record.container_name
    lines = [f"Isolated work for `{record.mount_dst}` was kept ({reason})."]
    if record.isolation is Isolation.WORKTREE:
        branch = record.scratch_branch
        lines += [
            f"  worktree: {path}",
            f"  branch:   {branch} (in {src})",
            f"  Get it back: commit any changes in the worktree, then `git -C {src} merge "
            f"{branch}` (or cherry-pick); `jackin load` resumes the instance on it.",
        ]
    else:
        lines += [
            f"  clone:    {path}",
            f"  Get it back: commit and push from the clone, or `git -C {src} fetch {path} "
            "<branch>`; `jackin load` resumes the instance on it.",
        ]
    lines.append(f"  Delete it after review: `jackin purge {c}`.")
    return "\n".join(lines)


def _cleanup_all(
    records: list[IsolationRecord], state_dir: Path, result: FinalizeResult
) -> list[IsolationRecord]:
    """Force-clean `records`; return those that could not be removed."""
    failed: list[IsolationRecord] = []
    for record in records:
        try:
            result.warnings.extend(force_cleanup(record, state_dir))
            result.cleaned.append(record)
        except IsolationError as exc:
            result.warnings.append(str(exc))
            failed.append(record)
    return failed


def finalize(
    state_dir: Path,
    *,
    clean_exit: bool,
    policy: ExitPolicy,
    interactive: bool = False,
    exit_action: str | None = None,
) -> FinalizeResult:
    """Clean up or keep an instance's isolated checkouts after its session ended.

    `clean_exit=False` (crash, OOM, interrupt, live sessions) keeps everything and
    deletes nothing. After a clean exit, safe checkouts are removed at once; dirty or
    unpushed ones are marked in `isolation.json`, then `policy` decides: `discard`
    removes them, `keep` keeps them, `ask` follows `exit_action` (the operator's
    `exit-action.json` choice, only read when `interactive`): `discard` removes, anything
    else keeps. The decision is `cleaned` only when no checkout is left.
    """
    store = IsolationRecords.load(state_dir)
    records = list(store)
    if not clean_exit:
        result = FinalizeResult(decision="preserved", preserved=records)
        reason = "the session did not end cleanly"
        result.messages.extend(preserved_message(r, reason) for r in records)
        return result

    result = FinalizeResult(decision="cleaned")
    at_risk: list[Assessment] = []
    for found in map(assess, records):
        if found.at_risk:
            at_risk.append(found)
        else:
            failed = _cleanup_all([found.record], state_dir, result)
            at_risk += [Assessment(r, "unpushed", "it could not be removed") for r in failed]
    if at_risk:
        store = IsolationRecords.load(state_dir)
        for index, found in enumerate(at_risk):
            record = replace(found.record, cleanup_status=_STATUS[found.risk])
            at_risk[index] = replace(found, record=record)
            store.upsert(record)
        store.save(state_dir)

    discard = policy == "discard" or (policy == "ask" and interactive and exit_action == "discard")
    if discard:
        kept = _cleanup_all([a.record for a in at_risk], state_dir, result)
        at_risk = [a for a in at_risk if a.record in kept]
    for found in at_risk:
        result.preserved.append(found.record)
        result.messages.append(preserved_message(found.record, f"{found.risk}: {found.detail}"))
    if result.preserved:
        return replace(result, decision="preserved")
    return result
