"""The extrausers rows name the operator's uid and gid inside the real construct.

CI runs as root, whose uid every image knows; the rows matter for everyone else, so the
container runs here as an arbitrary non-root uid and gid.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from jackin_sdk.launch._extrausers import GROUP_TARGET, PASSWD_TARGET, write_extrausers
from tests.conftest import TEST_CONSTRUCT_IMAGE, require_image

pytestmark = pytest.mark.docker

UID, GID = 4242, 4343


def _run(*mounts: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["docker", "run", "--rm", "--label", "jackin.test=1", "--user", f"{UID}:{GID}",
         "--group-add", "0", "-e", "HOME=/home/agent", *mounts, "--entrypoint", "sh",
         TEST_CONSTRUCT_IMAGE, "-c", f"id -un; id -gn; getent passwd {UID} | cut -d: -f1,6"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_host_uid_is_agent_and_its_gid_agent_host(engine: DockerApi, tmp_path: Path) -> None:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    files = write_extrausers(tmp_path / "extrausers", UID, GID)
    assert files is not None
    named = _run(
        "-v", f"{files.passwd}:{PASSWD_TARGET}:ro", "-v", f"{files.group}:{GROUP_TARGET}:ro"
    )
    assert named.returncode == 0, named.stderr
    assert named.stdout.splitlines() == ["agent", "agent-host", "agent:/home/agent"]


def test_without_the_rows_the_uid_has_no_name(engine: DockerApi) -> None:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    bare = _run()
    assert "agent" not in bare.stdout
    assert f"cannot find name for user ID {UID}" in bare.stderr
