"""In-place actions: purge (eject + delete state), inspect, delete a workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.config import load_operator_config
from jackin_sdk.errors import CodedError
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.lifecycle import PurgeRefused, eject, purge
from jackin_sdk.overview import (
    delete_workspace,
    inspect_report,
    purge_at_risk,
    purge_instance,
)
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from tests.sdk.overview.support import (
    add_instance,
    dirty_worktree,
    isolated_git,
    save_workspace,
)


def test_stop_is_eject_and_purge_removes_container_and_state(
    store: InstanceStore, docker: FakeDocker
) -> None:
    made = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    eject(docker, store, made.container)  # what the console's stop calls
    assert made.container not in {c.name for c in docker.containers.values()}
    manifest = store.read_manifest(made.container)
    assert manifest is not None
    assert manifest.status is InstanceStatus.RESTORE_AVAILABLE

    other = add_instance(store, docker, "aaaaaaa2", workspace="alpha")
    assert purge_instance(docker, store, other.container) == []
    assert other.container not in {c.name for c in docker.containers.values()}
    assert not store.state_dir(other.container).exists()
    rows = {r.container_base: r.status for r in store.index()}
    assert rows[other.container] is InstanceStatus.PURGED


def test_inspect_report_is_the_hardline_report_escaped(
    store: InstanceStore, docker: FakeDocker
) -> None:
    made = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    lines = inspect_report(docker, store, made.container)
    assert lines[0] == f"Instance: {made.container}"
    assert "Status: running" in lines
    assert f"Role container: {made.container} (running)" in lines
    offline = inspect_report(None, store, made.container)
    assert f"Role container: {made.container} (Docker unavailable)" in offline


def test_inspect_report_escapes_manifest_text(store: InstanceStore, docker: FakeDocker) -> None:
    made = add_instance(store, docker, "aaaaaaa1", workspace=None, label="/x\x1b[2Jy")
    lines = inspect_report(docker, store, made.container)
    assert "Workspace: /x\\x1b[2Jy" in lines


def test_delete_workspace(jackin_paths: JackinPaths, tmp_path: Path) -> None:
    save_workspace(jackin_paths, "alpha", tmp_path / "a")
    save_workspace(jackin_paths, "beta", tmp_path / "b")
    delete_workspace(jackin_paths, "alpha")
    assert sorted(load_operator_config(jackin_paths).workspaces) == ["beta"]
    assert (tmp_path / "a").is_dir()  # host files are untouched
    with pytest.raises(CodedError):
        delete_workspace(jackin_paths, "alpha")


def test_a_purge_refused_by_isolated_work_says_what_is_at_risk(
    store: InstanceStore, docker: FakeDocker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_git(tmp_path, monkeypatch)
    made = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    worktree = dirty_worktree(store, made.container, tmp_path / "repo")
    with pytest.raises(PurgeRefused) as refused:
        purge_instance(docker, store, made.container)
    risk = purge_at_risk(refused.value)
    assert risk is not None
    assert "/workspace/proj: dirty" in risk
    assert worktree.exists()
    assert purge_instance(docker, store, made.container, discard_isolated=True) == []
    assert not worktree.exists()
    assert not store.state_dir(made.container).exists()


def test_other_refusals_are_not_at_risk_work(store: InstanceStore, docker: FakeDocker) -> None:
    made = add_instance(store, docker, "aaaaaaa1", workspace="alpha")
    with pytest.raises(PurgeRefused) as refused:
        purge(docker, store, made.container, discard_isolated=False)  # the container runs
    assert purge_at_risk(refused.value) is None
    assert purge_at_risk(ValueError("x")) is None
