"""The doctor's DinD check: a fresh probe, then a container must run inside a sidecar."""

from __future__ import annotations

import json

from jackin_sdk.dind import PRIVILEGE_CACHE_FILE, engine_key
from jackin_sdk.dind._privilege import PrivilegeProbe
from jackin_sdk.dind._privilege_cache import read_cached_probe, write_cached_probe
from jackin_sdk.docker import ExecResult
from jackin_sdk.doctor import CheckResult, CheckStatus, run_doctor
from jackin_sdk.paths import JackinPaths, home_identity
from jackin_sdk.resources import probe_labels
from jackin_sdk.testing import FakeDocker, FakeDockerHost, FakeExec

NOW = 1_790_000_000.0
DIND = "docker:29-dind"
CGROUP_ERROR = (
    "docker: Error response from daemon: failed to create shim task: OCI runtime create "
    "failed: runc create failed: unable to start container process: unable to apply cgroup "
    "configuration: mkdir /sys/fs/cgroup/cpuset/docker: read-only file system: unknown.\n"
    "See 'docker run --help'.\n"
)


def _cannot_run(call: FakeExec) -> ExecResult:
    if call.argv[0] == "docker":
        return ExecResult(0, "20.10.24\n")
    return ExecResult(125, CGROUP_ERROR)


def _doctor(
    paths: JackinPaths, docker: FakeDocker, env: dict[str, str] | None = None
) -> CheckResult:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.home_dir.mkdir(parents=True, exist_ok=True)
    return run_doctor(paths, docker, env=env or {}, now=NOW).get("dind_privilege")


def test_a_container_runs_inside_a_probe_sidecar_that_is_removed(
    jackin_paths: JackinPaths,
) -> None:
    docker = FakeDocker(images=[DIND])
    check = _doctor(jackin_paths, docker)
    assert check.status is CheckStatus.OK
    assert check.details["nested_run"] == "ok"
    assert check.details["nested_image"] == DIND
    assert [call.argv[0] for call in docker.execs] == ["docker", "sh"]
    sidecar = docker.execs[0].container
    home = home_identity(jackin_paths.home_dir)
    assert home is not None
    assert sidecar.labels == probe_labels(home)
    assert sidecar.spec is not None
    assert sidecar.spec.privileged
    assert docker.containers == {}


def test_capabilities_mode_whose_sidecar_cannot_run_containers_fails(
    jackin_paths: JackinPaths,
) -> None:
    docker = FakeDocker(
        images=[DIND],
        host=FakeDockerHost(frozenset({"SYS_RESOURCE"})),
        exec_handler=_cannot_run,
    )
    check = _doctor(jackin_paths, docker)
    assert check.status is CheckStatus.FAIL
    message = check.message
    assert "capabilities mode starts, but containers cannot run inside it" in message
    assert "read-only file system" in message
    assert "dind = false" in str(check.hint)
    assert check.details["recommended_mode"] == "capabilities"
    assert "read-only file system" in str(check.details["nested_run"])
    assert docker.containers == {}


def test_the_doctor_probes_afresh_and_refreshes_the_launch_cache(
    jackin_paths: JackinPaths,
) -> None:
    docker = FakeDocker(images=[DIND], host=FakeDockerHost(frozenset({"SYS_RESOURCE"})))
    cache = jackin_paths.cache_dir / PRIVILEGE_CACHE_FILE
    stale = PrivilegeProbe(DIND, True, None, False, (), None)  # says privileged works
    write_cached_probe(cache, engine_key(docker), stale)

    check = _doctor(jackin_paths, docker)
    assert check.status is CheckStatus.WARN
    assert "capabilities mode works" in check.message
    assert docker.runs, "probed, not read from the cache"
    fresh = read_cached_probe(cache, engine_key(docker))
    assert fresh is not None
    assert fresh.capabilities_mode_works
    assert not fresh.privileged_works
    assert json.loads(cache.read_text())["format"] == 1


def test_the_configured_dind_image_is_the_one_checked(jackin_paths: JackinPaths) -> None:
    jackin_paths.config_dir.mkdir(parents=True)
    jackin_paths.config_file.write_text(
        'version = "v1alpha10"\n\n[docker]\ndind_image = "mine/dind:1"\n'
    )
    docker = FakeDocker(images=[DIND, "mine/dind:1"])
    check = _doctor(jackin_paths, docker, env={"JACKIN_DIND_IMAGE": DIND})
    assert check.details["nested_image"] == "mine/dind:1"
    assert check.details["image"] == "mine/dind:1"


def test_without_the_dind_image_the_nested_run_is_not_checked(jackin_paths: JackinPaths) -> None:
    docker = FakeDocker(images=["projectjackin/construct:trixie"])
    check = _doctor(jackin_paths, docker)
    assert check.status is CheckStatus.OK
    assert check.details["image"] == "projectjackin/construct:trixie"
    assert "not present locally" in str(check.details["nested_run"])
    assert docker.execs == []
