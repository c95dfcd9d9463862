"""Orphan GC on the real engine: labelled orphans go, unlabelled look-alikes stay."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from jackin_sdk.docker import Bind, ContainerSpec, DockerApi
from jackin_sdk.gc import collect_orphans
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import InstanceResources, Ownership, ResourceKind, managed_labels
from tests.conftest import TEST_DIND_IMAGE, require_image

pytestmark = pytest.mark.docker
SLEEP = ("sleep", "300")


def test_labelled_orphans_are_removed_and_unlabelled_look_alikes_stay(engine: DockerApi) -> None:
    require_image(engine, TEST_DIND_IMAGE)
    token = uuid.uuid4().hex[:8]
    # A home of this test's own: the GC (without grace) acts on nothing else on the engine.
    home_id = HomeIdentity(uuid.uuid4().hex, Path(f"/tmp/jackin-test-{token}"))
    orphan = InstanceResources(f"jk-test-{token}")
    alive = InstanceResources(f"jk-test-{token}-alive")
    lookalike = f"jk-test-{token}-user"
    home = f"{orphan.container}-home"
    try:
        engine.create_network(orphan.network, labels=managed_labels(orphan.container, home=home_id))
        engine.create_container(
            ContainerSpec(
                image=TEST_DIND_IMAGE,
                name=orphan.sidecar,
                entrypoint=SLEEP,
                labels=managed_labels(orphan.container, ResourceKind.DIND, home=home_id),
                network=orphan.network,
                binds=(Bind(orphan.certs_volume, "/certs/client"),),
            )
        )
        engine.start_container(orphan.sidecar)
        engine.create_volume(home, labels=managed_labels(orphan.container, home=home_id))

        # A stopped instance: its role container, sidecar and network must survive.
        engine.create_network(alive.network, labels=managed_labels(alive.container, home=home_id))
        for name, kind in (
            (alive.container, ResourceKind.ROLE),
            (alive.sidecar, ResourceKind.DIND),
        ):
            engine.create_container(
                ContainerSpec(
                    image=TEST_DIND_IMAGE,
                    name=name,
                    entrypoint=SLEEP,
                    labels=managed_labels(alive.container, kind, home=home_id),
                    network=alive.network,
                )
            )
            engine.start_container(name)
            engine.stop_container(name, timeout=0)

        unlabelled = ContainerSpec(image=TEST_DIND_IMAGE, name=lookalike, entrypoint=SLEEP)
        engine.create_container(unlabelled)
        engine.start_container(lookalike)
        engine.create_network(f"{lookalike}-net", labels={})

        report = collect_orphans(engine, owners=Ownership(home_id.id), grace=dt.timedelta(0))

        ours = {orphan.sidecar, orphan.network, orphan.certs_volume, home}
        assert ours <= set(report.removed), report
        assert not [e for e in report.errors if token in e], report.errors
        containers = {c.name for c in engine.list_containers()}
        assert orphan.sidecar not in containers
        assert {lookalike, alive.container, alive.sidecar} <= containers
        assert not engine.network_exists(orphan.network)
        assert engine.network_exists(alive.network)
        assert engine.network_exists(f"{lookalike}-net")
        volumes = {v.name for v in engine.list_volumes()}
        assert orphan.certs_volume not in volumes
        assert home not in volumes
    finally:
        for name in (orphan.sidecar, alive.container, alive.sidecar, lookalike):
            engine.remove_container(name)
        for network in (orphan.network, alive.network, f"{lookalike}-net"):
            engine.remove_network(network)
        for volume in (orphan.certs_volume, home):
            engine.remove_volume(volume)
