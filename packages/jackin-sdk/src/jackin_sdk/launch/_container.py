"""The role container of an instance: labels, env, mounts and user (spec runtime §2.11)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jackin_capsule.contract import (
    AGENT_HOME,
    CONTAINER_NAME_ENV,
    HOST_VERSION_ENV,
    INSTANCE_ID_ENV,
    JACKIN_ENV,
    NETWORK_MODE_ENV,
    ROLE_ENV,
    RUN_DIR,
    STATE_DIR,
    TELEMETRY_LEVEL_ENV,
    WORKDIR_ENV,
)
from jackin_sdk._version import __version__
from jackin_sdk.agents import AgentRuntime
from jackin_sdk.docker import Bind, ContainerSpec
from jackin_sdk.launch._extrausers import ExtraUsers, extrausers_binds
from jackin_sdk.launch._secrets import SECRETS_TARGET
from jackin_sdk.limits import ResourceLimits
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import (
    LABEL_CLASS,
    LABEL_DISPLAY_NAME,
    LABEL_KIND,
    LABEL_MANAGED,
    InstanceResources,
    ResourceKind,
    home_labels,
)
from jackin_sdk.settings import JackinSettings

__all__ = [
    "LABEL_IMAGE",
    "LABEL_INSTANCE",
    "PASSTHROUGH_PREFIXES",
    "RoleContainer",
    "role_container_spec",
    "role_labels",
]

LABEL_IMAGE = "jackin.image"
LABEL_INSTANCE = "jackin.instance"
PASSTHROUGH_PREFIXES = ("JACKIN_DISABLE_",)
_PASSTHROUGH = ("TZ",)


@dataclass(frozen=True, slots=True)
class RoleContainer:
    """Everything the role container is made from."""

    resources: InstanceResources
    instance_id: str
    image: str
    role_key: str
    display_name: str
    workdir: str
    state_dir: Path
    run_dir: Path
    agents: Sequence[AgentRuntime]
    workspace_binds: Sequence[Bind]
    host_uid: int
    host_gid: int
    home: HomeIdentity
    """The jackin home launching it: its `jackin.home` labels."""
    plain_env: Mapping[str, str] = field(default_factory=dict)
    dind_env: Mapping[str, str] = field(default_factory=dict)
    dind_binds: Sequence[Bind] = ()
    secrets_file: Path | None = None
    credential_binds: Sequence[Bind] = ()
    git_identity: Mapping[str, str] = field(default_factory=dict)
    first_agent: str | None = None
    """The capsule's first tab (None: a shell)."""
    spawn_now: bool = False
    """Start the first tab at once (`--detach`) rather than on the first attach."""
    extrausers: ExtraUsers | None = None
    """NSS rows naming the host uid and gid (None: the image knows them, e.g. root)."""
    limits: ResourceLimits = field(default_factory=ResourceLimits)
    """pids, memory and CPU limits (the plan's; by default the pids limit alone)."""


def durable_home_binds(state_dir: Path, agents: Sequence[AgentRuntime]) -> list[Bind]:
    """`<state>/home/X → /home/agent/X` for every supported agent's durable paths.

    Folders and files are created on the host first: Docker would make a missing file
    source into a folder.
    """
    home = state_dir / "home"
    binds: list[Bind] = []
    seen: set[str] = set()
    for runtime in agents:
        for relative in runtime.home_dirs:
            if relative in seen:
                continue
            seen.add(relative)
            (home / relative).mkdir(parents=True, exist_ok=True)
            binds.append(Bind(str(home / relative), f"{AGENT_HOME}/{relative}"))
        for relative in runtime.home_files:
            if relative in seen:
                continue
            seen.add(relative)
            path = home / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.write_text("{}\n" if relative.endswith(".json") else "")
                path.chmod(0o600)
            binds.append(Bind(str(path), f"{AGENT_HOME}/{relative}"))
    return binds


def _passthrough(host_env: Mapping[str, str]) -> dict[str, str]:
    return {
        key: value
        for key, value in host_env.items()
        if key in _PASSTHROUGH or key.startswith(PASSTHROUGH_PREFIXES)
    }


def role_labels(
    role_key: str, display_name: str, image: str, home: HomeIdentity | None = None
) -> dict[str, str]:
    """The role container's labels that every instance of it shares (no instance id), with
    `home`'s (None: a plan shown before the home is known)."""
    labels = {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.ROLE.value}
    labels.update(home_labels(home) if home is not None else {})
    labels.update({LABEL_CLASS: role_key, LABEL_DISPLAY_NAME: display_name, LABEL_IMAGE: image})
    return labels


def role_container_spec(
    role: RoleContainer, *, host_env: Mapping[str, str] | None = None
) -> ContainerSpec:
    """The `ContainerSpec` of the role container; secrets are never in it."""
    host_env = os.environ if host_env is None else host_env
    c = role.resources.container
    labels = role_labels(role.role_key, role.display_name, role.image, role.home)
    labels[LABEL_INSTANCE] = role.instance_id
    agent_env = {k: v for runtime in role.agents for k, v in runtime.container_env.items()}
    env = {
        **agent_env,
        **role.plain_env,
        **_passthrough(host_env),
        **role.git_identity,
        **role.dind_env,
        "HOME": AGENT_HOME,
        JACKIN_ENV: "1",
        CONTAINER_NAME_ENV: c,
        INSTANCE_ID_ENV: role.instance_id,
        HOST_VERSION_ENV: __version__,
        ROLE_ENV: role.role_key,
        WORKDIR_ENV: role.workdir,
        NETWORK_MODE_ENV: "open",
        TELEMETRY_LEVEL_ENV: "debug" if JackinSettings.read(host_env).debug else "info",
    }
    if role.dind_env:
        env["TESTCONTAINERS_HOST_OVERRIDE"] = role.resources.sidecar
    binds = [
        Bind(str(role.state_dir / "state"), STATE_DIR),
        Bind(str(role.run_dir), RUN_DIR),
        *extrausers_binds(role.extrausers),
        *durable_home_binds(role.state_dir, role.agents),
        *role.dind_binds,
        *role.credential_binds,
        *role.workspace_binds,
    ]
    if role.secrets_file is not None:
        binds.append(Bind(str(role.secrets_file), SECRETS_TARGET, read_only=True))
    command: tuple[str, ...] = ("daemon",)
    command += (role.first_agent,) if role.first_agent else ("--shell",)
    if role.spawn_now:
        command += ("--spawn-now",)
    spec = ContainerSpec(
        image=role.image,
        name=c,
        hostname=c,
        command=command,
        env=env,
        labels=labels,
        network=role.resources.network,
        user=f"{role.host_uid}:{role.host_gid}",
        group_add=("0",),
        binds=tuple(binds),
        workdir=role.workdir,
    )
    return role.limits.apply_to(spec)
