"""`jackin prewarm --image`, for every front end: reuse or build a role's image ahead of
a launch (upstream-cli.md §3.8), with the launch's own resolution and validity check.

The target is a saved workspace (its default role; its `default_agent` unless agents
are named) or a role selector. The role is trust-checked, fetched and validated as
`load` does (trust and branch questions go to the answerer), then `ensure_role_image`
reuses or builds the image from the request a launch makes (`role_image_request`), so
the next `load` of that role finds it valid. Only the image mode is here: runtime
binaries, the DinD sidecar, role repositories, `--all-workspaces`, `--all-roles` and
`--role-git` are not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jackin_sdk.flows._questions import Answerer
from jackin_sdk.flows._session import trust_confirm

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig, WorkspaceConfig
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.images import ImageProgress
    from jackin_sdk.roles import RoleCache, RoleSelector
    from jackin_sdk.vocab import Agent

__all__ = ["PrewarmReport", "PrewarmedImage", "prewarm_images"]

TARGET_REQUIRED = "`jackin prewarm --image` requires `--role <selector>` or `--workspace <name>`"


@dataclass(frozen=True, slots=True)
class PrewarmedImage:
    """One agent's image: its name and whether this prewarm built it or found it valid."""

    agent: Agent
    image: str
    built: bool

    @property
    def status(self) -> str:
        """`built` or `reused`."""
        return "built" if self.built else "reused"


@dataclass(frozen=True, slots=True)
class PrewarmReport:
    """What an image prewarm did for `label` (the workspace's name, or the role's key)."""

    label: str
    role: str
    images: tuple[PrewarmedImage, ...]

    def human_lines(self) -> list[str]:
        """The report as every front end prints it (spec cli §2.6, §3.8): the brand pill,
        the `prewarm` title, then `images for <label>` with a row per agent,
        `  ✓  <agent>  reused|built  <image>`."""
        rows = [f"  ✓  {i.agent.value}  {i.status}  {i.image}" for i in self.images]
        return ["jackin❯", "", "prewarm", "", f"images for {self.label}", *rows]


def _workspace_role(config: OperatorConfig, name: str) -> tuple[WorkspaceConfig, RoleSelector]:
    from jackin_sdk.errors import CodedError, ErrorCode, JackinError  # noqa: PLC0415
    from jackin_sdk.roles import RoleSelector  # noqa: PLC0415

    workspace = config.workspaces.get(name)
    if workspace is None:
        raise CodedError(ErrorCode.E007, detail=f"workspace `{name}` is not configured")
    if workspace.default_role is None:
        raise JackinError(
            f"workspace `{name}` has no default role; pass `--role <selector>` or set a "
            "workspace default role"
        )
    return workspace, RoleSelector.parse(workspace.default_role)


def prewarm_images(
    config: OperatorConfig,
    *,
    connect: Callable[[], DockerApi],
    answerer: Answerer,
    workspace: str | None = None,
    role: str | None = None,
    agents: Sequence[Agent] = (),
    role_branch: str | None = None,
    progress: ImageProgress | None = None,
    host_env: Mapping[str, str] | None = None,
    host_uid: int | None = None,
    cache: RoleCache | None = None,
) -> PrewarmReport:
    """Reuse or build the image of `workspace`'s default role, or of `role`; the report.

    Exactly one of `workspace` and `role` (UsageError otherwise). `agents` must be ones
    the role supports; none means the workspace's `default_agent`, else every agent of
    the role. One image per role (and branch) carries all its agents, so each agent's
    row names the same image. `connect` is called once the role is resolved.
    """
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.images import ImageNames, ensure_role_image  # noqa: PLC0415
    from jackin_sdk.launch import (  # noqa: PLC0415
        agent_installs,
        choose_agent,
        resolve_role,
        role_image_request,
    )
    from jackin_sdk.roles import RoleSelector  # noqa: PLC0415

    if (workspace is None) == (role is None):
        raise UsageError(
            TARGET_REQUIRED if workspace is None else "give `--role` or `--workspace`, not both"
        )
    saved: WorkspaceConfig | None = None
    if workspace is not None:
        saved, selector = _workspace_role(config, workspace)
        label = workspace
    else:
        assert role is not None
        selector = RoleSelector.parse(role)
        label = selector.key
    resolved = resolve_role(
        config, selector, branch=role_branch, confirm=trust_confirm(answerer),
        force_refresh=False, cache=cache,
    )  # fmt: skip
    manifest = resolved.manifest
    wanted = list(dict.fromkeys(agents))
    chosen = [choose_agent(manifest, selector, requested=a, workspace=None) for a in wanted]
    if not chosen and saved is not None and saved.default_agent is not None:
        chosen = [choose_agent(manifest, selector, requested=None, workspace=saved)]
    if not chosen:
        chosen = list(manifest.effective_agents)
    installs = agent_installs(config, manifest, workspace=saved, workspace_label=label)
    request = role_image_request(
        config, resolved, installs, branch=role_branch, host_env=host_env, host_uid=host_uid
    )
    names = ImageNames.for_role(selector, commit=resolved.checkout.commit, branch=role_branch)
    log = config.paths.cache_dir / "prewarm" / f"{names.repository}.log"
    image = ensure_role_image(connect(), request, log_path=log, progress=progress)
    return PrewarmReport(
        label, selector.key, tuple(PrewarmedImage(a, image.image, image.built) for a in chosen)
    )
