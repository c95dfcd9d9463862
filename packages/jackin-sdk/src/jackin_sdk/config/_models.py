"""Typed models of `config.toml` (v1alpha11) and `workspaces/<name>.toml` (v1alpha10).

Strictness follows the reference (upstream-config.md §2–3): top levels, `[runtime]` and
`[[mounts]]` are lax (unknown keys dropped from the model but kept in the file, since edits
go through the format-preserving document); every other table is strict.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field

from jackin_sdk.agents import InstallConfig
from jackin_sdk.env import EnvValue
from jackin_sdk.mounts import Isolation
from jackin_sdk.tables import (
    Keyword,
    LaxTable,
    StrictTable,
    Table,
    json_schema,
    member,
    shape_union,
)
from jackin_sdk.vocab import Agent, AuthForwardMode, GithubAuthMode

__all__ = [
    "AGENT_TABLES",
    "CONFIG_SCHEMA",
    "WORKSPACE_SCHEMA",
    "AgentAuthConfig",
    "AppConfig",
    "DindPrivilege",
    "DirtyExitPolicy",
    "DockerConfig",
    "DockerGrants",
    "DockerProfile",
    "GitConfig",
    "GithubAuthConfig",
    "GlobalMountConfig",
    "KeepAwakeConfig",
    "MountConfig",
    "RoleSource",
    "RuntimeConfig",
    "TelemetryConfig",
    "WorkspaceConfig",
    "WorkspaceDockerConfig",
    "WorkspaceRoleOverride",
    "WorkspaceRuntimeConfig",
    "config_json_schema",
    "workspace_json_schema",
]

#: The per-agent table names, in the reference's enum order.
AGENT_TABLES: tuple[str, ...] = tuple(agent.value for agent in Agent)

EnvMap = dict[str, EnvValue]


class DirtyExitPolicy(StrEnum):
    """What happens to dirty or unpushed isolated work when an agent exits."""

    ASK = "ask"
    KEEP = "keep"
    DISCARD = "discard"


class DockerProfile(StrEnum):
    """The reference's security profiles; parsed for compatibility, not enforced yet."""

    LOCKED = "locked"
    HARDENED = "hardened"
    STANDARD = "standard"
    COMPAT = "compat"


class AgentAuthConfig(StrictTable):
    """`[<agent>]` at any layer. Its mere presence pins the mode at that layer."""

    auth_forward: Annotated[AuthForwardMode, Keyword] = AuthForwardMode.SYNC
    sync_source_dir: str | None = None


class GithubAuthConfig(StrictTable):
    """`[github]`: how the GitHub CLI is authenticated, and its own env layer."""

    auth_forward: Annotated[GithubAuthMode, Keyword] = GithubAuthMode.SYNC
    env: EnvMap = Field(default_factory=dict)


class RoleSource(StrictTable):
    """`[roles.<key>]` in config.toml: where a role comes from and whether it is trusted."""

    git: str
    trusted: bool = False
    env: EnvMap = Field(default_factory=dict)


class GlobalMountConfig(StrictTable):
    """One global mount in `[docker.mounts]` (always shared)."""

    src: str
    dst: str
    readonly: bool = False


class DockerGrants(StrictTable):
    """`[docker.grants]`; kept for compatibility with reference files."""

    network: Literal["none", "allowlist", "open"] | None = None
    allowed_hosts: list[str] | None = None
    dind: Literal["none", "rootless", "privileged"] | None = None
    user: str | None = None
    sudo: bool | None = None
    system_writes: bool | None = None
    memory: str | None = None
    memory_reservation: str | None = None
    cpus: float | None = None
    pids: int | None = None
    nofile: int | None = None
    capabilities_add: list[str] | None = None


_MOUNT, _ROLE_SCOPE = "<mount>", "<role scope>"


def _mount_entry_kind(value: object) -> str | None:
    """A table of tables is a role's scope of mounts; any other table is one mount."""
    if isinstance(value, GlobalMountConfig):
        return _MOUNT
    if isinstance(value, Mapping):
        scoped = all(isinstance(v, Mapping | GlobalMountConfig) for v in value.values())
        return _ROLE_SCOPE if scoped else _MOUNT
    return None


#: A named global mount, or a table of role-scoped ones (`[docker.mounts.<role>.<name>]`).
GlobalMountEntry = Annotated[
    Annotated[GlobalMountConfig, member(_MOUNT)]
    | Annotated[dict[str, GlobalMountConfig], member(_ROLE_SCOPE)],
    shape_union(_mount_entry_kind, expected="a table"),
]


DindPrivilege = Literal["privileged", "capabilities"]


class _DindSettings(Table):
    dind: bool | None = None
    dind_image: str | None = None
    dind_privilege: DindPrivilege | None = None


class _LimitSettings(Table):
    """Resource limits of the instance's containers (v1alpha11 / workspace v1alpha10).

    `pids_limit` (processes and threads; unset = 4096), `memory` (a size such as `"8g"`)
    and `cpus` (such as 2.5); 0 means no limit. Ranges are checked by `jackin_sdk.limits`.
    """

    pids_limit: int | None = None
    memory: str | None = None
    cpus: float | None = None


