"""A runaway agent meets its container's limits, not the host's (issue 17 item 7).

The reproduction: an agent forks without end (here a loop bounded by count and time, never
an unbounded fork bomb). Without a pids limit every fork succeeds until the host's process
table is full; with `[docker] pids_limit` (4096 when unset) the container's pids cgroup
refuses forks past the limit while the host keeps forking. `docker inspect` shows the
limits jackin asked for, on the role container and on its DinD sidecar.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jackin_sdk.docker import DockerApi
from jackin_sdk.limits import DEFAULT_PIDS_LIMIT
from tests.conftest import TEST_CONSTRUCT_IMAGE, TEST_DIND_IMAGE, require_image
from tests.integration.launch_support import Home, docker, make_home

pytestmark = pytest.mark.docker

MIB = 1024**2

# Bounded: at most 200 children, each sleeping 30 s at most, all killed and reaped before
# the script ends. Prints "<forked> <refused> <refusals the pids cgroup counted>".
_FORK_LOOP = r"""
import os, signal, time
def cgroup_refusals():
    for path in ("/sys/fs/cgroup/pids/pids.events", "/sys/fs/cgroup/pids.events"):
        if os.path.exists(path):
            return int(open(path).read().split()[-1])
    return -1
children, refused = [], 0
for _ in range(200):
    try:
        pid = os.fork()
    except OSError:
        refused += 1
        continue
    if pid == 0:
        time.sleep(30)
        os._exit(0)
    children.append(pid)
print(len(children), refused, cgroup_refusals())
for pid in children:
    os.kill(pid, signal.SIGKILL)
for pid in children:
    os.waitpid(pid, 0)
