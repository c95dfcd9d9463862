"""On the real engine, a container that writes without end costs the host the bound, not the
output: `exec_capture` of 50 MiB, or of `yes` (no end at all), allocates about `max_output`."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator

import pytest

from jackin_sdk.docker import DockerApi, ExecResult
from tests.conftest import TEST_DIND_IMAGE, require_image
from tests.contract.support import EXIT_3, FLOOD, Scratch

pytestmark = pytest.mark.docker

BOUND = 1024 * 1024
# What the read may hold besides the bound: one frame of the engine (32 KiB), the joined
# result, its decoded text and docker-py's buffers. Reading the flood whole takes > 50 MiB.
HEADROOM = 6 * BOUND


@pytest.fixture
def container(engine: DockerApi) -> Iterator[str]:
    require_image(engine, TEST_DIND_IMAGE)
    scratch = Scratch(engine)
    name = scratch.name("bound")
    try:
        engine.create_container(scratch.spec(name))
        engine.start_container(name)
        yield name
    finally:
        scratch.cleanup()


@pytest.mark.parametrize("argv", [FLOOD, ("yes",)], ids=["50 MiB", "yes"])
def test_exec_capture_of_a_flood_holds_about_the_bound(
    engine: DockerApi, container: str, argv: tuple[str, ...]
) -> None:
    tracemalloc.start()
    try:
        result = engine.exec_capture(container, argv, max_output=BOUND)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.truncated
    assert result.exit_code == -1
    assert len(result.output.encode()) == BOUND
    assert peak < BOUND + HEADROOM, f"peak {peak / 2**20:.1f} MiB for a {BOUND >> 20} MiB bound"
    # The engine connection is not left holding the abandoned stream.
    assert engine.exec_capture(container, EXIT_3) == ExecResult(exit_code=3, output="hi\n")
