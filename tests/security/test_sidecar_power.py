"""What an agent can reach through its DinD sidecar (issue 17 item 8), on the real engine.

Each test proves one line of docs/security.md. The agent drives its sidecar: every probe
runs as the agent, in its role container, through the `docker` CLI and the instance's
mutual TLS; inside the sidecar it starts the most capable container its engine will run
(every capability the sidecar holds, seccomp and AppArmor off), as an attacker would.
Probes only look (`test -e`, `test -w`, `cat`, mounts inside a throwaway nested
container): nothing on the host is ever written.

Two instances share one jackin home; each has its own network and sidecar. That another
instance's client certificate is refused is tests/integration/test_dind_tls.py
(`test_only_this_instances_client_certificate_is_accepted`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jackin_sdk.dind import CLIENT_CERT_PATH, DIND_PORT, UNNEEDED_CAPABILITIES
from jackin_sdk.dind._privilege import _CAPABILITY_NAMES
from jackin_sdk.docker import DockerApi
from tests.conftest import (
    REQUIRE_DOCKER,
    TEST_CONSTRUCT_IMAGE,
    TEST_DIND_IMAGE,
    _engine_or_reason,
    require_image,
)
from tests.integration.launch_support import Home, docker, make_home

pytestmark = pytest.mark.docker

# The agent makes an image of its own tools (nothing can be pulled): its shell, `cat`,
# `ls`, `mkdir`, `mount` and `grep` with the libraries `ldd` names.
_AGENT_TOOLS = r"""
img=agent-made/tools:1
docker image inspect "$img" >/dev/null 2>&1 && exit 0
bins=""
for b in sh cat ls mkdir mount grep; do bins="$bins $(command -v "$b")"; done
tar -ch $bins $(ldd $bins | grep -o '/[^ ]*' | sort -u) 2>/dev/null \
  | docker import - "$img" >/dev/null
