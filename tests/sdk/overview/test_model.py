"""The sidebar model: which rows, in which order, with which instances."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.overview import (
    CURRENT_DIRECTORY_LABEL,
    NEW_WORKSPACE_LABEL,
    EntryKind,
    load_overview,
)
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from tests.sdk.overview.support import add_instance, config_of, save_workspace


def test_rows_are_current_directory_saved_by_name_other_directories_then_new(
    jackin_paths: JackinPaths, store: InstanceStore, docker: FakeDocker, tmp_path: Path
) -> None:
    save_workspace(jackin_paths, "zeta", tmp_path / "z")
    save_workspace(jackin_paths, "alpha", tmp_path / "a")
    cwd = tmp_path / "here"
    cwd.mkdir()
    add_instance(store, docker, "aaaaaaa1", workspace="alpha", age=2)
    add_instance(store, docker, "aaaaaaa2", workspace="alpha", age=1)
    add_instance(store, docker, "ccccccc1", workspace=None, label=str(cwd))
    add_instance(store, docker, "ddddddd1", workspace=None, label="/elsewhere")
    add_instance(store, docker, "eeeeeee1", workspace="removed-since")
    add_instance(store, docker, "fffffff1", workspace="zeta", status=InstanceStatus.PURGED)

    overview = load_overview(config_of(jackin_paths), store, docker, cwd=cwd)

    shown = [(e.kind, e.label, [i.instance_id for i in e.instances]) for e in overview.entries]
    assert shown == [
        (EntryKind.CURRENT, CURRENT_DIRECTORY_LABEL, ["ccccccc1"]),
        (EntryKind.SAVED, "alpha", ["aaaaaaa2", "aaaaaaa1"]),  # newest first
        (EntryKind.DIRECTORY, "removed-since", ["eeeeeee1"]),
        (EntryKind.SAVED, "zeta", []),  # the purged tombstone is not listed
        (EntryKind.DIRECTORY, "/elsewhere", ["ddddddd1"]),
        (EntryKind.NEW, NEW_WORKSPACE_LABEL, []),
    ]
    assert overview.entries[0].directory == str(cwd.resolve())
    assert [e.launchable for e in overview.entries] == [True, True, False, True, False, False]
    assert [e.is_saved for e in overview.entries] == [False, True, False, True, False, False]
    assert len({e.key for e in overview.entries}) == len(overview.entries)


def test_instance_state_and_status_label(
    jackin_paths: JackinPaths, store: InstanceStore, docker: FakeDocker, tmp_path: Path
) -> None:
    save_workspace(jackin_paths, "alpha", tmp_path / "a")
    live = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    gone = add_instance(store, docker, "aaaaaaa2", workspace="alpha", running=False)
    kept = add_instance(
        store, docker, "aaaaaaa3", workspace="alpha", status=InstanceStatus.RESTORE_AVAILABLE
    )
    overview = load_overview(config_of(jackin_paths), store, docker, cwd=tmp_path)
    entries = {i.container: i for i in overview.entries[1].instances}

    assert entries[live.container].live
    assert entries[live.container].status_label == "running"
    assert not entries[gone.container].live
    assert entries[gone.container].status_label == "gone"  # what reconnect will find
    assert not entries[kept.container].live
    assert entries[kept.container].status_label == "restore-available"
    assert entries[live.container].label == "aaaaaaa1 agent-smith"
    assert overview.instance(kept.container) == (overview.entries[1], entries[kept.container])
    assert overview.instance("jk-nothing") is None


def test_without_the_engine_states_are_unknown_and_live_statuses_not_live(
    jackin_paths: JackinPaths, store: InstanceStore, docker: FakeDocker, tmp_path: Path
) -> None:
    save_workspace(jackin_paths, "alpha", tmp_path / "a")
    add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    overview = load_overview(config_of(jackin_paths), store, None, cwd=tmp_path)
    (instance,) = overview.entries[1].instances
    assert instance.state == "unknown"
    assert instance.status_label == "running"
    assert not instance.live


def test_labels_are_escaped(
    jackin_paths: JackinPaths, store: InstanceStore, docker: FakeDocker, tmp_path: Path
) -> None:
    add_instance(store, docker, "aaaaaaa1", workspace=None, label="/tmp/\x1b]0;owned\x07")
    overview = load_overview(config_of(jackin_paths), store, docker, cwd=tmp_path)
    assert overview.entries[1].label == "/tmp/\\x1b]0;owned\\x07"
