"""A checkout is the agent's to fill: `status` and the branch listing that assessment reads
in it are kept to `LISTING_LIMIT` bytes. Past that the checkout is still at risk (dirty,
or kept as unpushed when no branch before the cut decides), never read whole."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.isolation import IsolationRecord, assess
from jackin_sdk.isolation._git import LISTING_LIMIT
from jackin_sdk.mounts import Isolation
from tests.sdk.isolation.conftest import Host, git

LONG = "n" * 200


def _clone(host: Host) -> tuple[IsolationRecord, Path]:
    (record,) = host.materialize(host.mount(isolation=Isolation.CLONE)).records
    return record, Path(record.worktree_path)


def test_a_status_past_the_limit_is_dirty_with_a_lower_bound(host: Host) -> None:
    (record,) = host.materialize(host.mount()).records
    checkout = Path(record.worktree_path)
    count = LISTING_LIMIT // len(f"?? {LONG}00000\n") + 100
    for index in range(count):
        (checkout / f"{LONG}{index:05d}").touch()
    found = assess(record)
    assert found.risk == "dirty"
    assert found.detail.startswith("more than ")
    shown = int(found.detail.split()[2])
    assert 0 < shown < count
    assert found.detail.endswith(" and more")


def test_a_branch_listing_past_the_limit_is_kept_as_unpushed(host: Host) -> None:
    record, checkout = _clone(host)
    base = record.base_commit
    row = len(f"refs/heads/agent/{LONG}00000\t{base}\t\t\n")
    names = [f"refs/heads/agent/{LONG}{index:05d}" for index in range(LISTING_LIMIT // row + 100)]
    packed = checkout / ".git" / "packed-refs"
    lines = [f"{base} {name}\n" for name in sorted(names)]  # all at base: none has work
    packed.write_text("# pack-refs with: peeled fully-peeled sorted \n" + "".join(lines))
    assert git(checkout, "for-each-ref", "--count=1", "--format=%(refname)").startswith(
        "refs/heads/agent/"
    )
    found = assess(record)
    assert found.risk == "unpushed"
    assert found.detail == f"more branches than jackin reads ({LISTING_LIMIT // 1024} KiB of refs)"


def test_a_short_listing_is_assessed_as_before(host: Host) -> None:
    record, checkout = _clone(host)
    (checkout / "notes.txt").write_text("draft\n")
    assert assess(record).detail == "1 uncommitted change(s): notes.txt"