class DockerConfig(StrictTable, _DindSettings, _LimitSettings):
    """`[docker]` in config.toml: global mounts, DinD settings, limits, profile, grants.

    `dind` (default on), `dind_image` and `dind_privilege` (`privileged`, or
    `capabilities` for hosts that refuse `--privileged`; unset = what the probe finds)
    arrived in v1alpha10; `pids_limit`, `memory` and `cpus` in v1alpha11.
    """

    mounts: dict[str, GlobalMountEntry] = Field(default_factory=dict)
    profile: Annotated[DockerProfile, Keyword] | None = None
    grants: DockerGrants | None = None


class RuntimeConfig(LaxTable):
    """`[runtime]`: the default container backend (free string, `docker` by default)."""

    default_backend: str | None = None


class TelemetryConfig(StrictTable):
    """`[telemetry]`: log level and categories (env vars override)."""

    level: Literal["info", "debug", "trace"] | None = None
    categories: list[str] = Field(default_factory=list)


class GitConfig(StrictTable):
    """`[git]`: commit trailers added inside containers."""

    coauthor_trailer: bool = False
    dco: bool = False


class _AgentTables(Table):
    claude: AgentAuthConfig | None = None
    codex: AgentAuthConfig | None = None
    amp: AgentAuthConfig | None = None
    kimi: AgentAuthConfig | None = None
    opencode: AgentAuthConfig | None = None
    grok: AgentAuthConfig | None = None

    def agent_auth(self, agent: Agent) -> AgentAuthConfig | None:
        """The `[<agent>]` table at this layer, if present."""
        value = getattr(self, agent.value)
        assert value is None or isinstance(value, AgentAuthConfig)
        return value


class AppConfig(LaxTable, _AgentTables):
    """The global operator config, `config.toml`."""

    version: str | None = None
    dirty_exit_policy: Annotated[DirtyExitPolicy, Keyword] | None = None
    role_repo_refresh_ttl_seconds: Annotated[int, Field(ge=0)] | None = None
    github: GithubAuthConfig | None = None
    env: EnvMap = Field(default_factory=dict)
    roles: dict[str, RoleSource] = Field(default_factory=dict)
    docker: DockerConfig = Field(default_factory=DockerConfig)
    runtime: RuntimeConfig | None = None
    telemetry: TelemetryConfig | None = None
    git: GitConfig | None = None
    install: InstallConfig | None = None
    """`[install]`: where agent binaries come from (jackin's own; the top level is lax,
    so the reference reads such a file and ignores it)."""


class MountConfig(LaxTable):
    """`[[mounts]]` in a workspace file."""

    src: str
    dst: str
    readonly: bool = False
    isolation: Annotated[Isolation, Keyword] = Isolation.SHARED


class KeepAwakeConfig(StrictTable):
    """`[keep_awake]`: keep the host awake while an agent of this workspace runs."""

    enabled: bool = False


class WorkspaceRuntimeConfig(LaxTable):
    """`[runtime]` in a workspace file."""

    backend: str | None = None


class WorkspaceDockerConfig(StrictTable, _DindSettings, _LimitSettings):
    """`[docker]` in a workspace file (no mounts); DinD settings and resource limits
    (v1alpha10) override config.toml's."""

    profile: Annotated[DockerProfile, Keyword] | None = None
    grants: DockerGrants | None = None


class WorkspaceRoleOverride(StrictTable, _AgentTables):
    """`[roles.<key>]` in a workspace file: the most specific env and auth layer."""

    env: EnvMap = Field(default_factory=dict)
    github: GithubAuthConfig | None = None


class WorkspaceConfig(LaxTable, _AgentTables):
    """A saved workspace, `workspaces/<name>.toml`."""

    version: str | None = None
    workdir: str
    mounts: list[MountConfig] = Field(default_factory=list)
    allowed_roles: list[str] = Field(default_factory=list)
    default_role: str | None = None
    default_agent: Annotated[Agent, Keyword] | None = None
    last_role: str | None = None
    git_pull_on_entry: bool = False
    dirty_exit_policy: Annotated[DirtyExitPolicy, Keyword] | None = None
    keep_awake: KeepAwakeConfig | None = None
    runtime: WorkspaceRuntimeConfig | None = None
    docker: WorkspaceDockerConfig | None = None
    env: EnvMap = Field(default_factory=dict)
    github: GithubAuthConfig | None = None
    roles: dict[str, WorkspaceRoleOverride] = Field(default_factory=dict)
    install: InstallConfig | None = None
    """`[install]`: agent install sources for this workspace (over config.toml's)."""


#: The names of the published schemas (`schemas/<name>.schema.json`).
CONFIG_SCHEMA = "config"
WORKSPACE_SCHEMA = "workspace"


def config_json_schema() -> dict[str, Any]:
    """The JSON Schema of `config.toml` (`jackin config schema config`)."""
    return json_schema(AppConfig, name=CONFIG_SCHEMA, title="jackin config.toml")


def workspace_json_schema() -> dict[str, Any]:
    """The JSON Schema of a workspace file (`jackin config schema workspace`)."""
    return json_schema(WorkspaceConfig, name=WORKSPACE_SCHEMA, title="jackin workspace file")
