"""`jackin-capsule status` without live sessions."""

from __future__ import annotations

import json
import subprocess

from tests.capsule.support import Capsule


def test_no_sessions(capsule: Capsule) -> None:
    human = capsule.run("status")
    assert (human.returncode, human.stdout) == (0, "Sessions: 0\n")
    machine = capsule.run("status", "--format", "json")
    assert machine.returncode == 0
    assert json.loads(machine.stdout) == {"schema_version": "v1", "sessions": []}


def test_stale_registrations_are_not_listed_and_get_removed(capsule: Capsule) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    folder = capsule.run_dir / "sessions"
    folder.mkdir(mode=0o700)
    stale = folder / f"{gone.pid}.json"
    stale.write_text(
        json.dumps(
            {
                "id": 4,
                "agent": None,
                "pid": gone.pid,
                "started": "2030-01-01T00:00:00.000+00:00",
                "headless": False,
            }
        )
    )
    assert capsule.run("status").stdout == "Sessions: 0\n"
    assert not stale.exists()
