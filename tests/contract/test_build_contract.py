"""Builds on FakeDocker and on the engine: labels, cached rebuilds, failing steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.docker import BuildSpec, DockerApi, ImageBuildError, parse_step
from tests.conftest import TEST_DIND_IMAGE
from tests.contract.support import Scratch


def _context(tmp_path: Path, body: str) -> Path:
    context = tmp_path / "context"
    context.mkdir(exist_ok=True)
    (context / "payload.txt").write_text("payload\n")
    (context / "Dockerfile").write_text(f"FROM {TEST_DIND_IMAGE}\n{body}")
    return context


def test_build_tags_labels_and_streams_steps(
    docker: DockerApi, scratch: Scratch, tmp_path: Path
) -> None:
    context = _context(tmp_path, "COPY payload.txt /payload.txt\n")
    tag = scratch.tag("built")
    lines: list[str] = []
    spec = BuildSpec(context, context / "Dockerfile", tag, labels={"jackin.test.contract": "1"})
    image_id = docker.build_image(spec, lines.append)
    assert image_id.startswith("sha256:")
    assert docker.image_id(tag) == image_id
    labels = docker.image_labels(tag)
    assert labels["jackin.test.contract"] == "1"
    assert set(docker.image_labels(TEST_DIND_IMAGE).items()) <= set(labels.items())
    steps = [parse_step(line) for line in lines if parse_step(line) is not None]
    assert steps[0] == (1, steps[0][1], f"FROM {TEST_DIND_IMAGE}")  # type: ignore[index]
    assert docker.build_image(spec) == image_id, "an unchanged rebuild comes from the cache"


def test_dockerfile_outside_the_context(
    docker: DockerApi, scratch: Scratch, tmp_path: Path
) -> None:
    context = _context(tmp_path, "")
    outside = tmp_path / "Generated.Dockerfile"
    outside.write_text(f"FROM {TEST_DIND_IMAGE}\nCOPY payload.txt /p\n")
    tag = scratch.tag("outside")
    docker.build_image(BuildSpec(context, outside, tag, labels={"jackin.test.contract": "1"}))
    assert docker.image_exists(tag)


def test_missing_base_image_fails_at_the_from_step(
    docker: DockerApi, scratch: Scratch, tmp_path: Path
) -> None:
    context = tmp_path / "missing"
    context.mkdir()
    (context / "Dockerfile").write_text("FROM jackin-test/definitely-missing:0\n")
    tag = scratch.tag("missing")
    with pytest.raises(ImageBuildError) as caught:
        docker.build_image(BuildSpec(context, context / "Dockerfile", tag))
    assert caught.value.step == "Step 1/1 : FROM jackin-test/definitely-missing:0"
    assert not docker.image_exists(tag)
