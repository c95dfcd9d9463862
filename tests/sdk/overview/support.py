"""Instances on a temp home and a FakeDocker, for the overview and console tests."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jackin_sdk.config import (
    ConfigEditor,
    MountConfig,
    OperatorConfig,
    WorkspaceConfig,
    load_operator_config,
)
from jackin_sdk.docker import ContainerSpec
from jackin_sdk.instances import (
    InstanceDockerNames,
    InstanceManifest,
    InstanceStatus,
    InstanceStore,
    container_base_name,
)
from jackin_sdk.paths import JackinPaths
from jackin_sdk.resources import InstanceResources, ResourceKind, managed_labels
from jackin_sdk.testing import FakeDocker

IMAGE = "jk_agent-smith:abc1234"
START = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Made:
    """An instance a test made."""

    container: str
    instance_id: str


def add_instance(
    store: InstanceStore,
    docker: FakeDocker,
    instance_id: str,
    *,
    workspace: str | None,
    label: str | None = None,
    status: InstanceStatus = InstanceStatus.RUNNING,
    running: bool | None = None,
    role: str = "agent-smith",
    age: int = 0,
    sessions: tuple[dict[str, Any], ...] = (),
) -> Made:
    """An indexed instance of `workspace` (None: ad hoc in `label`), `age` minutes old;
    its role container runs when `running` (default: when the status is live)."""
    container = container_base_name(instance_id, role, workspace)
    manifest = InstanceManifest(
        container_base=container,
        workspace_name=workspace,
        workspace_label=label or workspace or "/nowhere",
        workdir="/workspace",
        host_workdir_fingerprint="sha256:" + "0" * 64,
        role_key=role,
        display_name="Agent Smith",
        agent_runtime="claude",
        role_source_git="https://example.invalid/agent-smith.git",
        image_tag=IMAGE,
        docker=InstanceDockerNames.for_container(container, dind=False),
        status=status,
        created_at=START - dt.timedelta(minutes=age),
        sessions=sessions,
    )
    store.write_manifest(manifest)
    if running if running is not None else status.is_live:
        labels = managed_labels(container, ResourceKind.ROLE, home=store.home())
        docker.create_container(ContainerSpec(image=IMAGE, name=container, labels=labels))
        docker.start_container(container)
    return Made(container, manifest.instance_id)


def network_of(container: str) -> str:
    return InstanceResources(container).network


def save_workspace(paths: JackinPaths, name: str, project: Path, **fields: Any) -> None:
    """Save workspace `name` mounting `project` at /workspace (read-write)."""
    project.mkdir(parents=True, exist_ok=True)
    with ConfigEditor(paths) as editor:
        editor.create_workspace(
            name,
            WorkspaceConfig(
                workdir="/workspace",
                mounts=[MountConfig(src=str(project), dst="/workspace")],
                **fields,
            ),
        )
        editor.commit()


def snapshot_json(
    *tabs: tuple[str, int, list[tuple[int, str, str | None, str]]], active: int = 0
) -> str:
    """A capsule `snapshot` reply: tabs of (label, focused pane, [(id, label, agent, state)])."""
    return json.dumps(
        {
            "type": "snapshot",
            "tabs": [
                {
                    "label": label,
                    "focused_pane": focused,
                    "panes": [
                        {"session_id": i, "label": pl, "agent": agent, "state": state}
                        for i, pl, agent, state in panes
                    ],
                }
                for label, focused, panes in tabs
            ],
            "active_tab": active,
        }
    )


def config_of(paths: JackinPaths) -> OperatorConfig:
    return load_operator_config(paths)


def isolated_git(tmp: Path, monkeypatch: Any) -> None:
    """Git for test setup with a config of its own (no operator or CI settings)."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_PARAMETERS"):
        monkeypatch.delenv(name, raising=False)
    config = tmp / "gitconfig"
    config.write_text("[user]\n\tname = Test\n\temail = test@example.invalid\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def dirty_worktree(store: InstanceStore, container: str, repo: Path) -> Path:
    """Give `container` an isolated worktree of a new repository `repo` with uncommitted
    work in it (what a purge must not discard without asking); returns the worktree."""
    import subprocess  # noqa: PLC0415

    from jackin_sdk.isolation import materialize  # noqa: PLC0415
    from jackin_sdk.mounts import Isolation, Mount  # noqa: PLC0415

    repo.mkdir(parents=True)
    for args in (["init", "-q", "-b", "main"], ["commit", "-q", "--allow-empty", "-m", "start"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=30)
    done = materialize(
        [Mount(str(repo), "/workspace/proj", isolation=Isolation.WORKTREE)],
        container=container,
        state_dir=store.state_dir(container),
        workspace="proj",
        selector_key="agent-smith",
    )
    worktree = Path(done.records[0].worktree_path)
    (worktree / "notes.txt").write_text("draft\n")
    return worktree
