"""The role image a launch runs, described once for `load` and `prewarm --image`.

Both ask `ensure_role_image` with the request built here, so an image prewarm built is
the one the next launch finds valid (same recipe: agent install sources, host uid,
construct, capsule wheels), and "reused" means the same check passed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from jackin_sdk.images import RoleImageRequest

if TYPE_CHECKING:
    from jackin_sdk.agents import AgentInstall
    from jackin_sdk.config import OperatorConfig, WorkspaceConfig
    from jackin_sdk.launch._role import ResolvedRole
    from jackin_sdk.roles import RoleManifest

__all__ = ["agent_installs", "role_image_request"]


def agent_installs(
    config: OperatorConfig,
    manifest: RoleManifest,
    *,
    workspace: WorkspaceConfig | None,
    workspace_label: str,
) -> tuple[AgentInstall, ...]:
    """Each agent the role supports and where its binary comes from: config.toml's
    `[install]`, then the workspace's (`workspace_label` names it in descriptions)."""
    from jackin_sdk.agents import InstallLayer, resolve_agent_install  # noqa: PLC0415

    layers = (
        InstallLayer("config.toml", config.app.install),
        InstallLayer(f"workspace {workspace_label}",
                     workspace.install if workspace is not None else None),
    )  # fmt: skip
    return tuple(resolve_agent_install(a, layers) for a in manifest.effective_agents)


def role_image_request(
    config: OperatorConfig,
    role: ResolvedRole,
    installs: tuple[AgentInstall, ...],
    *,
    branch: str | None,
    rebuild: bool = False,
    host_env: Mapping[str, str] | None = None,
    host_uid: int | None = None,
) -> RoleImageRequest:
    """The image request for `role` at its checked-out commit (and `branch`)."""
    return RoleImageRequest(
        selector=role.selector, role_dir=role.checkout.path, manifest=role.manifest,
        commit=role.checkout.commit, branch=branch, rebuild=rebuild,
        host_uid=os.geteuid() if host_uid is None else host_uid,
        env=dict(os.environ) if host_env is None else host_env,
        wheel_cache=config.paths.cache_dir / "capsule-wheels", agent_installs=installs,
        agent_cache=config.paths.cache_dir / "agents",
    )  # fmt: skip
