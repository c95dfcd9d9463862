"""The credential hand-off across the boundary: what the SDK leaves in a slot, the capsule's
runtime-setup puts where the agent reads it — for every agent, both sides on one layout."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jackin_capsule.contract import AGENT_HOMES
from jackin_sdk.agents import runtime_for
from jackin_sdk.auth import Agent, AgentAuth, AuthForwardMode
from jackin_sdk.credentials import HANDOFF_SLOTS, prepare_agent_credentials
from jackin_sdk.launch._launch_config import write_launch_config
from jackin_sdk.roles import RoleManifest
from jackin_sdk.tables import validate_table


def _content(agent: Agent, relative: str) -> dict[str, str]:
    return {"from": "the host", "agent": agent.value, "path": relative}


def _host_home(root: Path, agent: Agent) -> list[str]:
    """Every file the agent's slot forwards, under a host home; their home paths."""
    slot = HANDOFF_SLOTS[agent]
    paths = [f.home_path for f in slot.files] + [f"{tree}/nested/k.json" for tree in slot.trees]
    for relative in paths:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(_content(agent, relative)))
    return paths


def _runtime_setup(root: Path, state: Path, agent: Agent) -> subprocess.CompletedProcess[str]:
    """The capsule's runtime-setup for `agent`, with `/jackin` being the SDK's state dir."""
    home, seed, run, capsule_state = root / "home", root / "seed", root / "run", root / "cstate"
    for folder in (home, seed, run, capsule_state, root / "bin"):
        folder.mkdir(parents=True)
    manifest = validate_table(RoleManifest, {"dockerfile": "Dockerfile", "agents": [agent.value]})
    write_launch_config(
        run, role_key="r", workdir="/workspace", agents=[runtime_for(agent)], manifest=manifest,
        auth_modes={agent.value: "sync"},
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JACKIN_", "GIT_", "KIMI_"))}
    env.update(
        HOME=str(home), PATH=str(root / "bin"), JACKIN_AGENT=agent.value,
        JACKIN_AUTH_MODE="sync", JACKIN_CAPSULE_DEFAULT_HOME=str(seed),
        JACKIN_CAPSULE_HANDOFF_ROOT=str(state), JACKIN_CAPSULE_STATE_DIR=str(capsule_state),
        JACKIN_CAPSULE_RUN_DIR=str(run),
    )  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "jackin_capsule", "runtime-setup"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("agent", list(Agent), ids=[a.value for a in Agent])
def test_a_synced_login_lands_where_the_agent_reads_it(tmp_path: Path, agent: Agent) -> None:
    forwarded = _host_home(tmp_path / "host", agent)
    state = tmp_path / "state"
    auth = AgentAuth(agent, AuthForwardMode.SYNC, None, ())
    creds = prepare_agent_credentials(
        state, auth, env_values={}, host_home=tmp_path / "host"
    )  # fmt: skip
    slot = HANDOFF_SLOTS[agent]
    assert [(b.source, b.target) for b in creds.binds] == [(str(state / slot.name), slot.target)]
    assert creds.notes == ()

    done = _runtime_setup(tmp_path / "container", state, agent)
    assert done.returncode == 0, done.stderr
    assert "no credentials forwarded" not in done.stderr
    home = tmp_path / "container" / "home"
    for relative in forwarded:
        target = home / relative
        assert stat.S_IMODE(target.stat().st_mode) == 0o600, relative
        # runtime-setup may add its own keys (Claude's onboarding), never drop the host's
        assert json.loads(target.read_text()).items() >= _content(agent, relative).items()
    assert (home / AGENT_HOMES[agent.value].credential).exists()
