"""Checks beyond types: auth modes per agent, reserved env names, workspace rules."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.config._errors import ConfigError
from jackin_sdk.config._models import (
    AppConfig,
    GlobalMountConfig,
    WorkspaceConfig,
    _AgentTables,
)
from jackin_sdk.env import EnvError, EnvLayer, check_reserved
from jackin_sdk.errors import Location
from jackin_sdk.limits import LimitLayer, check_limit_settings
from jackin_sdk.mounts import (
    GlobalMountEntry,
    Mount,
    MountError,
    MountPathError,
    check_mount_paths,
    validate_global_mounts,
    validate_workspace_mounts,
)
from jackin_sdk.text import printable, require_printable
from jackin_sdk.vocab import Agent, supported_modes

__all__ = [
    "global_mount_entries",
    "operator_limit_layers",
    "validate_app",
    "validate_workspace",
    "workspace_mounts",
]


def workspace_mounts(workspace: WorkspaceConfig) -> list[Mount]:
    """The workspace's `[[mounts]]` as `Mount` values."""
    return [Mount(m.src, m.dst, m.readonly, m.isolation) for m in workspace.mounts]


def global_mount_entries(app: AppConfig) -> list[GlobalMountEntry]:
    """`[docker.mounts]` flattened: unscoped entries have scope None."""
    entries: list[GlobalMountEntry] = []
    for key, entry in app.docker.mounts.items():
        if isinstance(entry, GlobalMountConfig):
            entries.append(GlobalMountEntry(None, key, Mount(entry.src, entry.dst, entry.readonly)))
        else:
            for name, mount in entry.items():
                entries.append(
                    GlobalMountEntry(key, name, Mount(mount.src, mount.dst, mount.readonly))
                )
    return entries


def _auth_problems(tables: _AgentTables, *, suffix: str = "") -> list[str]:
    problems = []
    for agent in Agent:
        config = tables.agent_auth(agent)
        if config is not None and config.auth_forward not in supported_modes(agent):
            problems.append(
                f"auth_forward '{config.auth_forward}' is not supported for {agent}{suffix}; "
                f"supported modes: {', '.join(m.value for m in supported_modes(agent))}"
            )
    return problems


def _reserved_problems(layers: list[EnvLayer]) -> list[str]:
    try:
        check_reserved(layers)
    except EnvError as exc:
        return list(exc.problems)
    return []


def _toml_key(part: str) -> str:
    return part if part.replace("-", "").replace("_", "").isalnum() else f'"{part}"'


def _check_global_mount_paths(app: AppConfig, *, file: Path) -> None:
    """E018 naming the `[docker.mounts]` field whose path the container cannot get."""
    for entry in global_mount_entries(app):
        try:
            check_mount_paths(entry.mount, allow_tilde=True)
        except MountPathError as error:
            keys = ["docker", "mounts", *([entry.scope] if entry.scope else []), entry.name]
            field = ".".join([*(_toml_key(k) for k in keys), error.field])
            raise error.at(location=Location(file=file, field=field)) from None


def _check_workspace_mount_paths(workspace: WorkspaceConfig, *, file: Path) -> None:
    """E018 naming the `[[mounts]]` table (1-based) and key of a path that cannot be bound."""
    for number, mount in enumerate(workspace_mounts(workspace), start=1):
        try:
            check_mount_paths(mount)
        except MountPathError as error:
            raise error.at(
                origin=f"[[mounts]] table {number} of {len(workspace.mounts)}",
                location=Location(file=file, field=f"mounts[{number}].{error.field}"),
            ) from None


def validate_app(app: AppConfig, *, file: Path) -> None:
    """Reject unsupported auth modes, reserved env names and unprintable mount labels.

    A global mount path the container cannot get is E018 naming its field; a resource
    limit out of range is E023.
    """
    docker = app.docker
    check_limit_settings(
        LimitLayer("config.toml", docker.pids_limit, docker.memory, docker.cpus, file=file)
    )
    for entry in global_mount_entries(app):
        scope = [] if entry.scope is None else [printable(entry.scope)]
        field = ".".join(["docker", "mounts", *scope, printable(entry.name)])
        where = Location(file=file, field=field)
        if entry.scope is not None:
            require_printable(entry.scope, what="mount scope", location=where)
        require_printable(entry.name, what="mount label", location=where)
    _check_global_mount_paths(app, file=file)
    problems = _auth_problems(app)
    layers = [EnvLayer.global_env(app.env)]
    layers += [EnvLayer.role(key, source.env) for key, source in app.roles.items()]
    problems += _reserved_problems(layers)
    try:
        validate_global_mounts(global_mount_entries(app))
    except MountError as exc:
        problems.append(f"[docker.mounts]: {exc.message}")
    if problems:
        raise ConfigError(
            "\n  ".join(problems),
            location=Location(file=file),
            hint=f"Fix {file} and run the command again",
        )


def validate_workspace(name: str, workspace: WorkspaceConfig, *, file: Path) -> None:
    """Run the workspace rules of upstream-config.md §3 (first failure wins).

    A mount path the container cannot get is E018 naming its `[[mounts]]` table and key; a
    resource limit out of range is E023.
    """
    require_printable(name, what="workspace name", location=Location(file=file))
    if workspace.docker is not None:
        docker = workspace.docker
        check_limit_settings(
            LimitLayer(f"workspace {name}", docker.pids_limit, docker.memory, docker.cpus,
                       file=file)
        )  # fmt: skip
    _check_workspace_mount_paths(workspace, file=file)
    try:
        validate_workspace_mounts(
            name,
            workspace.workdir,
            workspace_mounts(workspace),
            allowed_roles=workspace.allowed_roles,
            default_role=workspace.default_role,
        )
    except MountError as exc:
        raise ConfigError(
            exc.message,
            location=Location(file=file),
            hint=f"Fix {file}, or change it with `jackin workspace edit {name}`",
        ) from None
    problems = _auth_problems(workspace)
    for role_key, override in workspace.roles.items():
        problems += _auth_problems(override, suffix=f" in role {role_key}")
    layers = [EnvLayer.workspace(name, workspace.env)]
    layers += [
        EnvLayer.workspace_role(name, key, override.env)
        for key, override in workspace.roles.items()
    ]
    problems += _reserved_problems(layers)
    if problems:
        raise ConfigError(
            "\n  ".join(problems),
            location=Location(file=file),
            hint=f"Fix {file} and run the command again",
        )


def operator_limit_layers(
    app: AppConfig,
    workspace: WorkspaceConfig | None,
    *,
    workspace_name: str | None = None,
    config_file: Path | None = None,
    workspace_file: Path | None = None,
) -> list[LimitLayer]:
    """config.toml's `[docker]`, then the workspace's, as limit layers."""
    layers = [
        LimitLayer(
            "config.toml", app.docker.pids_limit, app.docker.memory, app.docker.cpus,
            file=config_file,
        )
    ]  # fmt: skip
    local = workspace.docker if workspace is not None else None
    if local is not None:
        source = f"workspace {workspace_name}" if workspace_name else "the workspace"
        layers.append(
            LimitLayer(source, local.pids_limit, local.memory, local.cpus, file=workspace_file)
        )
    return layers
