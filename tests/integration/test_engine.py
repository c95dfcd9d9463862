"""The real engine: error mapping, the DinD privilege probe and `jackin doctor`."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from jackin_sdk.dind import DindPrivilegeMode, probe_dind_privilege
from jackin_sdk.docker import DockerApi, EngineDocker
from jackin_sdk.doctor import CheckStatus, run_doctor
from jackin_sdk.errors import DockerUnavailable
from jackin_sdk.paths import HomeIdentity, JackinPaths
from jackin_sdk.resources import probe_labels
from tests.conftest import TEST_DIND_IMAGE, require_image

pytestmark = pytest.mark.docker


def test_missing_socket_is_e001_naming_it(engine: DockerApi) -> None:
    del engine  # only here to put the test in the Docker tier
    broken = EngineDocker(env={"DOCKER_HOST": "unix:///nonexistent/jackin.sock"})
    with broken, pytest.raises(DockerUnavailable) as caught:
        broken.ping()
    assert caught.value.endpoint == "unix:///nonexistent/jackin.sock"
    assert "/nonexistent/jackin.sock does not exist" in caught.value.reason


def test_refused_tcp_endpoint_is_e001(engine: DockerApi) -> None:
    del engine
    broken = EngineDocker(env={"DOCKER_HOST": "tcp://127.0.0.1:1"}, timeout=5)
    with broken, pytest.raises(DockerUnavailable) as caught:
        broken.server_version()
    assert caught.value.endpoint == "tcp://127.0.0.1:1"


def test_probe_finds_a_working_mode(engine: DockerApi) -> None:
    require_image(engine, TEST_DIND_IMAGE)
    home = HomeIdentity(uuid.uuid4().hex, Path("/tmp/jackin-test-engine"))
    probe = probe_dind_privilege(engine, TEST_DIND_IMAGE, home=home)
    assert probe.recommended_mode is not None, probe
    if probe.privileged_works:
        assert probe.recommended_mode is DindPrivilegeMode.PRIVILEGED
    else:
        assert probe.privileged_error is not None
        assert probe.capabilities_mode_works
        assert probe.recommended_mode is DindPrivilegeMode.CAPABILITIES
    assert engine.list_containers(probe_labels(home)) == []


def test_doctor_against_the_engine(engine: DockerApi, jackin_paths: JackinPaths) -> None:
    require_image(engine, TEST_DIND_IMAGE)
    jackin_paths.ensure_base_dirs()
    report = run_doctor(jackin_paths, engine, env={"JACKIN_DIND_IMAGE": TEST_DIND_IMAGE})
    assert not report.failed, report.failed
    assert report.get("docker_daemon").status is CheckStatus.OK
    assert report.get("docker_version").message.startswith("Docker server ")
    dind = report.get("dind_privilege")
    assert dind.status in {CheckStatus.OK, CheckStatus.WARN}
    assert dind.details["image"] == TEST_DIND_IMAGE


def test_jackin_doctor_json_end_to_end(engine: DockerApi, jackin_paths: JackinPaths) -> None:
    require_image(engine, TEST_DIND_IMAGE)
    jackin = Path(sys.executable).with_name("jackin")
    result = subprocess.run(
        [jackin, "doctor", "--format", "json"], capture_output=True, text=True, check=True
    )
    document = json.loads(result.stdout)
    rows = {row["name"]: row for row in document["data"]}
    assert rows["docker_daemon"]["status"] == "ok"
    assert rows["dind_privilege"]["details"]["recommended_mode"] in {"privileged", "capabilities"}
    assert jackin_paths.config_dir.as_posix() in rows["config_dir"]["message"]
