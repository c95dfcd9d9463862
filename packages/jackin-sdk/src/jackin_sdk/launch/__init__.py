"""`jackin load`: resolve the target, plan, and launch an instance in named stages."""

from jackin_sdk.launch._container import RoleContainer, role_container_spec
from jackin_sdk.launch._events import LaunchError, LaunchProgress, Stage, StageEvent, StageStatus
from jackin_sdk.launch._pipeline import LaunchContext, LaunchOptions, LaunchResult, launch
from jackin_sdk.launch._plan import LaunchPlan, dry_run_plan, plan_launch
from jackin_sdk.launch._role import ResolvedRole, choose_agent, peek_role, resolve_role
from jackin_sdk.launch._secrets import SECRETS_TARGET
from jackin_sdk.launch._target import LaunchTarget, resolve_target

__all__ = [
    "SECRETS_TARGET",
    "LaunchContext",
    "LaunchError",
    "LaunchOptions",
    "LaunchPlan",
    "LaunchProgress",
    "LaunchResult",
    "LaunchTarget",
    "ResolvedRole",
    "RoleContainer",
    "Stage",
    "StageEvent",
    "StageStatus",
    "choose_agent",
    "dry_run_plan",
    "launch",
    "peek_role",
    "plan_launch",
    "resolve_role",
    "resolve_target",
    "role_container_spec",
]
