"""Networks on FakeDocker and on the engine: create, conflict, list by label, in use."""

from __future__ import annotations

import pytest

from jackin_sdk.docker import (
    DockerApi,
    DockerConflict,
    DockerError,
    DockerInUse,
    DockerNotFound,
    NetworkSummary,
)
from tests.contract.support import LABEL, Scratch, assert_created_just_now


def test_network_lifecycle(docker: DockerApi, scratch: Scratch) -> None:
    name = scratch.name("net")
    assert not docker.network_exists(name)

    assert docker.create_network(name, labels=LABEL)
    assert docker.network_exists(name)
    with pytest.raises(DockerConflict):
        docker.create_network(name, labels=LABEL)
    assert NetworkSummary(name=name, labels=LABEL) in docker.list_networks(LABEL)
    assert name not in {n.name for n in docker.list_networks({**LABEL, "jackin.test.no": "1"})}

    assert docker.remove_network(name) is True
    assert not docker.network_exists(name)
    assert docker.remove_network(name) is False


def test_a_predefined_network_cannot_be_removed(docker: DockerApi) -> None:
    # The engine refuses with 403, which is neither "missing" nor "in use".
    with pytest.raises(DockerError, match="pre-defined network") as caught:
        docker.remove_network("bridge")
    assert type(caught.value) is DockerError
    assert docker.network_exists("bridge")


def test_an_internal_network(docker: DockerApi, scratch: Scratch) -> None:
    name = scratch.name("internal")
    docker.create_network(name, labels=LABEL, internal=True)
    assert docker.network_exists(name)


def test_a_network_is_in_use_while_a_running_container_is_on_it(
    docker: DockerApi, scratch: Scratch
) -> None:
    name = scratch.name("busy")
    docker.create_network(name, labels=LABEL)
    container = scratch.name("member")
    spec = scratch.spec(container, network=name)
    docker.create_container(spec)
    docker.start_container(container)

    with pytest.raises(DockerInUse):
        docker.remove_network(name)
    assert docker.network_exists(name)

    assert docker.remove_container(container)
    assert docker.remove_network(name) is True


def test_a_stopped_container_does_not_hold_its_network(docker: DockerApi, scratch: Scratch) -> None:
    name = scratch.name("released")
    docker.create_network(name, labels=LABEL)
    container = scratch.name("stopped")
    spec = scratch.spec(container, network=name)
    docker.create_container(spec)
    docker.start_container(container)
    docker.stop_container(container, timeout=0)

    assert docker.remove_network(name) is True


def test_starting_on_a_missing_network_is_not_found(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("lost")
    spec = scratch.spec(container, network=scratch.name("never-created"))

    def create_and_start() -> None:  # newer engines refuse at create, older ones at start
        docker.start_container(docker.create_container(spec))

    with pytest.raises(DockerNotFound):
        create_and_start()


def test_a_listed_network_carries_its_creation_time(docker: DockerApi, scratch: Scratch) -> None:
    name = scratch.name("born")
    docker.create_network(name, labels=LABEL)
    listed = {n.name: n for n in docker.list_networks(LABEL)}
    assert_created_just_now(listed[name].created)


def test_a_container_started_once_does_not_join_a_recreated_network(
    docker: DockerApi, scratch: Scratch
) -> None:
    name = scratch.name("reborn")
    docker.create_network(name, labels=LABEL)
    container = scratch.name("joined")
    docker.create_container(scratch.spec(container, network=name))
    docker.start_container(container)
    docker.stop_container(container, timeout=0)
    docker.remove_network(name)
    docker.create_network(name, labels=LABEL)

    with pytest.raises(DockerNotFound):  # the container remembers the old network's id
        docker.start_container(container)