"""

# In a nested container: mount every cgroup hierarchy it belongs to afresh, as the classic
# `release_agent` escape does, and say what the top of each shows.
_FRESH_CGROUPS = r"""
while IFS=: read -r id ctrls path; do
  [ "$id" != 0 ] && [ -n "$ctrls" ] || continue
  case $ctrls in name=*) opts=none,$ctrls ;; *) opts=$ctrls ;; esac
  dir=/probe/${ctrls#name=}
  mkdir -p "$dir"
  mount -t cgroup -o "$opts" cgroup "$dir" 2>/dev/null || { echo "refused $ctrls"; continue; }
  echo "mounted $ctrls"
  [ -e "$dir/release_agent" ] && echo "release_agent $ctrls"
  [ -f "$dir/devices.list" ] && echo "devices top: $(cat "$dir/devices.list")"
done </proc/self/cgroup
"""

_FRESH_PROC = r"""
mkdir -p /probe/proc
mount -t proc proc /probe/proc || exit 3
[ -w /probe/proc/sys/kernel/core_pattern ] && echo "core_pattern writable"
exit 0
"""


@dataclass(frozen=True)
class _Instances:
    home: Home
    a: str
    b: str


@pytest.fixture(scope="module")
def instances(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Instances]:
    """Two loaded instances of the stand-in role, each with its DinD sidecar."""
    found = _engine_or_reason()
    if isinstance(found, str):
        if REQUIRE_DOCKER:
            pytest.fail(f"JACKIN_REQUIRE_DOCKER=1 but {found}")
        pytest.skip(found)
    require_image(found, TEST_CONSTRUCT_IMAGE)
    require_image(found, TEST_DIND_IMAGE)
    home = make_home(tmp_path_factory.mktemp("sidecar-power"), dind=True)
    try:
        a = home.jackin("load", "stand-in", "--detach").stdout.strip()
        b = home.jackin("load", "stand-in", "--detach").stdout.strip()
        yield _Instances(home, a, b)
    finally:
        home.cleanup()


def _inspect(name: str) -> dict[str, object]:
    done = docker("inspect", name, check=True)
    info: dict[str, object] = json.loads(done.stdout)[0]
    return info


def _agent(container: str, script: str, *args: str) -> tuple[int, str]:
    """`sh -c script` as the agent (the role container's user) in its role container."""
    done = docker("exec", container, "sh", "-c", script, "agent", *args)
    return done.returncode, done.stdout + done.stderr


def _nested(container: str, *run_args: str, capable: bool = True) -> tuple[int, str]:
    """`docker run` by the agent in its sidecar, of its own tools image: with `capable`,
    every capability the sidecar holds, seccomp and AppArmor off."""
    code, output = _agent(container, _AGENT_TOOLS)
    assert code == 0, output
    flags: list[str] = []
    if capable:
        host = _inspect(f"{container}-dind")["HostConfig"]
        assert isinstance(host, dict)
        flags = ["--cap-add", "ALL"]
        for cap in host.get("CapDrop") or ():
            flags += ["--cap-drop", cap]
        flags += ["--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined"]
    script = 'exec docker run --rm "$@"'
    return _agent(container, script, *flags, "agent-made/tools:1", *run_args)


def _bounding_set(status: str) -> set[str]:
    """The capability names of `CapBnd:` in a /proc/<pid>/status text."""
    line = next(line for line in status.splitlines() if line.startswith("CapBnd:"))
    mask = int(line.split()[1], 16)
    return {name for bit, name in enumerate(_CAPABILITY_NAMES) if mask >> bit & 1}


def test_no_host_engine_socket_reaches_the_role_container_or_the_sidecar(
    engine: DockerApi, instances: _Instances
) -> None:
    """The agent's engine is its sidecar, over TLS; the host engine is not mounted anywhere."""
    c = instances.a
    role, sidecar = _inspect(c), _inspect(f"{c}-dind")
    for info in (role, sidecar):
        mounts = info["Mounts"]
        assert isinstance(mounts, list)
        for mount in mounts:
            assert "docker.sock" not in mount["Source"], mount
            assert mount["Destination"] not in ("/var/run", "/run", "/var/run/docker.sock")
    sidecar_mounts = sidecar["Mounts"]
    assert isinstance(sidecar_mounts, list)
    assert [(m["Destination"], m["RW"]) for m in sidecar_mounts] == [("/jackin/dind-certs", False)]
    host = sidecar["HostConfig"]
    assert isinstance(host, dict)
    assert not host.get("PortBindings")
    assert not host.get("PublishAllPorts")

    sockets = "for s in /var/run/docker.sock /run/docker.sock; do [ -S $s ] && echo $s; done"
    code, output = _agent(c, f"{sockets}; echo $DOCKER_HOST")
    assert code == 0, output
    assert output.split() == [f"tcp://{c}-dind:{DIND_PORT}"]
    code, output = _agent(c, 'docker version --format "{{.Server.Version}}"')
    assert code == 0, output
    assert output.strip(), "the agent's engine answers: its sidecar's"


def test_the_role_container_mounts_only_its_own_instances_state(
    engine: DockerApi, instances: _Instances
) -> None:
    """Nothing of another instance is mounted: not its state, not its DinD certificates."""
    data = instances.home.data
    mounts = _inspect(instances.a)["Mounts"]
    assert isinstance(mounts, list)
    sources = [Path(m["Source"]) for m in mounts]
    assert not [s for s in sources if s.is_relative_to(data / instances.b)], sources
    client = next(m for m in mounts if m["Destination"] == CLIENT_CERT_PATH)
    assert Path(client["Source"]).is_relative_to(data / instances.a)
    assert client["RW"] is False


def test_an_instance_cannot_resolve_or_reach_another_instances_sidecar(
    engine: DockerApi, instances: _Instances
) -> None:
    a, b = instances.a, instances.b
    [(b_network, b_settings)] = _networks(f"{b}-dind").items()
    [(a_network, a_settings)] = _networks(f"{a}-dind").items()
    assert a_network != b_network
    reach = r"""
getent hosts "$1" >/dev/null && echo "resolves $1"
timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$2" "$3" 2>/dev/null && echo "reaches $2"
exit 0
"""
    port = str(DIND_PORT)
    _, own = _agent(a, reach, f"{a}-dind", a_settings["IPAddress"], port)
    assert own.split() == ["resolves", f"{a}-dind", "reaches", a_settings["IPAddress"]], own
    _, other = _agent(a, reach, f"{b}-dind", b_settings["IPAddress"], port)
    assert other.strip() == "", other


def _networks(container: str) -> dict[str, dict[str, str]]:
    settings = _inspect(container)["NetworkSettings"]
    assert isinstance(settings, dict)
    networks: dict[str, dict[str, str]] = settings["Networks"]
    return networks


def test_nested_containers_see_only_the_sidecars_own_cgroups(
    engine: DockerApi, instances: _Instances
) -> None:
    """No `release_agent` (host root on a cgroup v1 host), and no cgroup whose parent allows
    every device, even for the agent's most capable container.

    On a cgroup v1 host the sidecar's `dockerd` runs in a cgroup namespace whose top is a
    child `jackin-dind` of the sidecar's cgroup; fresh mounts show only that subtree. The
    `devices` cgroup at its top may be written by a root process with CAP_SYS_ADMIN, but
    the kernel grants a cgroup only what its parent allows: the sidecar's own cgroup,
    which has Docker's default device list (checked on the host, read only).
    """
    c = instances.a
    info = _inspect(f"{c}-dind")
    code, output = _nested(c, "sh", "-c", _FRESH_CGROUPS)
    assert code == 0, output
    if "mounted" not in output and Path("/sys/fs/cgroup/cgroup.controllers").exists():
        pytest.skip("a cgroup v2 host: no v1 hierarchy, no release_agent")
    assert "mounted pids" in output, output
    assert "release_agent" not in output, output
    assert "devices top: a *:* rwm" not in output, output

    state = info["State"]
    assert isinstance(state, dict)
    proc = Path(f"/proc/{state['Pid']}/cgroup")
    if not proc.exists():
        return  # the engine is not on this machine: the host side cannot be read
    devices = next(line.split(":", 2)[2] for line in proc.read_text().splitlines()
                   if line.split(":")[1] == "devices")  # fmt: skip
    assert devices.endswith("/jackin-dind"), devices
    parent = Path("/sys/fs/cgroup/devices") / devices.removesuffix("/jackin-dind").lstrip("/")
    if (parent / "devices.list").exists():
        assert "a *:* rwm" not in (parent / "devices.list").read_text().splitlines()


def test_the_sidecar_and_its_containers_lack_capabilities_that_act_on_the_host(
    engine: DockerApi, instances: _Instances
) -> None:
    """Kernel modules, raw I/O, the host clock, kexec, the kernel log, audit and
    `open_by_handle_at`: the sidecar holds none of them, so no container inside can."""
    c = instances.a
    if _inspect(f"{c}-dind")["HostConfig"]["Privileged"]:  # type: ignore[index]
        pytest.skip("a privileged sidecar holds every capability")
    sidecar = docker("exec", f"{c}-dind", "cat", "/proc/1/status", check=True).stdout
    assert not _bounding_set(sidecar) & set(UNNEEDED_CAPABILITIES)
    code, status = _nested(c, "cat", "/proc/self/status")
    assert code == 0, status
    held = _bounding_set(status)
    assert "SYS_ADMIN" in held  # the most capable container: the probe is not vacuous
    assert not held & set(UNNEEDED_CAPABILITIES), held & set(UNNEEDED_CAPABILITIES)
    for cap in ("SYS_MODULE", "SYS_TIME", "DAC_READ_SEARCH"):
        code, output = _nested(c, "--cap-add", cap, "true", capable=False)
        assert code != 0, f"a nested container got {cap}: {output}"


def test_the_agent_can_still_reach_the_host_kernel_through_a_fresh_proc(
    engine: DockerApi, instances: _Instances
) -> None:
    """Pinned fact, not a promise: the sidecar is host-root-equivalent. A nested container
    with CAP_SYS_ADMIN mounts its own /proc, and `/proc/sys/kernel/core_pattern`, which
    the kernel runs as host root when a process dumps core, is writable there (checked
    with `test -w`, never written). Only user namespaces would close this."""
    c = instances.a
    code, output = _nested(c, "sh", "-c", _FRESH_PROC, capable=False)
    assert code == 3, output  # a container with Docker's default capabilities cannot mount
    code, output = _nested(c, "sh", "-c", _FRESH_PROC)
    assert code == 0, output
    assert "core_pattern writable" in output
