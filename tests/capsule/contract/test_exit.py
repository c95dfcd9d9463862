"""`capsule-exit.json`: how the daemon ended, read back by the host (`CapsuleExit`)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from jackin_capsule.contract import EXIT_MARKER, CapsuleExit
from jackin_capsule.contract._read import MAX_RECORD_BYTES


def test_the_exit_marker_round_trips_through_its_file(tmp_path: Path) -> None:
    CapsuleExit("last session closed", signal=False).write(tmp_path)
    assert json.loads((tmp_path / EXIT_MARKER).read_text()) == {
        "reason": "last session closed",
        "signal": False,
    }
    assert CapsuleExit.read(tmp_path) == CapsuleExit("last session closed", False)
    CapsuleExit(signal=True).write(tmp_path)
    assert CapsuleExit.read(tmp_path) == CapsuleExit("", True)


def test_no_marker_reads_as_none(tmp_path: Path) -> None:
    assert CapsuleExit.read(tmp_path) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not json", None),
        ("[1, 2]", CapsuleExit()),
        ('{"reason": 7, "signal": true}', CapsuleExit("", True)),
        ('{"reason": "x"}', CapsuleExit("x", False)),
    ],
)
def test_a_damaged_marker_never_raises(tmp_path: Path, text: str, expected: object) -> None:
    (tmp_path / EXIT_MARKER).write_text(text)
    assert CapsuleExit.read(tmp_path) == expected


HANG_GUARD = 10.0


def _read_guarded(run: Path) -> CapsuleExit | None:
    """`CapsuleExit.read(run)` in a thread: a read that blocks fails the test, not the run."""
    found: list[CapsuleExit | None] = []
    reader = threading.Thread(target=lambda: found.append(CapsuleExit.read(run)), daemon=True)
    reader.start()
    reader.join(HANG_GUARD)
    if reader.is_alive():
        fifo = run / EXIT_MARKER
        if fifo.is_fifo():  # release the blocked open so the thread can end
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"CapsuleExit.read blocked for {HANG_GUARD:g} s")
    [result] = found
    return result


def test_a_fifo_for_a_marker_reads_as_none_without_blocking(tmp_path: Path) -> None:
    # The run dir is the container's; the agent (root there) can leave a FIFO in it.
    os.mkfifo(tmp_path / EXIT_MARKER)
    assert _read_guarded(tmp_path) is None


def test_a_huge_marker_is_not_read_whole(tmp_path: Path) -> None:
    # Valid JSON padded past the cap: read whole, it would parse as a signal stop.
    padded = '{"reason": "x", "signal": true}' + " " * MAX_RECORD_BYTES
    (tmp_path / EXIT_MARKER).write_text(padded)
    assert _read_guarded(tmp_path) is None
    (tmp_path / EXIT_MARKER).write_text(padded[:MAX_RECORD_BYTES])
    assert _read_guarded(tmp_path) == CapsuleExit("x", True)


def test_a_directory_for_a_marker_reads_as_none(tmp_path: Path) -> None:
    (tmp_path / EXIT_MARKER).mkdir()
    assert _read_guarded(tmp_path) is None


@pytest.mark.parametrize("target", ["/dev/zero", "elsewhere.json"])
def test_a_symlink_for_a_marker_reads_as_none(tmp_path: Path, target: str) -> None:
    # A link planted in the container resolves on the host: never followed.
    (tmp_path / "elsewhere.json").write_text('{"reason": "planted", "signal": true}')
    (tmp_path / EXIT_MARKER).symlink_to(tmp_path / target)
    assert _read_guarded(tmp_path) is None
