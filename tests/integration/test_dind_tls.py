"""A real DinD sidecar with jackin's TLS material: only its own client certificate gets in."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.dind import (
    DindPrivilegeMode,
    SidecarPrivileges,
    ensure_tls_material,
    probe_dind_privilege,
)
from jackin_sdk.docker import DockerApi
from tests.conftest import TEST_CONSTRUCT_IMAGE, TEST_DIND_IMAGE, require_image

pytestmark = pytest.mark.docker
LABEL = "jackin.test.dind=1"


def _docker(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["docker", *args], capture_output=True, text=True, check=check, timeout=120
    )


def _privilege_flags(engine: DockerApi) -> list[str]:
    probe = probe_dind_privilege(engine, TEST_DIND_IMAGE)
    if probe.recommended_mode is DindPrivilegeMode.PRIVILEGED:
        privileges = SidecarPrivileges.for_privileged()
    else:
        assert probe.recommended_mode is DindPrivilegeMode.CAPABILITIES, probe
        privileges = SidecarPrivileges.for_capabilities(probe.dropped_capabilities)
    flags = ["--privileged"] if privileges.privileged else []
    flags += [f"--cap-add={c}" for c in privileges.cap_add]
    flags += [f"--cap-drop={c}" for c in privileges.cap_drop]
    flags += [f"--security-opt={o}" for o in privileges.security_opt]
    return flags


@pytest.fixture
def sidecar(engine: DockerApi, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    require_image(engine, TEST_DIND_IMAGE)
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    base = f"jk-test-{uuid.uuid4().hex[:8]}"
    name, network = f"{base}-dind", f"{base}-net"
    material = ensure_tls_material(tmp_path, name)
    _docker("network", "create", "--label", LABEL, network)
    try:
        _docker(
            "run", "-d", "--name", name, "--label", LABEL, "--network", network,
            *_privilege_flags(engine),
            "-v", f"{material.server_dir}:/certs:ro",
            TEST_DIND_IMAGE,
            "dockerd", "--host", "tcp://0.0.0.0:2376", "--tlsverify",
            "--tlscacert", "/certs/ca.pem", "--tlscert", "/certs/cert.pem",
            "--tlskey", "/certs/key.pem", "--storage-driver", "vfs",
        )  # fmt: skip
        yield name, network, material.client_dir
    finally:
        _docker("rm", "-f", name, check=False)
        _docker("network", "rm", network, check=False)


def _client(network: str, sidecar: str, certs: Path) -> subprocess.CompletedProcess[str]:
    """`docker version` against the sidecar from a role-like container, as the host UID."""
    return _docker(
        "run", "--rm", "--label", LABEL, "--network", network, "--user", "0:0",
        "-v", f"{certs}:/certs:ro",
        "-e", f"DOCKER_HOST=tcp://{sidecar}:2376", "-e", "DOCKER_TLS_VERIFY=1",
        "-e", "DOCKER_CERT_PATH=/certs",
        TEST_CONSTRUCT_IMAGE, "docker", "version", "--format", "{{.Server.Version}}",
        check=False,
    )  # fmt: skip


def test_only_this_instances_client_certificate_is_accepted(
    sidecar: tuple[str, str, Path], tmp_path: Path
) -> None:
    name, network, client = sidecar
    deadline = time.monotonic() + 60
    result = _client(network, name, client)
    while result.returncode != 0 and time.monotonic() < deadline:
        time.sleep(0.5)
        result = _client(network, name, client)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()

    only_ca = tmp_path / "only-ca"
    only_ca.mkdir()
    (only_ca / "ca.pem").write_bytes((client / "ca.pem").read_bytes())
    refused = _client(network, name, only_ca)
    assert refused.returncode != 0

    other = ensure_tls_material(tmp_path / "other-instance", name)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "ca.pem").write_bytes((client / "ca.pem").read_bytes())
    for part in ("cert.pem", "key.pem"):
        (foreign / part).write_bytes((other.client_dir / part).read_bytes())
    refused = _client(network, name, foreign)
    assert refused.returncode != 0
    assert "certificate" in refused.stderr.lower()
