"""The agent last launched per workspace and role picks the agent of the next launch."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from jackin_sdk.auth import Agent
from jackin_sdk.launch import LaunchOptions, launch, resolve_target
from jackin_sdk.launch._last_agent import remember_agent, remembered_agent
from jackin_sdk.launch._role import choose_agent
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleManifest, RoleSelector
from jackin_sdk.tables import validate_table
from tests.sdk.launch.conftest import World, git

TWO_AGENTS = validate_table(
    RoleManifest, {"dockerfile": "Dockerfile", "agents": ["claude", "codex"]}
)
ROLE = RoleSelector.parse("stand-in")


def test_last_settles_a_role_with_several_agents() -> None:
    chosen = choose_agent(TWO_AGENTS, ROLE, requested=None, workspace=None, last=Agent.CODEX)
    assert chosen is Agent.CODEX


def test_everything_the_operator_said_comes_before_last() -> None:
    assert (
        choose_agent(TWO_AGENTS, ROLE, requested=Agent.CLAUDE, workspace=None, last=Agent.CODEX)
        is Agent.CLAUDE
    )
    assert (
        choose_agent(
            TWO_AGENTS, ROLE, requested=None, workspace=None,
            remembered=Agent.CLAUDE, last=Agent.CODEX,
        )
        is Agent.CLAUDE
    )  # fmt: skip


def test_a_last_agent_the_role_dropped_is_ignored() -> None:
    with pytest.raises(Exception, match="supports several agents"):
        choose_agent(TWO_AGENTS, ROLE, requested=None, workspace=None, last=Agent.AMP)


def test_memory_is_per_workspace_and_role(tmp_path: Path) -> None:
    paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    assert remembered_agent(paths, "dir:/a", "stand-in") is None
    remember_agent(paths, "dir:/a", "stand-in", Agent.CODEX)
    remember_agent(paths, "workspace:w", "stand-in", Agent.AMP)
    assert remembered_agent(paths, "dir:/a", "stand-in") is Agent.CODEX
    assert remembered_agent(paths, "workspace:w", "stand-in") is Agent.AMP
    assert remembered_agent(paths, "dir:/a", "other") is None
    remember_agent(paths, "dir:/a", "stand-in", Agent.CLAUDE)
    assert remembered_agent(paths, "dir:/a", "stand-in") is Agent.CLAUDE


_DAMAGED = [
    "",
    "not json",
    "[]",
    '{"workspaces": []}',
    '{"workspaces": {"dir:/a": {"stand-in": 1}}}',
]


@pytest.mark.parametrize("content", [*_DAMAGED, '{"workspaces": {"dir:/a": {"stand-in": "nope"}}}'])
def test_a_damaged_file_remembers_nothing_and_is_rewritten(tmp_path: Path, content: str) -> None:
    paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    paths.data_dir.mkdir(parents=True)
    (paths.data_dir / "last-agents.json").write_text(content)
    assert remembered_agent(paths, "dir:/a", "stand-in") is None
    remember_agent(paths, "dir:/a", "stand-in", Agent.CODEX)
    assert remembered_agent(paths, "dir:/a", "stand-in") is Agent.CODEX


def test_concurrent_launches_keep_each_others_memory(tmp_path: Path) -> None:
    paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    roles = [f"role-{n}" for n in range(8)]
    threads = [
        threading.Thread(target=remember_agent, args=(paths, "dir:/a", role, Agent.CODEX))
        for role in roles
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = json.loads((paths.data_dir / "last-agents.json").read_text())
    assert stored["workspaces"]["dir:/a"] == dict.fromkeys(roles, "codex")


def test_the_next_load_runs_the_agent_launched_last(world: World) -> None:
    manifest = world.role_repo / "jackin.role.toml"
    text = manifest.read_text().replace('agents = ["claude"]', 'agents = ["claude", "codex"]')
    manifest.write_text(text + "\n[codex]\n")
    git(world.role_repo, "commit", "-qam", "two agents")
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    first = launch(target, LaunchOptions(detach=True, agent=Agent.CODEX), world.context())
    assert first.agent is Agent.CODEX
    again = launch(target, LaunchOptions(detach=True), world.context())
    assert again.agent is Agent.CODEX
    assert "agent codex: the last one launched here" in " ".join(again.notes)


def test_a_memory_that_cannot_be_written_never_fails_the_launch(tmp_path: Path) -> None:
    paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    paths.data_dir.parent.mkdir(parents=True)
    paths.data_dir.write_text("a file where the data folder should be")
    remember_agent(paths, "dir:/a", "stand-in", Agent.CODEX)  # no exception
    assert remembered_agent(paths, "dir:/a", "stand-in") is None
