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

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi, NotFound, Running
from tests.conftest import TEST_CONSTRUCT_IMAGE, TEST_DIND_IMAGE, require_image
from tests.integration.launch_support import Home, docker, make_home

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


@pytest.fixture
def foreign_container(engine: DockerApi) -> Iterator[str]:
    """A role container of another home, created and never started: the real engine's
    answer to `jackin.home`, without the cost of loading a second home."""
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    name = f"jk-{secrets.token_hex(4)}-standin"
    labels = {
        "jackin.managed": "true",
        "jackin.kind": "role",
        "jackin.home": "b" * 32,
        "jackin.home.path": "/homes/other",
    }
    flags = [arg for key, value in labels.items() for arg in ("--label", f"{key}={value}")]
    docker("create", "--name", name, *flags, TEST_CONSTRUCT_IMAGE, "sleep", "600", check=True)
    try:
        yield name
    finally:
        docker("rm", "-f", name)


def test_single_instance_verbs_refuse_another_homes_container(
    foreign_container: str, tmp_path: Path
) -> None:
    """`hardline` (attach, `--inspect`) and `purge` name one instance: another home's is
    refused with E021 before it is started, execed into or anything is deleted."""
    c = foreign_container
    a = make_home(tmp_path / "a")
    for args in (("hardline", c), ("hardline", "--inspect", c), ("purge", c)):
        refused = a.jackin(*args, check=False)
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "[E021]" in refused.stderr, refused.stderr
        assert "/homes/other" in refused.stderr
        assert "Traceback" not in refused.stderr
    inspected = docker("inspect", "--format", "{{.State.Status}} {{.ExecIDs}}", c, check=True)
    assert inspected.stdout.split() == ["created", "[]"]  # never started, never execed
