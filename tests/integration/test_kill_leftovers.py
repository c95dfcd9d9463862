"""`kill -9` of `jackin load` at any point, then `prune instances --all`: nothing is left.

Issue 18 item 8. Each kill point is chosen by polling the engine until the load has made
the object named (a probe container, the instance network, its sidecar, its role
container), then the load is killed at once. Objects are tied to this load through the
instance folder it claimed in this test's own jackin home, and probe containers through
that home's identity (`jackin.home`).

`prune instances --all` acts only on this test's home's objects (jackin#17 item 3), so the
test is safe next to other homes' instances on the same engine.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi, NotFound
from jackin_sdk.paths import home_identity
from jackin_sdk.resources import LABEL_MANAGED, probe_labels
from tests.conftest import TEST_CONSTRUCT_IMAGE, TEST_DIND_IMAGE, require_image
from tests.integration.launch_support import JACKIN, Home, make_home

pytestmark = pytest.mark.docker
_MANAGED = {LABEL_MANAGED: "true"}
_POLL = 0.02
_TIMEOUT = 180.0


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    require_image(engine, TEST_DIND_IMAGE)
    made = make_home(tmp_path, dind=True)
    try:
        yield made
    finally:
        made.cleanup()


def _claimed(home: Home, before: set[str]) -> str | None:
    """The instance name the load claimed: its new state folder in this home."""
    if not home.data.is_dir():
        return None
    new = {p.name for p in home.data.iterdir() if p.is_dir() and p.name.startswith("jk-")}
    new -= before
    return new.pop() if new else None


def _wait(what: str, load: subprocess.Popen[bytes], found: Callable[[], bool]) -> None:
    deadline = time.monotonic() + _TIMEOUT
    while not found():
        if load.poll() is not None:
            raise AssertionError(f"the load ended ({load.returncode}) before {what} existed")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never appeared")
        time.sleep(_POLL)


def _exists(engine: DockerApi, container: str) -> bool:
    return not isinstance(engine.inspect_container_state(container), NotFound)


def _probes(engine: DockerApi, home: Home) -> set[str]:
    """The probe containers of this test's jackin home (its id made as jackin makes it)."""
    identity = home_identity(home.root / "home")
    assert identity is not None
    return {p.name for p in engine.list_containers(probe_labels(identity))}


def _leftovers(engine: DockerApi, home: Home, c: str) -> list[str]:
    """Objects with jackin's labels that belong to instance `c`, and the home's probes."""
    mine = [x.name for x in engine.list_containers(_MANAGED) if x.name.startswith(c)]
    mine += [n.name for n in engine.list_networks(_MANAGED) if n.name.startswith(c)]
    mine += [
        v.name
        for v in engine.list_volumes(_MANAGED)
        if v.name.startswith(c) or v.labels.get("jackin.role") == c
    ]
    return mine + sorted(_probes(engine, home))


_KILL_POINTS = ("probe", "network", "sidecar", "container")


def _load_killed_at(engine: DockerApi, home: Home, point: str) -> str:
    """Start `jackin load --detach`, `kill -9` it once `point` exists; the instance's name."""
    before = {p.name for p in home.data.iterdir()} if home.data.is_dir() else set()
    load = subprocess.Popen(
        [JACKIN, "load", "stand-in", "--detach"], cwd=home.project, env=home.env,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait("the instance folder", load, lambda: _claimed(home, before) is not None)
        c = _claimed(home, before)
        assert c is not None
        waits: dict[str, tuple[str, Callable[[], bool]]] = {
            "probe": ("a probe container", lambda: bool(_probes(engine, home))),
            "network": (f"{c}-net", lambda: engine.network_exists(f"{c}-net")),
            "sidecar": (f"{c}-dind", lambda: _exists(engine, f"{c}-dind")),
            "container": (c, lambda: _exists(engine, c)),
        }
        what, found = waits[point]
        _wait(what, load, found)
    finally:
        load.kill()
        load.wait()
    return c


@pytest.mark.parametrize("point", _KILL_POINTS)
def test_killing_a_load_then_prune_all_leaves_nothing(
    engine: DockerApi, home: Home, point: str
) -> None:
    if point != "probe":  # with the probe cached, the load gets to its objects sooner
        warm = home.jackin("load", "stand-in", "--detach").stdout.strip()
        home.jackin("eject", warm, "--purge")
    assert _probes(engine, home) == set()

    c = _load_killed_at(engine, home, point)

    pruned = home.jackin("prune", "instances", "--all", "--yes", check=False)
    assert pruned.returncode == 0, f"{pruned.stdout}\n{pruned.stderr}"
    left = _leftovers(engine, home, c)
    assert left == [], f"killed after the {point} existed, left {left}:\n{pruned.stdout}"
    assert not (home.data / c).exists()
