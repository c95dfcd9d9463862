"""Volumes on FakeDocker and on the engine: create, list by label, binds, in use."""

from __future__ import annotations

import pytest

from jackin_sdk.docker import Bind, DockerApi, DockerInUse, VolumeSummary
from tests.contract.support import LABEL, Scratch, assert_created_just_now


def test_volume_lifecycle(docker: DockerApi, scratch: Scratch) -> None:
    name = scratch.name("vol")
    docker.create_volume(name, labels=LABEL)
    assert VolumeSummary(name=name, labels=LABEL) in docker.list_volumes(LABEL)
    assert name not in {v.name for v in docker.list_volumes({**LABEL, "jackin.test.no": "1"})}

    docker.create_volume(name, labels=LABEL)  # an existing volume is kept as it is
    assert [v.name for v in docker.list_volumes(LABEL)].count(name) == 1

    assert docker.remove_volume(name) is True
    assert name not in {v.name for v in docker.list_volumes()}
    assert docker.remove_volume(name) is False


def test_a_volume_is_in_use_while_any_container_mounts_it(
    docker: DockerApi, scratch: Scratch
) -> None:
    name = scratch.name("mounted")
    docker.create_volume(name, labels=LABEL)
    container = scratch.name("user")
    spec = scratch.spec(container, binds=(Bind(name, "/data", read_only=True),))
    docker.create_container(spec)  # created, never started: the volume is still in use

    with pytest.raises(DockerInUse):
        docker.remove_volume(name)
    assert name in {v.name for v in docker.list_volumes(LABEL)}

    assert docker.remove_container(container)
    assert docker.remove_volume(name) is True


def test_binding_a_named_volume_creates_it(docker: DockerApi, scratch: Scratch) -> None:
    name = scratch.name("implicit")
    container = scratch.name("binder")
    spec = scratch.spec(container, binds=(Bind(name, "/data"),))
    docker.create_container(spec)

    assert VolumeSummary(name=name, labels={}) in docker.list_volumes()
    with pytest.raises(DockerInUse):
        docker.remove_volume(name)
    assert docker.remove_container(container)
    assert docker.remove_volume(name) is True


def test_a_listed_volume_carries_its_creation_time(docker: DockerApi, scratch: Scratch) -> None:
    name = scratch.name("born")
    docker.create_volume(name, labels=LABEL)
    listed = {v.name: v for v in docker.list_volumes(LABEL)}
    assert_created_just_now(listed[name].created)
