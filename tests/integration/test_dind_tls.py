"""A real DinD sidecar started by the SDK: only its own instance's client certificate gets in."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jackin_sdk.dind import (
    CLIENT_CERT_PATH,
    DindPrivilegeMode,
    ReadinessPolicy,
    SidecarEndpoint,
    SidecarNotReady,
    SidecarPrivileges,
    ensure_tls_material,
    probe_dind_privilege,
    remove_instance_resources,
    start_sidecar,
)
from jackin_sdk.docker import Bind, ContainerSpec, DockerApi, Stopped
from jackin_sdk.errors import ErrorCode
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import InstanceResources, Ownership, ResourceKind, managed_labels
from tests.conftest import TEST_CONSTRUCT_IMAGE, TEST_DIND_IMAGE, require_image

pytestmark = pytest.mark.docker
LABEL = {"jackin.test.dind": "1"}
TEST_HOME = HomeIdentity(uuid.uuid4().hex, Path("/tmp/jackin-test-dind-tls"))
OWNERS = Ownership(TEST_HOME.id)


@dataclass(frozen=True)
class _Sidecar:
    resources: InstanceResources
    endpoint: SidecarEndpoint
    client_dir: Path


def _privileges(engine: DockerApi) -> SidecarPrivileges:
    probe = probe_dind_privilege(engine, TEST_DIND_IMAGE, home=TEST_HOME)
    if probe.recommended_mode is DindPrivilegeMode.PRIVILEGED:
        return SidecarPrivileges.for_privileged()
    assert probe.recommended_mode is DindPrivilegeMode.CAPABILITIES, probe
    return SidecarPrivileges.for_capabilities(probe.dropped_capabilities)


@pytest.fixture
def sidecar(engine: DockerApi, tmp_path: Path) -> Iterator[_Sidecar]:
    require_image(engine, TEST_DIND_IMAGE)
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    resources = InstanceResources(f"jk-test-{uuid.uuid4().hex[:8]}")
    material = ensure_tls_material(tmp_path, resources.sidecar)
    try:
        endpoint = start_sidecar(
            engine,
            resources,
            image=TEST_DIND_IMAGE,
            privileges=_privileges(engine),
            material=material,
            home=TEST_HOME,
        )
        yield _Sidecar(resources, endpoint, material.client_dir)
    finally:
        remove_instance_resources(engine, resources, OWNERS)


def _client(engine: DockerApi, sidecar: _Sidecar, certs: Path) -> tuple[int, str]:
    """`docker version` against the sidecar from a role-like container, as root."""
    name = f"{sidecar.resources.container}-client-{uuid.uuid4().hex[:6]}"
    spec = ContainerSpec(
        image=TEST_CONSTRUCT_IMAGE,
        name=name,
        entrypoint=("docker", "version", "--format", "{{.Server.Version}}"),
        env=sidecar.endpoint.env,
        labels=LABEL,
        network=sidecar.endpoint.network,
        binds=(Bind(str(certs), CLIENT_CERT_PATH, read_only=True),),
        user="0:0",
    )
    engine.create_container(spec)
    try:
        engine.start_container(name)
        deadline = time.monotonic() + 60
        state = engine.inspect_container_state(name)
        while not isinstance(state, Stopped) and time.monotonic() < deadline:
            time.sleep(0.1)
            state = engine.inspect_container_state(name)
        assert isinstance(state, Stopped), state
        return state.exit_code, engine.container_logs(name)
    finally:
        engine.remove_container(name)


def test_the_sidecar_is_labelled_on_its_network_and_ready(
    engine: DockerApi, sidecar: _Sidecar
) -> None:
    names = sidecar.resources
    info = engine.inspect_container(names.sidecar)
    assert (
        managed_labels(names.container, ResourceKind.DIND, home=TEST_HOME).items()
        <= info.labels.items()
    )
    assert sidecar.endpoint.network == names.network
    assert names.network in {
        n.name for n in engine.list_networks(managed_labels(names.container, home=TEST_HOME))
    }
    assert sidecar.endpoint.binds == (
        Bind(str(sidecar.client_dir), CLIENT_CERT_PATH, read_only=True),
    )
    probe = engine.exec_capture(names.sidecar, ["docker", "version", "--format", "{{.Server.Os}}"])
    assert (probe.exit_code, probe.output.strip()) == (0, "linux")


def test_only_this_instances_client_certificate_is_accepted(
    engine: DockerApi, sidecar: _Sidecar, tmp_path: Path
) -> None:
    client = sidecar.client_dir
    code, output = _client(engine, sidecar, client)  # ready means ready: no retry
    assert code == 0, output
    version = output.strip()
    assert version

    only_ca = tmp_path / "only-ca"
    only_ca.mkdir()
    (only_ca / "ca.pem").write_bytes((client / "ca.pem").read_bytes())
    _assert_refused(*_client(engine, sidecar, only_ca), version=version)

    other = ensure_tls_material(tmp_path / "other-instance", sidecar.resources.sidecar)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "ca.pem").write_bytes((client / "ca.pem").read_bytes())
    for part in ("cert.pem", "key.pem"):
        (foreign / part).write_bytes((other.client_dir / part).read_bytes())
    _assert_refused(*_client(engine, sidecar, foreign), version=version)


def _assert_refused(code: int, output: str, *, version: str) -> None:
    """The engine refused the client: it failed and never learned the server's version.

    The refusal's wording is the TLS stack's and varies with timing (`bad certificate`,
    or `connection reset by peer` when the server closes first), so only the outcome
    is asserted.
    """
    assert code != 0, output
    assert version not in output, output


def test_a_restart_reuses_the_stopped_sidecar(
    engine: DockerApi, sidecar: _Sidecar, tmp_path: Path
) -> None:
    names = sidecar.resources
    first = engine.inspect_container(names.sidecar).id
    engine.stop_container(names.sidecar, timeout=5)
    material = ensure_tls_material(tmp_path, names.sidecar)  # reused, not regenerated

    start_sidecar(
        engine,
        names,
        image=TEST_DIND_IMAGE,
        privileges=_privileges(engine),
        material=material,
        home=TEST_HOME,
    )
    assert engine.inspect_container(names.sidecar).id == first
    code, output = _client(engine, sidecar, sidecar.client_dir)
    assert code == 0, output


def test_a_sidecar_without_privileges_fails_with_e010_and_its_logs(
    engine: DockerApi, tmp_path: Path
) -> None:
    require_image(engine, TEST_DIND_IMAGE)
    resources = InstanceResources(f"jk-test-{uuid.uuid4().hex[:8]}")
    material = ensure_tls_material(tmp_path, resources.sidecar)
    try:
        with pytest.raises(SidecarNotReady) as caught:
            start_sidecar(
                engine,
                resources,
                image=TEST_DIND_IMAGE,
                privileges=SidecarPrivileges(),
                material=material,
                home=TEST_HOME,
                readiness=ReadinessPolicy(attempts=20, first_interval=0.2, max_interval=0.5),
            )
        assert caught.value.code is ErrorCode.E010
        assert caught.value.logs.strip(), "the sidecar's last log lines are in the error"
        assert caught.value.logs.strip() in str(caught.value)
    finally:
        assert remove_instance_resources(engine, resources, OWNERS) == [
            resources.sidecar,
            resources.network,
        ]
