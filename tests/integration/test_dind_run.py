"""The agent runs containers in its DinD sidecar, not only `docker version` (issue 18 item 2).

Nothing can be pulled here, so the agent makes its own image: a tarball of `/bin/echo`
and the libraries `ldd` names, fed to `docker import`.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from jackin_sdk.dind import (
    PRIVILEGE_CACHE_FILE,
    SidecarNotReady,
    ensure_tls_material,
    remove_instance_resources,
    sidecar_command,
    sidecar_privileges,
    start_sidecar,
)
from jackin_sdk.docker import Bind, ContainerSpec, DockerApi
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import InstanceResources, Ownership, ResourceKind, managed_labels
from tests.conftest import TEST_CONSTRUCT_IMAGE, TEST_DIND_IMAGE, require_image
from tests.integration.launch_support import docker, make_home

pytestmark = pytest.mark.docker
TEST_HOME = HomeIdentity(uuid.uuid4().hex, Path("/tmp/jackin-test-dind-run"))
_PROBES = {"jackin.managed": "true", "jackin.kind": "probe"}

_AGENT_RUNS_A_CONTAINER = r"""
set -e
img=agent-made/echo:1
files="/bin/echo $(ldd /bin/echo | grep -o '/[^ ]*')"
tar -ch $files 2>/dev/null | docker import - "$img" >/dev/null
docker run --rm "$img" /bin/echo "$1"
docker run --rm --network none "$img" /bin/echo "$1-no-network"
"""


def test_the_agent_imports_an_image_and_runs_it_in_its_sidecar(
    engine: DockerApi, tmp_path: Path
) -> None:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    require_image(engine, TEST_DIND_IMAGE)
    home = make_home(tmp_path, dind=True)
    token = f"nested-{uuid.uuid4().hex[:8]}"
    try:
        c = home.jackin("load", "stand-in", "--detach").stdout.strip()
        # `docker exec` without `--user` runs as the role container's user: the agent.
        ran = docker("exec", c, "sh", "-c", _AGENT_RUNS_A_CONTAINER, "agent", token)
        assert ran.returncode == 0, ran.stdout + ran.stderr
        assert ran.stdout.splitlines() == [token, f"{token}-no-network"]
        home.jackin("eject", c, "--purge")
        assert docker("inspect", f"{c}-dind").returncode != 0
        volumes = docker("volume", "ls", "-q", "--filter", f"label=jackin.role={c}")
        assert volumes.stdout.strip() == ""
    finally:
        home.cleanup()


def test_readiness_fails_when_the_engine_answers_but_cannot_run_containers(
    engine: DockerApi, tmp_path: Path
) -> None:
    """A sidecar started as before the fix (plain `dockerd`, read-only cgroups) is E010."""
    require_image(engine, TEST_DIND_IMAGE)
    resources = InstanceResources(f"jk-test-{uuid.uuid4().hex[:8]}")
    material = ensure_tls_material(tmp_path, resources.sidecar)
    cache = tmp_path / "cache.json"
    privileges = sidecar_privileges(engine, None, TEST_DIND_IMAGE, cache, home=TEST_HOME)
    if privileges.privileged:
        pytest.skip("privileged sidecars get writable cgroups: nothing to detect here")
    try:
        engine.create_network(
            resources.network, labels=managed_labels(resources.container, home=TEST_HOME)
        )
        engine.create_container(
            ContainerSpec(
                image=TEST_DIND_IMAGE,
                name=resources.sidecar,
                command=sidecar_command(),  # no cgroup set-up entrypoint
                labels=managed_labels(resources.container, ResourceKind.DIND, home=TEST_HOME),
                network=resources.network,
                binds=(Bind(str(material.server_dir), "/jackin/dind-certs", read_only=True),),
                cap_add=privileges.cap_add,
                cap_drop=privileges.cap_drop,
                security_opt=privileges.security_opt,
            )
        )
        engine.start_container(resources.sidecar)
        with pytest.raises(SidecarNotReady) as caught:
            start_sidecar(  # reuses the running sidecar, then probes it
                engine, resources, image=TEST_DIND_IMAGE, privileges=privileges,
                material=material, home=TEST_HOME,
            )  # fmt: skip
        assert "cannot run a container" in caught.value.reason
        assert "cgroup" in caught.value.reason
    finally:
        remove_instance_resources(engine, resources, Ownership(TEST_HOME.id))


def test_doctor_runs_a_container_inside_a_probe_sidecar(engine: DockerApi, tmp_path: Path) -> None:
    require_image(engine, TEST_DIND_IMAGE)
    home = make_home(tmp_path, dind=True)
    probes_before = {c.name for c in engine.list_containers(_PROBES)}
    done = home.jackin("doctor", "--format", "json", check=False)
    checks = {c["name"]: c for c in json.loads(done.stdout)["data"]}
    dind = checks["dind_privilege"]
    assert dind["status"] in ("ok", "warn"), dind
    assert dind["details"]["nested_image"] == TEST_DIND_IMAGE
    assert dind["details"]["nested_run"] == "ok"
    assert {c.name for c in engine.list_containers(_PROBES)} <= probes_before
    assert (home.root / "home" / "cache" / PRIVILEGE_CACHE_FILE).is_file()