"""

# Touches 1 GiB, page by page: killed by the OOM killer under a smaller memory limit.
_ALLOCATE = "block = b'x' * (1024 * 1024 * 1024); print(len(block))"


def _home(tmp_path: Path, engine: DockerApi, docker_lines: str, *, dind: bool = False) -> Home:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    if dind:
        require_image(engine, TEST_DIND_IMAGE)
    home = make_home(tmp_path, dind=dind)
    config = home.root / "config" / "config.toml"
    config.write_text(config.read_text() + docker_lines)
    return home


@pytest.fixture
def limited(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    home = _home(tmp_path, engine, 'pids_limit = 64\nmemory = "256m"\ncpus = 1.5\n')
    try:
        yield home
    finally:
        home.cleanup()


def _host_config(container: str) -> dict[str, Any]:
    found = docker("inspect", "--format", "{{json .HostConfig}}", container)
    assert found.returncode == 0, found.stderr
    data: dict[str, Any] = json.loads(found.stdout)
    return data


def _limits(container: str) -> tuple[object, object, object]:
    host = _host_config(container)
    return host.get("PidsLimit"), host.get("Memory"), host.get("NanoCpus")


def test_a_fork_loop_stops_at_the_pids_limit_while_the_host_keeps_forking(
    limited: Home,
) -> None:
    dry = json.loads(limited.jackin("load", "stand-in", "--dry-run", "--format", "json").stdout)
    assert dry["data"]["limits"]["pids_limit"] == 64
    c = limited.jackin("load", "stand-in", "--detach").stdout.strip()
    assert _limits(c) == (64, 256 * MIB, 1_500_000_000)
    limited.wait_records(c, 1)  # the agent has started: its own forks are done

    ran = docker("exec", c, "python3", "-c", _FORK_LOOP)

    assert ran.returncode == 0, ran.stdout + ran.stderr
    forked, refused, counted = (int(n) for n in ran.stdout.split())
    assert forked < 64
    assert refused > 0
    assert forked + refused == 200
    assert counted >= refused  # the container's pids cgroup refused them, not the host
    # The host was never short of processes. (The container itself may not survive a
    # runaway agent: its PID 1 may need a fork exactly when none is left. That is contained.)
    host = subprocess.run(
        ["sh", "-c", "for i in 1 2 3 4 5 6 7 8; do true & done; wait"], check=False, timeout=30
    )
    assert host.returncode == 0
    limited.jackin("eject", c, "--purge")
    assert docker("inspect", c).returncode != 0


def test_memory_past_the_limit_is_the_containers_problem(limited: Home) -> None:
    c = limited.jackin("load", "stand-in", "--detach").stdout.strip()
    limited.wait_records(c, 1)

    ran = docker("exec", c, "python3", "-c", _ALLOCATE)

    assert ran.returncode == 137, ran.stdout + ran.stderr  # SIGKILL from the OOM killer
    limited.jackin("eject", c, "--purge")


def test_unset_the_pids_default_applies_and_a_workspace_lifts_it(
    engine: DockerApi, tmp_path: Path
) -> None:
    home = _home(tmp_path, engine, "")
    workspaces = home.root / "config" / "workspaces"
    workspaces.mkdir()
    (workspaces / "app.toml").write_text(
        'version = "v1alpha10"\nworkdir = "/work/app"\n\n'
        f'[[mounts]]\nsrc = "{home.project}"\ndst = "/work/app"\n\n'
        "[docker]\npids_limit = 0\n"
    )
    try:
        c = home.jackin("load", "stand-in", "--detach").stdout.strip()
        assert _limits(c) == (DEFAULT_PIDS_LIMIT, 0, 0)  # the engine's 0: no limit
        lifted = home.jackin("load", "stand-in", "app", "--detach").stdout.strip()
        assert _limits(lifted) == (None, 0, 0)
        for each in (c, lifted):
            home.jackin("eject", each, "--purge")
    finally:
        home.cleanup()


# The agent makes an image of `sh` and `sleep` (nothing can be pulled) and, in a nested
# container, starts 400 sleeps of 20 s at most: bounded by count and time, and all killed
# with the nested container when its `sh` ends. dash stops at the first refused fork.
_NESTED_FORK_LOOP = r"""
img=agent-made/sh:1
files="/bin/sh /bin/sleep $(ldd /bin/sh /bin/sleep | grep -o '/[^ ]*' | sort -u)"
tar -ch $files 2>/dev/null | docker import - "$img" >/dev/null || exit 3
docker run --rm --network none "$img" /bin/sh -c \
  'i=0; while [ $i -lt 400 ]; do i=$((i+1)); /bin/sleep 20 & done; echo "started $i"' 2>&1
exit 0
"""


def test_the_dind_sidecar_gets_the_same_limits(engine: DockerApi, tmp_path: Path) -> None:
    home = _home(tmp_path, engine, 'pids_limit = 1024\nmemory = "2g"\n', dind=True)
    try:
        c = home.jackin("load", "stand-in", "--detach").stdout.strip()
        assert _limits(c) == (1024, 2048 * MIB, 0)
        assert _limits(f"{c}-dind") == (1024, 2048 * MIB, 0)
        home.jackin("eject", c, "--purge")
        assert docker("inspect", f"{c}-dind").returncode != 0
    finally:
        home.cleanup()


def test_the_agents_nested_containers_are_bounded_by_the_sidecars_pids_limit(
    engine: DockerApi, tmp_path: Path
) -> None:
    """The sidecar's nested engine puts its containers under the sidecar's own cgroup: on
    a cgroup v1 host they were made at the host's top, where no limit of ours reached."""
    home = _home(tmp_path, engine, "pids_limit = 256\n", dind=True)
    try:
        c = home.jackin("load", "stand-in", "--detach").stdout.strip()

        ran = docker("exec", c, "sh", "-c", _NESTED_FORK_LOOP)

        assert ran.returncode == 0, ran.stdout + ran.stderr
        assert "started 400" not in ran.stdout
        assert "Cannot fork" in ran.stdout
        assert docker("exec", c, "docker", "version").returncode == 0  # the engine survived
        home.jackin("eject", c, "--purge")
    finally:
        home.cleanup()
