"""Two jackin homes on one engine: no command of one touches the other's objects
(jackin#17 item 3), on FakeDocker.

Home A is the `world` fixture; home B has its own config and home folders and the same
engine. Each bulk command of A runs with B's instance (role container, sidecar, network)
and B's probe container present; B's objects must all survive, and B's status must still
say running. The operator's `--foreign` (`foreign=True`) is the one way across.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jackin_sdk.docker import ContainerSpec
from jackin_sdk.errors import CodedError, ErrorCode, UsageError
from jackin_sdk.flows import reconnect
from jackin_sdk.gc import collect_orphans
from jackin_sdk.instances import InstanceStore
from jackin_sdk.launch import LaunchOptions, LaunchResult, launch, resolve_target
from jackin_sdk.lifecycle import (
    eject,
    exile,
    instance_listing,
    list_instances,
    prune_images,
    prune_instances,
    purge,
    resolve_hardline,
    select_instances,
)
from jackin_sdk.lifecycle import reconnect as revive
from jackin_sdk.paths import JackinPaths
from jackin_sdk.resources import ForeignObject, probe_labels
from jackin_sdk.testing._fake_objects import utc_now
from tests.sdk.flows.conftest import Client, Recorder
from tests.sdk.launch.conftest import DIND_IMAGE, World, write_config

LONG_AGO = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def home_a(world: World) -> World:
    write_config(world.paths, world.role_repo, dind=True)
    return world


@pytest.fixture
def home_b(home_a: World, tmp_path: Path) -> World:
    paths = JackinPaths(config_dir=tmp_path / "b" / "config", home_dir=tmp_path / "b" / "home")
    write_config(paths, home_a.role_repo, dind=True)
    return World(paths, home_a.role_repo, home_a.project, home_a.docker)


def _load(world: World) -> LaunchResult:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    return launch(target, LaunchOptions(detach=True), world.context())


def _store(world: World) -> InstanceStore:
    return InstanceStore(world.paths)


def _probe(world: World, name: str) -> None:
    """A probe container its process died with (a killed `load` or `doctor`)."""
    labels = probe_labels(_store(world).home())
    world.docker.create_container(ContainerSpec(image=DIND_IMAGE, name=name, labels=labels))


def _objects(world: World, c: str) -> set[str]:
    """What exists of instance `c` on the engine."""
    docker = world.docker
    names = {x.name for x in docker.containers.values()} | set(docker.networks)
    return {n for n in names if n in {c, f"{c}-dind", f"{c}-net"}}


def _b_running(home_b: World) -> str:
    """Home B's detached instance and a leftover probe of B; returns its container."""
    c = _load(home_b).container
    _probe(home_b, "jackin-probe-b")
    assert _objects(home_b, c) == {c, f"{c}-dind", f"{c}-net"}
    return c


def _assert_b_untouched(home_b: World, c: str) -> None:
    assert _objects(home_b, c) == {c, f"{c}-dind", f"{c}-net"}
    assert "jackin-probe-b" in {x.name for x in home_b.docker.containers.values()}
    [view] = list_instances(home_b.docker, _store(home_b))
    assert (view.row.container_base, view.state) == (c, "running")


def test_every_object_carries_its_homes_identity(home_a: World, home_b: World) -> None:
    a, b = _load(home_a).container, _load(home_b).container
    id_a, id_b = _store(home_a).home().id, _store(home_b).home().id
    assert id_a != id_b
    docker = home_a.docker
    for c, ident in ((a, id_a), (b, id_b)):
        for name in (c, f"{c}-dind"):
            assert docker.inspect_container(name).labels["jackin.home"] == ident
        assert docker.networks[f"{c}-net"].labels["jackin.home"] == ident
    probes = [run.labels["jackin.home"] for run in docker.runs]  # each home probed once
    assert probes[0] == id_a
    assert probes[-1] == id_b
    assert set(probes) == {id_a, id_b}


def test_exile_ejects_only_this_homes_instances(home_a: World, home_b: World) -> None:
    b = _b_running(home_b)
    a = _load(home_a).container

    assert exile(home_a.docker, _store(home_a)) == [a]

    assert _objects(home_a, a) == set()
    _assert_b_untouched(home_b, b)
    assert exile(home_a.docker, _store(home_a), foreign=True) == [b]
    assert _objects(home_b, b) == set()


