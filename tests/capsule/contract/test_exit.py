"""`capsule-exit.json`: how the daemon ended, read back by the host (`CapsuleExit`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jackin_capsule.contract import EXIT_MARKER, CapsuleExit


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
