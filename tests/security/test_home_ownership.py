"""One jackin home never destroys another's instance (jackin#17 item 3), on the real engine.

Two homes (`JACKIN_HOME_DIR`) share the engine. Home B loads an instance with its DinD
sidecar and network, detached. Home A then runs every bulk command that used to act on
all of jackin's objects on the engine — `exile`, `eject <role> --all --purge`,
`prune instances --all --yes` — names B's container in `eject`, and loads (the launch
runs the pre-launch orphan GC). B's role container, sidecar and network survive each
step, and B's `status` still says running. `eject --foreign` is the explicit way across.

The orphan GC skips objects younger than its grace period (two minutes), so on its own
the `load` step cannot tell the old code from the new here; tests/sdk/launch/
test_home_ownership.py ages another home's objects on FakeDocker for that.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi, NotFound, Running
from tests.conftest import TEST_CONSTRUCT_IMAGE, TEST_DIND_IMAGE, require_image
from tests.integration.launch_support import Home, make_home

pytestmark = pytest.mark.docker


@pytest.fixture
def homes(engine: DockerApi, tmp_path: Path) -> Iterator[tuple[Home, Home]]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    require_image(engine, TEST_DIND_IMAGE)
    made: list[Home] = []
    try:
        made.append(make_home(tmp_path / "a", dind=True))
        made.append(make_home(tmp_path / "b", dind=True))
        yield made[0], made[1]
    finally:
        for home in made:
            home.cleanup()


def _assert_intact(engine: DockerApi, home: Home, c: str, after: str) -> None:
    for name in (c, f"{c}-dind"):
        state = engine.inspect_container_state(name)
        assert isinstance(state, Running), f"after {after}: {name} is {state.label}"
    assert engine.network_exists(f"{c}-net"), f"after {after}: {c}-net is gone"
    states = {i["container_base"]: i["state"] for i in home.status()}
    assert states == {c: "running"}, f"after {after}: home B's status says {states}"


def test_a_homes_bulk_commands_leave_another_homes_instance_running(
    engine: DockerApi, homes: tuple[Home, Home]
) -> None:
    a, b = homes
    c = b.jackin("load", "stand-in", "--detach").stdout.strip()
    _assert_intact(engine, b, c, "B's load")

    a.jackin("exile")
    _assert_intact(engine, b, c, "A's exile")

    done = a.jackin("eject", "stand-in", "--all", "--purge")
    assert "No matching roles found." in done.stdout
    _assert_intact(engine, b, c, "A's eject --all --purge")

    refused = a.jackin("eject", c, check=False)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "[E021]" in refused.stderr
    assert str((b.root / "home").resolve()) in refused.stderr
    _assert_intact(engine, b, c, f"A's eject {c}")

    a.jackin("prune", "instances", "--all", "--yes")
    _assert_intact(engine, b, c, "A's prune instances --all --yes")

    mine = a.jackin("load", "stand-in", "--detach").stdout.strip()
    _assert_intact(engine, b, c, "A's load (orphan GC)")
    assert mine != c

    a.jackin("eject", c, "--foreign")  # the operator's explicit word
    for name in (c, f"{c}-dind"):
        assert isinstance(engine.inspect_container_state(name), NotFound)
    assert not engine.network_exists(f"{c}-net")
