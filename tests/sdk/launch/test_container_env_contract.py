"""What the launch sets on the role container is what the capsule and its entrypoint read.

Both sides name the variables through `jackin_capsule.contract`; these tests run the
host's real container spec (on FakeDocker) into the capsule's real readers, so a name
spelt differently on either side fails here.
"""

from __future__ import annotations

from pathlib import Path

from jackin_capsule.__main__ import _daemon_options
from jackin_sdk.launch import LaunchOptions, launch, resolve_target
from jackin_sdk.testing import FakeDocker
from tests.capsule.test_entrypoint import PRINT_PROVIDER, Image
from tests.sdk.launch.conftest import World


def _container_env(world: World, **options: object) -> tuple[str, dict[str, str]]:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    result = launch(target, LaunchOptions(detach=True, **options), world.context())  # type: ignore[arg-type]
    docker: FakeDocker = world.docker
    found = next(x for x in docker.containers.values() if x.name == result.container)
    assert found.spec is not None
    return result.instance_id, dict(found.spec.env)


def test_the_capsule_daemon_reads_the_instance_id_the_launch_set(world: World) -> None:
    instance_id, env = _container_env(world)
    assert instance_id
    assert _daemon_options(env, "claude", spawn_now=True).instance_id == instance_id


def test_the_entrypoint_reads_the_provider_the_launch_set(world: World, tmp_path: Path) -> None:
    _, env = _container_env(world, provider="zai")
    (tmp_path / "image").mkdir()
    image = Image(tmp_path / "image")
    image.secrets(ZAI_API_KEY="zai-key-0123456789")
    jackin = {key: value for key, value in env.items() if key.startswith("JACKIN")}
    done = image.run("sh", "-c", PRINT_PROVIDER, **jackin)
    assert done.returncode == 0, done.stderr
    assert "ANTHROPIC_BASE_URL=https://api.z.ai/api/anthropic" in done.stdout
