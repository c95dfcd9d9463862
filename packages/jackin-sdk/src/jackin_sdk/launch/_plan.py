"""The launch plan: what `jackin load` will do, resolved once (spec cli §3.2).

`plan_launch` is the one place a launch's choices are settled: the agent and what chose
it, Docker-in-Docker on or off and why (image, privilege mode), the derived image, the
mounts with their isolation, every agent's auth mode, which env keys travel in the
secrets file and which in the container's environment, the labels, the network and the
containers' resource limits. The
pipeline computes it right after reading the role and acts on it; `--dry-run` computes
it with `dry_run_plan` from the same function and prints it, so the two cannot drift.
A dry run reads the role from its cached checkout only (no fetch, no trust prompt, no
write); a role never cloned here leaves the fields that depend on it unknown, saying so.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from jackin_sdk.auth import Agent
from jackin_sdk.launch._target import LaunchTarget
from jackin_sdk.limits import ResourceLimits

if TYPE_CHECKING:
    from jackin_sdk.agents import AgentInstall
    from jackin_sdk.auth import AgentAuth
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.dind import DindSettings
    from jackin_sdk.launch._pipeline import LaunchOptions
    from jackin_sdk.launch._role import ResolvedRole

__all__ = ["LaunchPlan", "dry_run_plan", "plan_launch"]

_ROLE_UNREAD = "decided when load reads the role"
_AGENT_SOURCES = {
    "default_agent": "the workspace's default_agent",
    "only": "the role's only agent",
    "last": "the last one launched here",
}


@dataclass(frozen=True, slots=True)
class LaunchPlan:
    """A resolved target plus every choice of this launch; nothing has been touched.

    Fields that depend on the role's manifest (`agent`, `image`, `auth`, `plain_env`, and
    DinD when the role turns it off) are None or empty when the role was not read
    (`role_read` False); `notes` then says why.
    """

    target: LaunchTarget
    agent: Agent | None
    rebuild: bool = False
    role_branch: str | None = None
    detach: bool = False
    dind: bool = True
    dind_disabled_by: str | None = None
    notes: tuple[str, ...] = field(default=())
    secret_env: tuple[str, ...] = ()
    """Env keys that travel in the 0600 secrets file (names only, never values): the
    operator's, and the role's defaults that look like credentials."""
    agent_source: str | None = None
    """What chose the agent: `--agent`, `default_agent`, `only` (the role's single agent),
    `last` (the last one launched here); None when it is not decided yet."""
    role_read: bool = False
    role_commit: str | None = None
    display_name: str | None = None
    trusted: bool = True
    """Whether the role's source is trusted; load asks (or refuses) otherwise."""
    image: str | None = None
    """The derived image the role container runs."""
    dind_image: str | None = None
    dind_privilege: str | None = None
    """The configured sidecar privilege mode; None lets the engine probe decide."""
    auth: tuple[AgentAuth, ...] = ()
    """The resolved auth of every agent the role supports."""
    github_auth: str | None = None
    plain_env: tuple[str, ...] = ()
    """Env keys that reach the container's configured environment: the role's own
    published defaults that look like no credential."""
    container: str | None = None
    """The instance's container once the launch claimed a name; None in a dry run."""
    limits: ResourceLimits = field(default_factory=ResourceLimits)
    """pids, memory and CPU limits of the role container and of its DinD sidecar, each."""
    agent_installs: tuple[AgentInstall, ...] = ()
    """Where each supported agent's binary comes from (`[install]` layers)."""

    @classmethod
    def for_target(
        cls,
        target: LaunchTarget,
        *,
        agent: Agent | None = None,
        rebuild: bool = False,
        role_branch: str | None = None,
        detach: bool = False,
        config: OperatorConfig | None = None,
    ) -> LaunchPlan:
        """A plan from the target alone (no role read). Prefer `dry_run_plan` and
        `plan_launch`, which settle every field; with `config` this one names the operator
        env keys that will travel as secrets and the config's DinD choice."""
        from jackin_sdk.launch._pipeline import LaunchOptions  # noqa: PLC0415

        options = LaunchOptions(agent=agent, rebuild=rebuild, role_branch=role_branch,
                                detach=detach)  # fmt: skip
        if config is None:
            workspace = target.workspace
            default = workspace.default_agent if workspace is not None else None
            chosen = agent or default
            return cls(target, chosen, rebuild=rebuild, role_branch=role_branch, detach=detach)
        return plan_launch(target, options, config, role=None, host_env={})

    @property
    def dind_settings(self) -> DindSettings:
        """The DinD choice as the sidecar stage takes it."""
        from jackin_sdk.dind import DindPrivilegeMode, DindSettings  # noqa: PLC0415

        privilege = DindPrivilegeMode(self.dind_privilege) if self.dind_privilege else None
        image = self.dind_image or ""
        return DindSettings(self.dind, image, privilege, self.dind_disabled_by)

    @property
    def auth_modes(self) -> dict[str, str]:
        """Each supported agent's auth mode, as `agent.toml` records it."""
        return {auth.agent.value: auth.mode.value for auth in self.auth}

    def network_for(self, container: str) -> str:
        """The instance's private network (`<c>-net`)."""
        from jackin_sdk.resources import InstanceResources  # noqa: PLC0415

        return InstanceResources(container).network

    @property
    def network(self) -> str:
        """The network by name, or its pattern before a name is claimed."""
        return self.network_for(self.container) if self.container else "<container>-net"

    @property
    def labels(self) -> dict[str, str]:
        """The role container's labels that do not depend on the instance id."""
        from jackin_sdk.launch._container import role_labels  # noqa: PLC0415

        if self.image is None or self.display_name is None:
            return {}
        return role_labels(self.target.role.key, self.display_name, self.image)

    def with_container(self, container: str) -> LaunchPlan:
        """This plan with the instance's claimed container name."""
        return replace(self, container=container)

    def to_data(self) -> dict[str, Any]:
        """The `data` of `load --dry-run --format json`, with our extra keys last."""
        target = self.target
        return {
            "workspace": target.workspace_label,
            "workdir": target.workdir,
            "role": target.role.key,
            "role_branch": self.role_branch,
            "agent": self.agent.value if self.agent is not None else None,
            "rebuild": self.rebuild,
            "mounts": [
                {
                    "host_src": m.src,
                    "container_dest": m.dst,
                    "isolation": m.isolation.value,
                    "readonly": m.readonly,
                }
                for m in target.mounts
            ],
            "workspace_name": target.workspace_name,
            "detach": self.detach,
            "dind": self.dind,
            "dind_disabled_by": self.dind_disabled_by,
            "secret_env": list(self.secret_env),
            "agent_source": self.agent_source,
            "role_read": self.role_read,
            "role_commit": self.role_commit,
            "trusted": self.trusted,
            "image": self.image,
            "dind_image": self.dind_image if self.dind else None,
            "dind_privilege": self.dind_privilege if self.dind else None,
            "auth_modes": self.auth_modes,
            "github_auth": self.github_auth,
            "plain_env": list(self.plain_env),
            "network": self.network,
            "labels": self.labels,
            "limits": self.limits.to_data(),
            "agent_installs": {i.agent.value: i.to_data() for i in self.agent_installs},
            "notes": list(self.notes),
        }

    def _dind_line(self) -> str:
        if not self.dind:
            return f"off ({self.dind_disabled_by})"
        mode = self.dind_privilege or "decided by the engine probe"
        on = "on" if self.role_read else "on unless the role turns it off"
        return f"{on} ({self.dind_image}, privilege: {mode})"

    def human_lines(self) -> list[str]:
        """The human `--dry-run` output."""
        target = self.target
        branch = f" (branch: {self.role_branch})" if self.role_branch else ""
        trust = "" if self.trusted else " (not trusted yet: load asks first)"
        agent = self.agent.value if self.agent is not None else _ROLE_UNREAD
        why = _AGENT_SOURCES.get(self.agent_source or "", self.agent_source)
        source = f" ({why})" if self.agent is not None and why else ""
        lines = [
            f"Workspace:  {target.workspace_label} ({target.workdir})",
            f"Role:       {target.role.key}{branch}{trust}",
            f"Agent:      {agent}{source}",
        ]
        if self.rebuild:
            lines.append("Rebuild:    yes")
        lines.append(f"Image:      {self.image or _ROLE_UNREAD}")
        lines.append(f"DinD:       {self._dind_line()}")
        lines.append(f"Network:    {self.network}")
        each = " (role container and sidecar, each)" if self.dind else ""
        lines.append(f"Limits:     {self.limits.describe()}{each}")
        if self.auth:
            modes = ", ".join(f"{agent} {mode}" for agent, mode in self.auth_modes.items())
            lines.append(f"Auth:       {modes}")
        for install in self.agent_installs:
            lines.append(f"Install:    {install.agent.value} {install.describe()}")
        if self.secret_env:
            lines.append(
                f"Secret env: {', '.join(self.secret_env)} (secrets file, not docker inspect)"
            )
        if self.plain_env:
            lines.append(f"Plain env:  {', '.join(self.plain_env)} (the role's defaults)")
        if target.mounts:
            lines.append(f"Mounts ({len(target.mounts)}):")
            for m in target.mounts:
                mode = f"{m.isolation.value}{', ro' if m.readonly else ''}"
                lines.append(f"  {m.dst}  <-  {m.src}  ({mode})")
        else:
            lines.append("Mounts:     none")
        lines += [f"Note:       {note}" for note in self.notes]
        lines += ["", "No changes made. Use `jackin load` to execute."]
        return lines


def _role_defaults(
    config: OperatorConfig, target: LaunchTarget, role: ResolvedRole
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(plain, secret): the role's published defaults in use, as `launch_env` and the
    credentials stage settle them (not set by the operator, on-demand values aside; not
    reserved; not an agent credential). Plain ones reach the container's environment; one
    whose name or value looks like a credential travels in the secrets file."""
    from jackin_sdk.auth import CREDENTIAL_ENV_KEYS  # noqa: PLC0415
    from jackin_sdk.env import ExtendedValue, OpRef, is_reserved, merge_layers  # noqa: PLC0415
    from jackin_sdk.launch._env import _layers  # noqa: PLC0415
    from jackin_sdk.launch._secrets import split_secret_env  # noqa: PLC0415

    merged = merge_layers(_layers(config, target.role, target.workspace_name, target.workspace))
    operator = {
        key
        for key, item in merged.items()
        if not (isinstance(item.value, OpRef | ExtendedValue) and item.value.on_demand)
    }
    credential = set(CREDENTIAL_ENV_KEYS.values())
    defaults = {
        key: declared.default
        for key, declared in role.manifest.env.items()
        if declared.default is not None
        and key not in operator
        and key not in credential
        and not is_reserved(key)
    }
    plain, secret = split_secret_env(defaults, public_keys=frozenset(defaults))
    return tuple(sorted(plain)), tuple(sorted(secret))


def _agent_installs(
    config: OperatorConfig, target: LaunchTarget, role: ResolvedRole
) -> tuple[AgentInstall, ...]:
    """Each supported agent's install source: config.toml, then the workspace."""
    from jackin_sdk.launch._image import agent_installs  # noqa: PLC0415

    return agent_installs(
        config, role.manifest, workspace=target.workspace,
        workspace_label=target.workspace_name or target.workspace_label,
    )  # fmt: skip


def _limits(config: OperatorConfig, target: LaunchTarget) -> ResourceLimits:
    """config.toml's `[docker]` limits, then the saved workspace's (the role has no say)."""
    from jackin_sdk.config import operator_limit_layers  # noqa: PLC0415
    from jackin_sdk.limits import resolve_resource_limits  # noqa: PLC0415

    name = target.workspace_name
    return resolve_resource_limits(
        operator_limit_layers(
            config.app, target.workspace, workspace_name=name,
            config_file=config.paths.config_file,
            workspace_file=config.paths.workspace_file(name) if name else None,
        )
    )  # fmt: skip


def _dind(
    config: OperatorConfig, target: LaunchTarget, role: ResolvedRole | None,
    host_env: Mapping[str, str],
) -> DindSettings:  # fmt: skip
    from jackin_sdk.dind import resolve_dind_settings  # noqa: PLC0415

    return resolve_dind_settings(
        config.app, target.workspace, role.manifest if role is not None else None,
        env=host_env, workspace_name=target.workspace_name or "workspace",
    )  # fmt: skip


def plan_launch(
    target: LaunchTarget,
    options: LaunchOptions,
    config: OperatorConfig,
    *,
    role: ResolvedRole | None,
    host_env: Mapping[str, str] | None = None,
    notes: tuple[str, ...] = (),
) -> LaunchPlan:
    """Settle every choice of a launch of `target` with `role` (None: not read yet).

    Pure apart from reading the last-agent memory: nothing is fetched, built or written.
    Mounts are checked again (E018 for a path the container cannot get), so a caller that
    built its target by hand is refused here too, before any image is built.
    """
    from jackin_sdk.auth import resolve_agent_auth, resolve_github_auth  # noqa: PLC0415
    from jackin_sdk.images import ImageNames  # noqa: PLC0415
    from jackin_sdk.launch._env import operator_env_keys  # noqa: PLC0415
    from jackin_sdk.launch._last_agent import remembered_agent, workspace_key  # noqa: PLC0415
    from jackin_sdk.launch._role import agent_choice  # noqa: PLC0415
    from jackin_sdk.mounts import validate_mount_specs  # noqa: PLC0415
    from jackin_sdk.roles import resolve_role_source  # noqa: PLC0415

    validate_mount_specs(target.mounts)
    host_env = os.environ if host_env is None else host_env
    key, ws_name = target.role.key, target.workspace_name or "workspace"
    last = remembered_agent(config.paths, workspace_key(target), key)
    dind = _dind(config, target, role, host_env)
    github = resolve_github_auth(config.app, target.workspace, key, workspace_name=ws_name)
    common: dict[str, Any] = {
        "rebuild": options.rebuild,
        "role_branch": options.role_branch,
        "detach": options.detach,
        "dind": dind.enabled,
        "dind_disabled_by": dind.disabled_by,
        "dind_image": dind.image,
        "dind_privilege": dind.privilege.value if dind.privilege is not None else None,
        "secret_env": operator_env_keys(config, target),
        "github_auth": github.mode.value,
        "trusted": resolve_role_source(config.app, target.role).trusted,
        "limits": _limits(config, target),
        "notes": notes,
    }
    if role is None:
        workspace = target.workspace
        default = workspace.default_agent if workspace is not None else None
        chosen, source = next(
            ((a, s) for a, s in ((options.agent, "--agent"), (default, "default_agent"))
             if a is not None), (None, None),
        )  # fmt: skip
        return LaunchPlan(target, chosen, agent_source=source, **common)
    agent, source = agent_choice(
        role.manifest, target.role, requested=options.agent, workspace=target.workspace,
        last=last,
    )  # fmt: skip
    auth = tuple(
        resolve_agent_auth(config.app, target.workspace, key, each, workspace_name=ws_name)
        for each in role.manifest.effective_agents
    )
    installs = _agent_installs(config, target, role)
    plain_env, secret_defaults = _role_defaults(config, target, role)
    common["secret_env"] = tuple(sorted({*common["secret_env"], *secret_defaults}))
    names = ImageNames.for_role(role.selector, commit=role.checkout.commit,
                                branch=options.role_branch)  # fmt: skip
    return LaunchPlan(
        target, agent, agent_source=source, role_read=True, role_commit=role.checkout.commit,
        display_name=role.display_name, image=names.derived, auth=auth,
        plain_env=plain_env, agent_installs=installs, **common,
    )  # fmt: skip


def dry_run_plan(
    target: LaunchTarget,
    options: LaunchOptions,
    config: OperatorConfig,
    *,
    host_env: Mapping[str, str] | None = None,
) -> LaunchPlan:
    """The plan `load --dry-run` prints: `plan_launch` with the role as cached here."""
    from jackin_sdk.launch._role import peek_role  # noqa: PLC0415

    role, note = peek_role(config, target.role, branch=options.role_branch)
    return plan_launch(target, options, config, role=role, host_env=host_env, notes=(note,))
