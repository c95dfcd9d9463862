"""The same cases against FakeDocker and the real engine, so the fake cannot drift."""

from __future__ import annotations

import pytest

from jackin_sdk.docker import DockerApi, DockerNotFound, RunSpec
from tests.conftest import TEST_DIND_IMAGE
from tests.contract.support import LABEL


def test_ping_and_version(docker: DockerApi) -> None:
    docker.ping()
    assert docker.server_version()
    assert docker.endpoint
    assert docker.engine_id()
    assert docker.engine_id() == docker.engine_id()


def test_image_presence(docker: DockerApi) -> None:
    assert docker.image_exists(TEST_DIND_IMAGE)
    assert not docker.image_exists("jackin-test/definitely-missing:0")
    assert TEST_DIND_IMAGE in docker.image_tags()


def test_run_once_succeeds_and_leaves_nothing_behind(docker: DockerApi) -> None:
    outcome = docker.run_once(RunSpec(image=TEST_DIND_IMAGE, entrypoint=("true",), labels=LABEL))
    assert outcome.exit_code == 0
    assert docker.list_containers(LABEL) == []


def test_run_once_of_a_missing_image_is_not_found(docker: DockerApi) -> None:
    with pytest.raises(DockerNotFound):
        docker.run_once(RunSpec(image="jackin-test/definitely-missing:0", labels=LABEL))
    assert docker.list_containers(LABEL) == []