def test_eject_all_of_a_role_selects_only_this_homes(home_a: World, home_b: World) -> None:
    b = _b_running(home_b)
    a = _load(home_a).container
    store = _store(home_a)

    found = select_instances(home_a.docker, store, "stand-in", all_=True, include_state=True)
    assert found == [a]
    for container in found:
        eject(home_a.docker, store, container)

    _assert_b_untouched(home_b, b)


def test_ejecting_another_homes_instance_by_name_is_refused_unless_foreign(
    home_a: World, home_b: World
) -> None:
    b = _b_running(home_b)
    store = _store(home_a)

    with pytest.raises(ForeignObject) as caught:
        eject(home_a.docker, store, b)
    assert caught.value.code is ErrorCode.E021
    assert str(home_b.paths.home_dir.resolve()) in str(caught.value)
    assert "--foreign" in caught.value.hint
    _assert_b_untouched(home_b, b)

    assert set(eject(home_a.docker, store, b, foreign=True)) == {b, f"{b}-dind", f"{b}-net"}


def test_prune_all_removes_only_this_homes_objects(home_a: World, home_b: World) -> None:
    b = _b_running(home_b)
    a = _load(home_a).container
    _probe(home_a, "jackin-probe-a")

    report = prune_instances(home_a.docker, _store(home_a), all_=True)

    assert not report.failed, report
    assert _objects(home_a, a) == set()
    assert "jackin-probe-a" not in {x.name for x in home_a.docker.containers.values()}
    assert not home_a.paths.data_dir.exists()
    _assert_b_untouched(home_b, b)


def test_prune_all_foreign_removes_every_homes_objects_but_not_their_state(
    home_a: World, home_b: World
) -> None:
    b = _b_running(home_b)
    report = prune_instances(home_a.docker, _store(home_a), all_=True, foreign=True)
    assert not report.failed, report
    assert _objects(home_b, b) == set()
    assert "jackin-probe-b" not in {x.name for x in home_b.docker.containers.values()}
    assert (home_b.paths.data_dir / b).is_dir()
    with pytest.raises(UsageError, match="only with --all"):
        prune_instances(home_a.docker, _store(home_a), foreign=True)


def test_the_pre_launch_gc_leaves_another_homes_launch_alone(home_a: World, home_b: World) -> None:
    """Home B's launch made its network and sidecar long ago and is still building its
    image (its name lock is in B's folder, which A cannot see): A's load keeps them."""
    home_a.docker.clock = lambda: LONG_AGO
    b = _load(home_b).container
    home_a.docker.remove_container(b)
    _probe(home_b, "jackin-probe-b")
    home_a.docker.clock = utc_now

    a = _load(home_a)

    assert _objects(home_b, b) == {f"{b}-dind", f"{b}-net"}
    assert "jackin-probe-b" in {x.name for x in home_b.docker.containers.values()}
    assert not any("removed leftovers" in note for note in a.notes)
    store_b = _store(home_b)
    gc_b = collect_orphans(home_b.docker, owners=store_b.ownership(), claimed=store_b.is_claimed)
    assert set(gc_b.removed) >= {f"{b}-dind", f"{b}-net", "jackin-probe-b"}  # B's own GC


def test_status_shows_this_homes_instances_and_counts_the_others(
    home_a: World, home_b: World
) -> None:
    b = _b_running(home_b)
    a = _load(home_a).container
    home_a.docker.create_container(
        ContainerSpec(
            image=DIND_IMAGE,
            name="jk-00000000-old",  # an older jackin's: no home label, no record here
            labels={"jackin.managed": "true", "jackin.kind": "role"},
        )
    )
    listing = instance_listing(home_a.docker, _store(home_a))
    assert [(v.row.container_base, v.state) for v in listing.views] == [(a, "running")]
    assert (listing.foreign, listing.legacy) == (1, 1)
    listing_b = instance_listing(home_b.docker, _store(home_b))
    assert [v.row.container_base for v in listing_b.views] == [b]
    assert (listing_b.foreign, listing_b.legacy) == (1, 1)


