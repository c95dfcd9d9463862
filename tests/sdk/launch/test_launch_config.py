"""`agent.toml` across the boundary: what the SDK writes is what the capsule reads, per agent."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from jackin_capsule.contract import AUTH_MODES, LAUNCH_CONFIG, LaunchConfig
from jackin_sdk.agents import AGENT_RUNTIMES, runtime_for
from jackin_sdk.auth import Agent, AuthForwardMode
from jackin_sdk.launch._launch_config import prepare_run_dir, write_launch_config
from jackin_sdk.roles import RoleManifest
from jackin_sdk.tables import validate_table

_MODEL = 'vendor/model "7" \\ x'


def _manifest(agent: Agent, model: str | None) -> RoleManifest:
    table = {"model": model} if model is not None else {}
    return validate_table(
        RoleManifest, {"dockerfile": "Dockerfile", "agents": [agent.value], agent.value: table}
    )


@pytest.mark.parametrize("agent", list(AGENT_RUNTIMES), ids=[a.value for a in AGENT_RUNTIMES])
def test_every_agent_reads_back_in_the_capsule(tmp_path: Path, agent: Agent) -> None:
    runtime = runtime_for(agent)
    model = _MODEL if runtime.model_flag else None
    run = prepare_run_dir(tmp_path / "sockets" / "jackin-acme")
    path = write_launch_config(
        run, role_key="acme/web@main", workdir="/workspace/my app", agents=[runtime],
        manifest=_manifest(agent, model), mounts=["/workspace/my app", "/workspace/lib"],
        auth_modes={agent.value: "api_key"},
    )  # fmt: skip
    assert path == run / LAUNCH_CONFIG
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    config = LaunchConfig.read(run)  # how the capsule reads it (`_config.load_config`)
    assert config == LaunchConfig(
        role="acme/web@main",
        workdir="/workspace/my app",
        agents=(agent.value,),
        argv={agent.value: runtime.launch_argv(model)},
        auth_modes={agent.value: "api_key"},
        mounts=("/workspace/my app", "/workspace/lib"),
    )
    assert config.resolve_agent(None) == agent.value
    assert config.auth_mode(agent.value) == "api_key"
    argv = config.agent_argv(agent.value)
    assert argv == runtime.launch_argv(model)
    if model is not None:
        assert argv[-2:] == (runtime.model_flag, model)


def test_every_agent_of_a_role_in_one_file(tmp_path: Path) -> None:
    runtimes = list(AGENT_RUNTIMES.values())
    manifest = validate_table(
        RoleManifest, {"dockerfile": "Dockerfile", "agents": [a.value for a in AGENT_RUNTIMES]}
    )
    write_launch_config(
        tmp_path, role_key="r", workdir="/w", agents=runtimes, manifest=manifest
    )  # fmt: skip
    config = LaunchConfig.read(tmp_path)
    assert config.agents == tuple(a.value for a in AGENT_RUNTIMES)
    assert config.resolve_agent(None) == "claude"
    for runtime in runtimes:
        assert config.agent_argv(runtime.agent.value) == runtime.launch_argv()
        assert config.auth_mode(runtime.agent.value) == "sync"
    assert config.mounts == ()


def test_every_auth_mode_the_sdk_writes_is_one_the_capsule_applies() -> None:
    # The SDK's enum types the host side; the capsule's runtime-setup refuses any other.
    assert {mode.value for mode in AuthForwardMode} == set(AUTH_MODES)
