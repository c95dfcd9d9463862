"""`jackin prewarm --image` on the real engine: the stand-in role's image is built, then
reused, and the next `load` runs it without building (the launch's own validity check)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.conftest import TEST_CONSTRUCT_IMAGE, require_image
from tests.integration.launch_support import Home, docker, make_home

pytestmark = pytest.mark.docker


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    made = make_home(tmp_path)
    try:
        yield made
    finally:
        made.cleanup()


def test_built_then_reused_then_launched_as_is(home: Home) -> None:
    image = f"jk_stand-in:{home.commit[:7]}"
    workspaces = home.root / "config" / "workspaces"
    workspaces.mkdir(parents=True)
    (workspaces / "web.toml").write_text(
        'version = "v1alpha10"\nworkdir = "/workspace"\ndefault_role = "stand-in"\n'
        f'[[mounts]]\nsrc = "{home.project}"\ndst = "/workspace"\n'
    )
    first = home.jackin("prewarm", "--image", "--role", "stand-in")
    assert (
        first.stdout == f"jackin❯\n\nprewarm\n\nimages for stand-in\n  ✓  claude  built  {image}\n"
    )
    assert f"built {image}" in first.stderr
    built = docker("image", "inspect", "--format", "{{.Id}}", image, check=True).stdout
    second = home.jackin("prewarm", "--image", "--workspace", "web")
    assert second.stdout.endswith(f"images for web\n  ✓  claude  reused  {image}\n")
    assert "built " not in second.stderr
    container = home.jackin("load", "stand-in", "--detach").stdout.strip()
    assert [row["container_base"] for row in home.status()] == [container]
    running = docker("inspect", "--format", "{{.Image}}", container, check=True).stdout
    assert running == built, "load ran the image prewarm built"
