"""`jackin load`: resolve the target, plan, and launch an instance in named stages."""

from jackin_sdk.launch._choices import (
    PROVIDER_KEYS,
    AgentChoices,
    AgentOption,
    ProviderChoices,
    ProviderOption,
    RoleChoices,
    RoleOption,
    agent_choices,
    provider_choices,
    role_choices,
)
from jackin_sdk.launch._container import RoleContainer, role_container_spec
from jackin_sdk.launch._events import LaunchError, LaunchProgress, Stage, StageEvent, StageStatus
from jackin_sdk.launch._image import agent_installs, role_image_request
from jackin_sdk.launch._pipeline import LaunchContext, LaunchOptions, LaunchResult, launch
from jackin_sdk.launch._plan import LaunchPlan, dry_run_plan, plan_launch
from jackin_sdk.launch._role import ResolvedRole, choose_agent, peek_role, resolve_role
from jackin_sdk.launch._secrets import SECRETS_TARGET
from jackin_sdk.launch._target import LaunchTarget, resolve_target

__all__ = [
    "PROVIDER_KEYS",
    "SECRETS_TARGET",
    "AgentChoices",
    "AgentOption",
    "LaunchContext",
    "LaunchError",
    "LaunchOptions",
    "LaunchPlan",
    "LaunchProgress",
    "LaunchResult",
    "LaunchTarget",
    "ProviderChoices",
    "ProviderOption",
    "ResolvedRole",
    "RoleChoices",
    "RoleContainer",
    "RoleOption",
    "Stage",
    "StageEvent",
    "StageStatus",
    "agent_choices",
    "agent_installs",
    "choose_agent",
    "dry_run_plan",
    "launch",
    "peek_role",
    "plan_launch",
    "provider_choices",
    "resolve_role",
    "resolve_target",
    "role_choices",
    "role_container_spec",
    "role_image_request",
]
