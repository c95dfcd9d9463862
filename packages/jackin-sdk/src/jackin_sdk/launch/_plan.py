"""The launch plan: what `jackin load` will do, as `--dry-run` prints it (spec cli §3.2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jackin_sdk.auth import Agent
from jackin_sdk.launch._target import LaunchTarget

__all__ = ["LaunchPlan"]


@dataclass(frozen=True, slots=True)
class LaunchPlan:
    """A resolved target plus the choices of this launch; nothing has been touched."""

    target: LaunchTarget
    agent: Agent
    rebuild: bool = False
    role_branch: str | None = None
    detach: bool = False
    dind: bool = True
    dind_disabled_by: str | None = None
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def for_target(
        cls,
        target: LaunchTarget,
        *,
        agent: Agent | None = None,
        rebuild: bool = False,
        role_branch: str | None = None,
        detach: bool = False,
    ) -> LaunchPlan:
        """The plan `--dry-run` shows: the agent is `agent`, the workspace's default, or
        Claude (the role is not read, so nothing is cloned)."""
        workspace = target.workspace
        if agent is None:
            default = workspace.default_agent if workspace is not None else None
            agent = default or Agent.CLAUDE
        return cls(target, agent, rebuild=rebuild, role_branch=role_branch, detach=detach)

    def to_data(self) -> dict[str, Any]:
        """The `data` of `load --dry-run --format json`, with our extra keys last."""
        target = self.target
        return {
            "workspace": target.workspace_label,
            "workdir": target.workdir,
            "role": target.role.key,
            "role_branch": self.role_branch,
            "agent": self.agent.value,
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
        }

    def human_lines(self) -> list[str]:
        """The human `--dry-run` output."""
        target = self.target
        branch = f" (branch: {self.role_branch})" if self.role_branch else ""
        lines = [
            f"Workspace:  {target.workspace_label} ({target.workdir})",
            f"Role:       {target.role.key}{branch}",
            f"Agent:      {self.agent.value}",
        ]
        if self.rebuild:
            lines.append("Rebuild:    yes")
        dind = "on" if self.dind else f"off ({self.dind_disabled_by})"
        lines.append(f"DinD:       {dind}")
        if target.mounts:
            lines.append(f"Mounts ({len(target.mounts)}):")
            for m in target.mounts:
                mode = f"{m.isolation.value}{', ro' if m.readonly else ''}"
                lines.append(f"  {m.dst}  <-  {m.src}  ({mode})")
        else:
            lines.append("Mounts:     none")
        lines += ["", "No changes made. Use `jackin load` to execute."]
        return lines
