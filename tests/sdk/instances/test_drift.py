from __future__ import annotations

import json
from pathlib import Path

from jackin_sdk.docker import ContainerSpec, DockerApi
from jackin_sdk.instances import DriftReport, InstanceStatus, InstanceStore, StaleRow
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.testing import FakeDocker
from tests.sdk.instances.support import IMAGE, container_name, manifest_for, run_role_container

A = container_name("aaaaaaaa")
B = container_name("bbbbbbbb")
C = container_name("cccccccc")
D = container_name("dddddddd")
E = container_name("eeeeeeee")
F = container_name("ffffffff")


class CountingDocker(FakeDocker):
    """A fake engine that counts `list_containers` calls."""

    def __init__(self) -> None:
        super().__init__(images=[IMAGE])
        self.listings: list[dict[str, str] | None] = []

    def list_containers(self, labels=None):  # type: ignore[no-untyped-def]
        self.listings.append(dict(labels) if labels is not None else None)
        return super().list_containers(labels)


def test_no_drift(store: InstanceStore, docker: FakeDocker) -> None:
    store.write_manifest(manifest_for(A))
    run_role_container(docker, A)
    store.write_manifest(manifest_for(B, status=InstanceStatus.PRESERVED_DIRTY))
    report = store.drift(docker)
    assert report == DriftReport()
    assert report.clean


def test_drift_lists_role_containers_once(store: InstanceStore) -> None:
    docker = CountingDocker()
    for container in (A, B):
        store.write_manifest(manifest_for(container))
    store.drift(docker)
    assert docker.listings == [{"jackin.managed": "true", "jackin.kind": "role"}]


def test_live_instances_without_a_container(store: InstanceStore, docker: FakeDocker) -> None:
    store.write_manifest(manifest_for(A))  # active, no container
    store.write_manifest(manifest_for(B, status=InstanceStatus.RUNNING))  # running, no container
    store.write_manifest(manifest_for(C, status=InstanceStatus.CRASHED))  # dead: not drift
    store.write_manifest(manifest_for(D))  # active, but a launch holds it
    run_role_container(docker, C)
    with store.claim_existing(FakeDocker(), D):
        report = store.drift(docker)
    assert [row.container_base for row in report.missing_containers] == [A, B]
    assert report.stale_rows == ()
    assert report.orphan_containers == ()

    assert store.repair_drift(docker, report) == [A, B]
    for container in (A, B):
        manifest = store.read_manifest(container)
        assert manifest is not None
        assert manifest.status is InstanceStatus.CRASHED
    statuses = {row.container_base: row.status for row in store.index()}
    assert statuses == {
        A: InstanceStatus.CRASHED,
        B: InstanceStatus.CRASHED,
        C: InstanceStatus.CRASHED,
        D: InstanceStatus.ACTIVE,
    }
    # Once the launch lets go of D without a container, D is drift too.
    assert [row.container_base for row in store.drift(docker).missing_containers] == [D]


def test_repair_rechecks_before_marking_crashed(store: InstanceStore, docker: FakeDocker) -> None:
    store.write_manifest(manifest_for(A))
    store.write_manifest(manifest_for(B))
    report = store.drift(docker)
    run_role_container(docker, A)  # the container appeared meanwhile
    with store.claim_existing(docker, B):  # and B got claimed by a launch
        assert store.repair_drift(docker, report) == []
    assert {row.status for row in store.index()} == {InstanceStatus.ACTIVE}


def test_orphan_role_containers_are_only_reported(store: InstanceStore, docker: FakeDocker) -> None:
    run_role_container(docker, A, store.home())  # this home's, no state at all
    store.write_manifest(manifest_for(B))
    run_role_container(docker, B)
    store.write_manifest(manifest_for(C))
    store.purge_state(C)
    run_role_container(docker, C)  # a purged tombstone does not own its container
    docker.create_container(ContainerSpec(image=IMAGE, name=D))  # not ours: ignored
    report = store.drift(docker)
    assert [summary.name for summary in report.orphan_containers] == [A, C]
    assert store.repair_drift(docker, report) == []
    assert len(docker.list_containers()) == 4


