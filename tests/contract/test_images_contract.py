"""Images on FakeDocker and on the engine: labels, tags and non-forced removal."""

from __future__ import annotations

import pytest

from jackin_sdk.docker import Created, DockerApi, DockerNotFound, ImageInfo, RemoveImageResult
from tests.conftest import TEST_DIND_IMAGE
from tests.contract.support import Scratch

MISSING = "jackin-test/definitely-missing:0"


def test_image_labels(docker: DockerApi, scratch: Scratch) -> None:
    assert docker.image_labels(MISSING) == {}
    tag = scratch.tag("labels")
    docker.tag_image(TEST_DIND_IMAGE, tag)
    assert docker.image_labels(tag) == docker.image_labels(TEST_DIND_IMAGE)


def test_inspecting_an_image_gives_its_id_and_labels(docker: DockerApi, scratch: Scratch) -> None:
    assert docker.inspect_image(MISSING) is None
    info = docker.inspect_image(TEST_DIND_IMAGE)
    assert isinstance(info, ImageInfo)
    assert info.id.startswith("sha256:")
    assert info.id == docker.image_id(TEST_DIND_IMAGE)
    assert info.labels == docker.image_labels(TEST_DIND_IMAGE)
    assert all(info.labels.values())  # empty values are dropped, as `image_labels` does

    tag = scratch.tag("inspected")
    docker.tag_image(TEST_DIND_IMAGE, tag)
    assert docker.inspect_image(tag) == info
    assert docker.inspect_image(info.id) == info


def test_tag_then_remove(docker: DockerApi, scratch: Scratch) -> None:
    tag = scratch.tag("t1")
    docker.tag_image(TEST_DIND_IMAGE, tag)
    docker.tag_image(TEST_DIND_IMAGE, scratch.repository)
    assert docker.image_exists(tag)
    assert {tag, f"{scratch.repository}:latest"} <= set(docker.image_tags())

    assert docker.remove_image(tag) is RemoveImageResult.REMOVED
    assert not docker.image_exists(tag)
    assert docker.image_exists(TEST_DIND_IMAGE)
    assert docker.remove_image(tag) is RemoveImageResult.NOT_FOUND
    assert docker.remove_image(MISSING) is RemoveImageResult.NOT_FOUND


def test_tagging_a_missing_image_is_not_found(docker: DockerApi, scratch: Scratch) -> None:
    with pytest.raises(DockerNotFound):
        docker.tag_image(MISSING, scratch.tag("none"))
    assert not docker.image_exists(scratch.tag("none"))


def test_an_image_a_container_uses_is_in_use(docker: DockerApi, scratch: Scratch) -> None:
    container = scratch.name("pin")
    spec = scratch.spec(container)
    docker.create_container(spec)
    info = docker.inspect_container(container)
    assert info.state == Created()  # the container exists, so the engine must refuse

    assert docker.remove_image(info.image_id) is RemoveImageResult.IN_USE
    assert docker.image_exists(TEST_DIND_IMAGE)


def test_removing_one_of_several_tags_only_untags(docker: DockerApi, scratch: Scratch) -> None:
    tag = scratch.tag("extra")
    docker.tag_image(TEST_DIND_IMAGE, tag)
    container = scratch.name("tagged")
    spec = scratch.spec(container, image=tag)
    docker.create_container(spec)

    assert docker.remove_image(tag) is RemoveImageResult.REMOVED
    assert docker.image_exists(TEST_DIND_IMAGE)
    assert docker.inspect_container_state(container) == Created()
