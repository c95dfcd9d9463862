"""A worktree checkout is the agent's to write, `.git` file included: reusing it reads
that file bounded, so a FIFO, a device or a huge file there is a conflict naming the
checkout, never a hang or a memory balloon of the host."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from jackin_sdk.isolation import MaterializeConflict, Materialized
from tests.sdk.isolation.conftest import Host

HANG_GUARD = 10.0


def _guarded(run: Callable[[], Materialized], fifo: Path) -> BaseException | None:
    """`run()` in a thread: a read that blocks fails the test, not the run."""
    raised: list[BaseException | None] = []

    def target() -> None:
        try:
            run()
        except BaseException as exc:
            raised.append(exc)
        else:
            raised.append(None)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(HANG_GUARD)
    if worker.is_alive():
        if fifo.is_fifo():  # release the blocked open so the thread can end
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"materialize blocked for {HANG_GUARD:g} s")
    [result] = raised
    return result


def _reused_gitfile(host: Host) -> Path:
    first = host.materialize()
    return Path(first.records[0].worktree_path) / ".git"


def test_a_fifo_for_the_worktrees_git_file_is_a_conflict_without_blocking(host: Host) -> None:
    gitfile = _reused_gitfile(host)
    gitfile.unlink()
    os.mkfifo(gitfile)
    raised = _guarded(host.materialize, gitfile)
    assert isinstance(raised, MaterializeConflict)
    assert "has no readable `.git` pointer" in str(raised)


def test_a_huge_git_file_is_not_read_whole(host: Host) -> None:
    gitfile = _reused_gitfile(host)
    # A real pointer padded past the cap: read whole, it would pass the check.
    gitfile.write_text(gitfile.read_text() + " " * 8192)
    raised = _guarded(host.materialize, gitfile)
    assert isinstance(raised, MaterializeConflict)
    assert "has no readable `.git` pointer" in str(raised)
    gitfile.write_text(gitfile.read_text().strip() + "\n")
    assert _guarded(host.materialize, gitfile) is None
