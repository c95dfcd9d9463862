"""Typed models of `config.toml` (v1alpha11) and `workspaces/<name>.toml` (v1alpha10).

Strictness follows the reference (upstream-config.md §2–3): top levels, `[runtime]` and
`[[mounts]]` are lax (unknown keys dropped from the model but kept in the file, since edits
go through the format-preserving document); every other table is strict.
"""

from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from typing import Annotated, Literal

from jackin_sdk.agents import InstallConfig
from jackin_sdk.auth import Agent, AuthForwardMode, GithubAuthMode
from jackin_sdk.env import EnvValue
from jackin_sdk.mounts import Isolation
from jackin_sdk.schema import AtLeast, Record

__all__ = [
    "AGENT_TABLES",
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
]

#: The per-agent table names, in the reference's enum order.
AGENT_TABLES: tuple[str, ...] = tuple(agent.value for agent in Agent)

EnvMap = dict[str, EnvValue]


class _Strict(Record):
    pass


class _Lax(Record, extra="ignore"):
    pass


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


class AgentAuthConfig(_Strict):
    """`[<agent>]` at any layer. Its mere presence pins the mode at that layer."""

    auth_forward: AuthForwardMode = AuthForwardMode.SYNC
    sync_source_dir: str | None = None


class GithubAuthConfig(_Strict):
    """`[github]`: how the GitHub CLI is authenticated, and its own env layer."""

    auth_forward: GithubAuthMode = GithubAuthMode.SYNC
    env: EnvMap = field(default_factory=dict)


class RoleSource(_Strict):
    """`[roles.<key>]` in config.toml: where a role comes from and whether it is trusted."""

    git: str
    trusted: bool = False
    env: EnvMap = field(default_factory=dict)


class GlobalMountConfig(_Strict):
    """One global mount in `[docker.mounts]` (always shared)."""

    src: str
    dst: str
    readonly: bool = False


class DockerGrants(_Strict):
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


#: A named global mount, or a table of role-scoped ones (`[docker.mounts.<role>.<name>]`).
GlobalMountEntry = GlobalMountConfig | dict[str, GlobalMountConfig]


DindPrivilege = Literal["privileged", "capabilities"]


class _DindSettings(Record):
    dind: bool | None = None
    dind_image: str | None = None
    dind_privilege: DindPrivilege | None = None


class _LimitSettings(Record):
    """Resource limits of the instance's containers (v1alpha11 / workspace v1alpha10).

    `pids_limit` (processes and threads; unset = 4096), `memory` (a size such as `"8g"`)
    and `cpus` (such as 2.5); 0 means no limit. Ranges are checked by `jackin_sdk.limits`.
    """

    pids_limit: int | None = None
    memory: str | None = None
    cpus: float | None = None


class DockerConfig(_Strict, _DindSettings, _LimitSettings):
    """`[docker]` in config.toml: global mounts, DinD settings, limits, profile, grants.

    `dind` (default on), `dind_image` and `dind_privilege` (`privileged`, or
    `capabilities` for hosts that refuse `--privileged`; unset = what the probe finds)
    arrived in v1alpha10; `pids_limit`, `memory` and `cpus` in v1alpha11.
    """

    mounts: dict[str, GlobalMountEntry] = field(default_factory=dict)
    profile: DockerProfile | None = None
    grants: DockerGrants | None = None


class RuntimeConfig(_Lax):
    """`[runtime]`: the default container backend (free string, `docker` by default)."""

    default_backend: str | None = None


class TelemetryConfig(_Strict):
    """`[telemetry]`: log level and categories (env vars override)."""

    level: Literal["info", "debug", "trace"] | None = None
    categories: list[str] = field(default_factory=list)


class GitConfig(_Strict):
    """`[git]`: commit trailers added inside containers."""

    coauthor_trailer: bool = False
    dco: bool = False


class _AgentTables(Record):
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


class AppConfig(_Lax, _AgentTables):
    """The global operator config, `config.toml`."""

    version: str | None = None
    dirty_exit_policy: DirtyExitPolicy | None = None
    role_repo_refresh_ttl_seconds: Annotated[int, AtLeast(0)] | None = None
    github: GithubAuthConfig | None = None
    env: EnvMap = field(default_factory=dict)
    roles: dict[str, RoleSource] = field(default_factory=dict)
    docker: DockerConfig = field(default_factory=DockerConfig)
    runtime: RuntimeConfig | None = None
    telemetry: TelemetryConfig | None = None
    git: GitConfig | None = None
    install: InstallConfig | None = None
    """`[install]`: where agent binaries come from (jackin's own; the top level is lax,
    so the reference reads such a file and ignores it)."""


class MountConfig(_Lax):
    """`[[mounts]]` in a workspace file."""

    src: str
    dst: str
    readonly: bool = False
    isolation: Isolation = Isolation.SHARED


class KeepAwakeConfig(_Strict):
    """`[keep_awake]`: keep the host awake while an agent of this workspace runs."""

    enabled: bool = False


class WorkspaceRuntimeConfig(_Lax):
    """`[runtime]` in a workspace file."""

    backend: str | None = None


class WorkspaceDockerConfig(_Strict, _DindSettings, _LimitSettings):
    """`[docker]` in a workspace file (no mounts); DinD settings and resource limits
    (v1alpha10) override config.toml's."""

    profile: DockerProfile | None = None
    grants: DockerGrants | None = None


class WorkspaceRoleOverride(_Strict, _AgentTables):
    """`[roles.<key>]` in a workspace file: the most specific env and auth layer."""

    env: EnvMap = field(default_factory=dict)
    github: GithubAuthConfig | None = None


class WorkspaceConfig(_Lax, _AgentTables):
    """A saved workspace, `workspaces/<name>.toml`."""

    version: str | None = None
    workdir: str
    mounts: list[MountConfig] = field(default_factory=list)
    allowed_roles: list[str] = field(default_factory=list)
    default_role: str | None = None
    default_agent: Agent | None = None
    last_role: str | None = None
    git_pull_on_entry: bool = False
    dirty_exit_policy: DirtyExitPolicy | None = None
    keep_awake: KeepAwakeConfig | None = None
    runtime: WorkspaceRuntimeConfig | None = None
    docker: WorkspaceDockerConfig | None = None
    env: EnvMap = field(default_factory=dict)
    github: GithubAuthConfig | None = None
    roles: dict[str, WorkspaceRoleOverride] = field(default_factory=dict)
    install: InstallConfig | None = None
    """`[install]`: agent install sources for this workspace (over config.toml's)."""