def test_unlabelled_objects_are_adopted_by_the_home_whose_records_name_them(
    home_a: World, home_b: World
) -> None:
    """Objects of an older jackin: A's index names `a`, so A's prune removes them; the
    same kind of objects of an instance no record of A names stay."""
    a = _load(home_a).container
    docker = home_a.docker
    for name in (a, f"{a}-dind"):
        docker.remove_container(name)
    docker.remove_network(f"{a}-net")
    for c in (a, "jk-00000000-stranger"):
        legacy = {"jackin.managed": "true", "jackin.role": c}
        docker.create_network(f"{c}-net", labels=legacy)
        docker.create_container(
            ContainerSpec(
                image=DIND_IMAGE, name=f"{c}-dind", labels={**legacy, "jackin.kind": "dind"}
            )
        )

    report = prune_instances(docker, _store(home_a), all_=True)

    assert not report.failed, report
    assert _objects(home_a, a) == set()
    stranger = "jk-00000000-stranger"
    assert _objects(home_a, stranger) == {f"{stranger}-dind", f"{stranger}-net"}
    with pytest.raises(CodedError) as caught:
        eject(docker, _store(home_b), stranger)
    assert "an older jackin made it" in str(caught.value)


def test_prune_images_keeps_an_image_another_homes_instance_uses(
    home_a: World, home_b: World
) -> None:
    b = _load(home_b)
    a = _load(home_a)
    assert a.image == b.image  # images are shared by content, whatever home built them
    exile(home_a.docker, _store(home_a))

    report = prune_images(home_a.docker)

    outcomes = {x.target: x.outcome for x in report.actions}
    assert outcomes[b.image] == "SKIP"
    assert home_a.docker.image_exists(b.image)


def _attach(world: World, selector: str, *, foreign: bool = False) -> list[list[str]]:
    """`jackin hardline <selector>` from `world`'s home; the attach clients' argvs."""
    answers = Recorder(dirty="keep")
    notes: list[str] = []
    reconnect(
        world.docker, world.config(), selector, cwd=world.project, answerer=answers,
        notify=notes.append, view=_View(), tty=False, foreign=foreign, run=Client(answers.log),
    )  # fmt: skip
    return [entry[1] for entry in answers.log if isinstance(entry, tuple)]


class _View:
    def stage(self, event: object) -> None:
        del event

    def image(self, event: object) -> None:
        del event

    def close(self) -> None:
        pass


def test_hardline_to_another_homes_instance_is_refused_unless_foreign(
    home_a: World, home_b: World
) -> None:
    """Attaching is acting: the agent's terminal, its sessions and its isolated work are
    the other home's. Refused before anything runs, stopped instance or live one."""
    b = _b_running(home_b)
    with pytest.raises(ForeignObject) as caught:
        _attach(home_a, b)
    assert caught.value.code is ErrorCode.E021
    assert str(home_b.paths.home_dir.resolve()) in str(caught.value)
    assert "--foreign" in caught.value.hint
    with pytest.raises(ForeignObject):  # hardline --inspect execs the capsule's status
        resolve_hardline(home_a.docker, _store(home_a), b, cwd=home_a.project)

    home_a.docker.exit_container(b, 137)
    with pytest.raises(ForeignObject):  # not started again by the wrong home
        _attach(home_a, b)
    assert home_a.docker.inspect_container_state(b).label != "running"
    with pytest.raises(ForeignObject):  # the SDK's own revive, for script authors
        revive(home_a.docker, _store(home_a), b, restore=lambda _: None)

    [attached] = _attach(home_a, b, foreign=True)
    assert b in attached
    assert resolve_hardline(home_a.docker, _store(home_a), b, cwd=home_a.project, foreign=True) == b


def test_hardline_to_own_instance_whose_name_another_home_now_uses_is_refused(
    home_a: World, home_b: World
) -> None:
    """A's records name `c` (by instance id), but the container called `c` on the engine
    is B's: the id must not lead A's hardline into B's container."""
    b = _b_running(home_b)
    [row] = _store(home_b).index()
    store_a = _store(home_a)
    store_a.paths.instances_index.parent.mkdir(parents=True, exist_ok=True)
    store_a.paths.instances_index.write_bytes(home_b.paths.instances_index.read_bytes())
    assert [r.container_base for r in store_a.index()] == [b]
    with pytest.raises(ForeignObject):
        _attach(home_a, row.instance_id)


def test_purge_names_another_homes_container_as_such(home_a: World, home_b: World) -> None:
    """Purge deletes only this home's state, and never while the container exists; when
    that container is another home's, the refusal says so (E021), not `eject --purge`."""
    b = _b_running(home_b)
    state_a = _store(home_a).state_dir(b)
    state_a.mkdir(parents=True)
    with pytest.raises(ForeignObject) as caught:
        purge(home_a.docker, _store(home_a), b, discard_isolated=False)
    assert caught.value.code is ErrorCode.E021
    assert f"jackin eject {b} --foreign" in caught.value.hint
    assert state_a.is_dir()
    _assert_b_untouched(home_b, b)
