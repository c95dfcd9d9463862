from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.paths import JackinPaths

PER_WRITER = 15

_WRITER = """
import sys
from pathlib import Path
from jackin_sdk.instances import InstanceDockerNames, InstanceManifest
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.paths import JackinPaths

home, writer, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = InstanceStore(JackinPaths(config_dir=home / "config", home_dir=home))
sys.stdout.write("ready\\n")
sys.stdout.flush()
sys.stdin.readline()
for n in range(count):
    container = f"jk-{writer * 6}{n:02d}-proj-agentsmith"
    store.write_manifest(
        InstanceManifest(
            container_base=container,
            workspace_label="proj",
            workdir="/workspace/proj",
            host_workdir_fingerprint="sha256:0",
            role_key="agent-smith",
            display_name="Agent Smith",
            agent_runtime="claude",
            role_source_git="https://example.invalid/role.git",
            image_tag="jk_agent-smith:abc1234",
            docker=InstanceDockerNames.for_container(container, dind=False),
        )
    )
    store.set_status(container, InstanceStatus.RUNNING)
"""


def test_two_processes_writing_at_once_keep_every_row(tmp_path: Path) -> None:
    home = tmp_path / "home"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(home), letter, str(PER_WRITER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for letter in ("a", "b")
    ]
    for proc in writers:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    for proc in writers:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in writers:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err

    store = InstanceStore(JackinPaths(config_dir=tmp_path / "config", home_dir=home))
    rows = store.index()
    assert len(rows) == 2 * PER_WRITER
    assert {row.status for row in rows} == {InstanceStatus.RUNNING}
    document = json.loads(store.paths.instances_index.read_text())
    assert document["version"] == 1
    assert sorted(r["container_base"] for r in document["instances"]) == sorted(
        f"jk-{letter * 6}{n:02d}-proj-agentsmith" for letter in "ab" for n in range(PER_WRITER)
    )
    assert store.rebuild_index() == rows
    assert not list(store.paths.data_dir.glob("*.tmp.*"))
