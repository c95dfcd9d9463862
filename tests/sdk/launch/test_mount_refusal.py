"""A mount Docker cannot bind stops a load before any build, network or sidecar."""

from __future__ import annotations

from typing import Any

import pytest

from jackin_sdk.docker import DockerApi
from jackin_sdk.launch import LaunchOptions, LaunchTarget, launch, resolve_target
from jackin_sdk.mounts import Mount, MountPathError
from jackin_sdk.roles import RoleSelector
from jackin_sdk.testing import FakeDocker
from tests.sdk.launch.conftest import CONSTRUCT, DIND_IMAGE, World, write_config

_ENGINE_CALLS = frozenset(
    name for name in dir(DockerApi) if not name.startswith("_") and name != "endpoint"
)
_BUILDS_OR_CREATES = {
    "build_image", "create_container", "start_container", "create_network", "create_volume",
    "run_once", "tag_image",
}  # fmt: skip


class RecordingDocker(FakeDocker):
    """FakeDocker that also keeps the name of every engine call, in order."""

    def __init__(self, **kwargs: Any) -> None:
        self.calls: list[str] = []
        super().__init__(**kwargs)

    def __getattribute__(self, name: str) -> Any:
        if name in _ENGINE_CALLS:
            object.__getattribute__(self, "calls").append(name)
        return object.__getattribute__(self, name)


@pytest.fixture
def recording(world: World) -> RecordingDocker:
    write_config(world.paths, world.role_repo, dind=True)
    world.docker = RecordingDocker(images=[CONSTRUCT, DIND_IMAGE])
    return world.docker


def test_the_recorder_sees_a_good_launch(world: World, recording: RecordingDocker) -> None:
    """The call log is real: a good launch builds, makes a network and a sidecar."""
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    launch(target, LaunchOptions(detach=True), world.context())
    assert {"build_image", "create_network", "create_container"} <= set(recording.calls)


def test_a_mount_option_docker_cannot_bind_is_refused_before_the_engine(
    world: World, recording: RecordingDocker
) -> None:
    # What `jackin load stand-in --mount SRC:/a:b` does: resolve, then launch.
    config = world.config()
    with pytest.raises(MountPathError):
        resolve_target(config, selector="stand-in", mounts=[f"{world.project}:/a:b"],
                       cwd=world.project)  # fmt: skip
    assert recording.calls == []  # `launch` is never reached


@pytest.mark.parametrize(
    "mount",
    [Mount("/srv/a:b", "/srv/ab"), Mount("/srv/app", "/proc/app"), Mount("/srv/x", "/jackin/run")],
)
def test_a_target_built_by_hand_is_refused_before_the_engine(
    world: World, recording: RecordingDocker, mount: Mount
) -> None:
    # A front end (the console) may build its target itself: launch checks again.
    base = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    target = LaunchTarget(
        role=RoleSelector.parse("stand-in"), workspace_name=None,
        workspace_label=base.workspace_label, workdir=base.workdir,
        mounts=(*base.mounts, mount),
    )  # fmt: skip
    with pytest.raises(MountPathError):
        launch(target, LaunchOptions(detach=True), world.context())
    assert not _BUILDS_OR_CREATES & set(recording.calls)
    assert recording.calls == []