def test_rows_that_disagree_with_their_manifest(store: InstanceStore, docker: DockerApi) -> None:
    store.write_manifest(manifest_for(A))
    store.write_manifest(manifest_for(B, status=InstanceStatus.CLEAN_EXITED))
    store.write_manifest(manifest_for(C, status=InstanceStatus.CLEAN_EXITED))
    # A's manifest moved on without its row (a crash between the two writes).
    store.manifest_path(A).write_text(
        manifest_for(A, status=InstanceStatus.PRESERVED_UNPUSHED).to_json()
    )
    # B's state vanished behind jackin's back; C's manifest has no row.
    store.purge_state(B)
    document = json.loads(store.paths.instances_index.read_text())
    for row in document["instances"]:
        if row["container_base"] == B:
            row["status"] = "clean_exited"
    document["instances"] = [r for r in document["instances"] if r["container_base"] != C]
    store.paths.instances_index.write_text(json.dumps(document))

    report = store.drift(docker)
    assert [(s.container, s.row is None, s.manifest is None) for s in report.stale_rows] == [
        (A, False, False),
        (B, False, True),
        (C, True, False),
    ]
    assert isinstance(report.stale_rows[0], StaleRow)
    assert report.missing_containers == ()

    assert store.repair_drift(docker, report) == [A, B, C]
    statuses = {row.container_base: row.status for row in store.index()}
    assert statuses == {
        A: InstanceStatus.PRESERVED_UNPUSHED,
        B: InstanceStatus.PURGED,
        C: InstanceStatus.CLEAN_EXITED,
    }
    assert store.drift(docker).clean


def test_a_stale_live_row_is_judged_by_its_manifest(
    store: InstanceStore, docker: FakeDocker
) -> None:
    store.write_manifest(manifest_for(A))  # row: active
    store.manifest_path(A).write_text(
        manifest_for(A, status=InstanceStatus.RESTORE_AVAILABLE).to_json()
    )
    report = store.drift(docker)
    assert report.missing_containers == ()
    assert [s.container for s in report.stale_rows] == [A]


def test_unreadable_manifests_are_reported_not_judged(
    store: InstanceStore, docker: FakeDocker
) -> None:
    store.write_manifest(manifest_for(A))
    run_role_container(docker, A)
    store.manifest_path(A).write_text("{")
    report = store.drift(docker)
    assert report.unreadable_manifests == (store.manifest_path(A),)
    assert report.orphan_containers == ()
    assert report.stale_rows == ()
    assert not report.clean
    assert store.repair_drift(docker, report) == []


def test_missing_index_makes_every_manifest_stale(store: InstanceStore, docker: FakeDocker) -> None:
    store.write_manifest(manifest_for(A, status=InstanceStatus.CRASHED))
    store.paths.instances_index.unlink()
    report = store.drift(docker)
    assert [(s.container, s.row) for s in report.stale_rows] == [(A, None)]
    store.repair_drift(docker, report)
    assert [row.container_base for row in store.index()] == [A]
    assert store.paths.instances_index.exists()


def test_other_homes_and_unlabelled_role_containers_are_not_orphans(
    store: InstanceStore, docker: FakeDocker
) -> None:
    run_role_container(docker, A, store.home())
    run_role_container(docker, E, HomeIdentity("b" * 32, Path("/homes/b")))
    run_role_container(docker, F)  # an older jackin's, named by no record here
    report = store.drift(docker)
    assert [s.name for s in report.orphan_containers] == [A]
    assert [s.name for s in report.foreign_containers] == [E]
    assert [s.name for s in report.legacy_containers] == [F]
    store.write_manifest(manifest_for(A))
    assert store.drift(docker).clean  # what is not this home's is information, not drift
