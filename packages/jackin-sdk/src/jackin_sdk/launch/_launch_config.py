"""The capsule's launch config, `/jackin/run/agent.toml` (spec runtime §2.10 step 7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from jackin_sdk.agents import AgentRuntime
from jackin_sdk.fs import atomic_write_text
from jackin_sdk.roles import RoleManifest

__all__ = ["prepare_run_dir", "write_launch_config"]


def prepare_run_dir(path: Path) -> Path:
    """`<home>/sockets/<c>/` (0700): mounted at `/jackin/run`."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _model(manifest: RoleManifest, runtime: AgentRuntime) -> str | None:
    table = manifest.agent_table(runtime.agent)
    model = getattr(table, "model", None) if table is not None else None
    return model if isinstance(model, str) else None


def write_launch_config(
    run_dir: Path,
    *,
    role_key: str,
    workdir: str,
    agents: Sequence[AgentRuntime],
    manifest: RoleManifest,
    extra: Mapping[str, object] | None = None,
) -> Path:
    """Write `agent.toml`: role, workdir, the agent allowlist and each agent's argv."""
    import tomlkit  # noqa: PLC0415 - only launches write it

    document = tomlkit.document()
    document["role"] = role_key
    document["workdir"] = workdir
    document["agents"] = [runtime.agent.value for runtime in agents]
    for key, value in (extra or {}).items():
        document[key] = value
    argv = tomlkit.table()
    for runtime in agents:
        argv[runtime.agent.value] = list(runtime.launch_argv(_model(manifest, runtime)))
    document["argv"] = argv
    path = run_dir / "agent.toml"
    atomic_write_text(path, tomlkit.dumps(document), mode=0o644)
    return path
