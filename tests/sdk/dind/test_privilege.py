from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.dind import (
    DindPrivilegeMode,
    SidecarPrivileges,
    local_refused_capabilities,
    probe_dind_privilege,
    select_probe_image,
)
from jackin_sdk.docker import RunOutcome, RunSpec
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import probe_labels
from jackin_sdk.testing import FakeDocker, FakeDockerHost

IMAGE = "docker:dind"
HOME = HomeIdentity("a" * 32, Path("/homes/a"))


def test_privileged_host() -> None:
    docker = FakeDocker(images=[IMAGE])
    probe = probe_dind_privilege(docker, IMAGE, home=HOME, local_guess=())
    assert probe.privileged_works
    assert probe.recommended_mode is DindPrivilegeMode.PRIVILEGED
    assert len(docker.runs) == 1
    assert docker.runs[0].privileged
    assert docker.runs[0].user == "0"
    assert dict(docker.runs[0].labels) == probe_labels(HOME)  # GC and prune find leftovers
    assert docker.containers == {}


def test_host_refusing_sys_resource_uses_capabilities_mode() -> None:
    docker = FakeDocker(images=[IMAGE], host=FakeDockerHost(frozenset({"SYS_RESOURCE"})))
    probe = probe_dind_privilege(docker, IMAGE, home=HOME, local_guess=("SYS_RESOURCE",))
    assert not probe.privileged_works
    assert probe.privileged_error is not None
    assert "unable to apply caps" in probe.privileged_error
    assert probe.capabilities_mode_works
    assert probe.dropped_capabilities == ("SYS_RESOURCE",)
    assert probe.recommended_mode is DindPrivilegeMode.CAPABILITIES
    caps_run = docker.runs[-1]
    assert caps_run.cap_add == ("ALL",)
    assert caps_run.cap_drop == ("SYS_RESOURCE",)
    assert set(caps_run.security_opt) == {"seccomp=unconfined", "apparmor=unconfined"}


def test_without_a_local_guess_commonly_refused_caps_are_dropped_cumulatively() -> None:
    host = FakeDockerHost(frozenset({"SYS_RESOURCE", "SYS_TIME"}))
    docker = FakeDocker(images=[IMAGE], host=host)
    probe = probe_dind_privilege(docker, IMAGE, home=HOME, local_guess=())
    assert probe.capabilities_mode_works
    assert set(probe.dropped_capabilities) >= {"SYS_RESOURCE", "SYS_TIME"}


def test_nothing_works() -> None:
    def mount_denied(spec: RunSpec) -> RunOutcome:
        del spec
        return RunOutcome(exit_code=32, output="mount: permission denied\n")

    docker = FakeDocker(
        images=[IMAGE],
        host=FakeDockerHost(frozenset({"SYS_RESOURCE"})),
        run_handler=mount_denied,
    )
    probe = probe_dind_privilege(docker, IMAGE, home=HOME, local_guess=())
    assert probe.recommended_mode is None
    assert probe.capabilities_error == "probe exited 32: mount: permission denied"
    assert docker.containers == {}


def test_sidecar_privileges() -> None:
    assert SidecarPrivileges.for_privileged().privileged
    caps = SidecarPrivileges.for_capabilities(["SYS_RESOURCE"])
    assert (caps.privileged, caps.cap_add, caps.cap_drop) == (False, ("ALL",), ("SYS_RESOURCE",))


def test_local_refused_capabilities_reads_the_bounding_set(tmp_path: Path) -> None:
    status = tmp_path / "status"
    status.write_text("Name:\tx\nCapBnd:\t000001fffeffffff\n")
    assert local_refused_capabilities(status) == ("SYS_RESOURCE",)
    status.write_text("CapBnd:\t000001ffffffffff\n")
    assert local_refused_capabilities(status) == ()
    assert local_refused_capabilities(tmp_path / "missing") == ()


@pytest.mark.parametrize(
    ("env", "images", "expected"),
    [
        ({"JACKIN_DIND_IMAGE": "mine/dind:1"}, ["mine/dind:1", "docker:dind"], "mine/dind:1"),
        ({}, ["docker:29-dind", "projectjackin/construct:trixie"], "docker:29-dind"),
        ({}, ["projectjackin/construct:trixie", "zzz:1"], "projectjackin/construct:trixie"),
        ({}, ["alpine:3"], "alpine:3"),
        ({}, [], None),
    ],
)
def test_select_probe_image(env: dict[str, str], images: list[str], expected: str | None) -> None:
    assert select_probe_image(FakeDocker(images=images), env) == expected
