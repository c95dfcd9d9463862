"""`hardline --inspect` (`inspect_instance`): from the engine, or, when it does not
answer, from the named instance's manifest alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.docker import ContainerSpec, DockerApi
from jackin_sdk.errors import DockerUnavailable, UsageError
from jackin_sdk.flows import inspect_instance
from jackin_sdk.instances import InstanceStore
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker


def _down() -> DockerApi:
    raise DockerUnavailable("unix:///nope.sock", "connection refused")


def test_without_the_engine_the_named_instance_is_reported_from_its_state(
    jackin_paths: JackinPaths, tmp_path: Path
) -> None:
    store = InstanceStore(jackin_paths)
    with pytest.raises(UsageError, match=r"^name the instance to inspect while Docker"):
        inspect_instance(_down, store, None, cwd=tmp_path)
    with pytest.raises(UsageError, match=r"^no instance matches agent-smith$"):
        inspect_instance(_down, store, "agent-smith", cwd=tmp_path)
    lines = inspect_instance(_down, store, "jk-agent-smith", cwd=tmp_path)
    assert lines[0] == "Instance: jk-agent-smith"
    assert "Manifest: missing" in lines
    assert "Role container: jk-agent-smith (Docker unavailable)" in lines


def test_with_the_engine_the_container_state_is_read(
    jackin_paths: JackinPaths, tmp_path: Path
) -> None:
    docker = FakeDocker(images=["img"])
    docker.create_container(ContainerSpec(image="img", name="jk-agent-smith"))
    lines = inspect_instance(
        lambda: docker, InstanceStore(jackin_paths), "jk-agent-smith", cwd=tmp_path
    )
    assert lines[0] == "Instance: jk-agent-smith"
    assert not any("Docker unavailable" in line for line in lines)
