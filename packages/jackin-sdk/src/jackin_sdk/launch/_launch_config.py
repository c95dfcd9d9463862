"""The capsule's launch config, `/jackin/run/agent.toml` (spec runtime §2.10 step 7).

The record is the capsule's (`jackin_capsule.contract.LaunchConfig`): the host builds it
and writes its `to_toml()`, the capsule reads the file back with `LaunchConfig.read`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from jackin_capsule.contract import LAUNCH_CONFIG, LaunchConfig
from jackin_sdk.agents import AgentRuntime
from jackin_sdk.fs import atomic_write_text
from jackin_sdk.roles import RoleManifest

__all__ = ["launch_config", "prepare_run_dir", "write_launch_config"]


def prepare_run_dir(path: Path) -> Path:
    """`<home>/sockets/<c>/` (0700): mounted at `/jackin/run`."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _model(manifest: RoleManifest, runtime: AgentRuntime) -> str | None:
    table = manifest.agent_table(runtime.agent)
    model = getattr(table, "model", None) if table is not None else None
    return model if isinstance(model, str) else None


def launch_config(
    *,
    role_key: str,
    workdir: str,
    agents: Sequence[AgentRuntime],
    manifest: RoleManifest,
    mounts: Sequence[str] = (),
    auth_modes: Mapping[str, str] | None = None,
) -> LaunchConfig:
    """The record: role, workdir, the agent allowlist, each agent's argv and auth mode."""
    return LaunchConfig(
        role=role_key,
        workdir=workdir,
        agents=tuple(runtime.agent.value for runtime in agents),
        argv={
            runtime.agent.value: runtime.launch_argv(_model(manifest, runtime))
            for runtime in agents
        },
        auth_modes=dict(auth_modes or {}),
        mounts=tuple(mounts),
    )


def write_launch_config(
    run_dir: Path,
    *,
    role_key: str,
    workdir: str,
    agents: Sequence[AgentRuntime],
    manifest: RoleManifest,
    mounts: Sequence[str] = (),
    auth_modes: Mapping[str, str] | None = None,
) -> Path:
    """Write `agent.toml` (0644) into the run dir, atomically; its path."""
    config = launch_config(
        role_key=role_key, workdir=workdir, agents=agents, manifest=manifest,
        mounts=mounts, auth_modes=auth_modes,
    )  # fmt: skip
    path = run_dir / LAUNCH_CONFIG
    atomic_write_text(path, config.to_toml(), mode=0o644)
    return path
