"""What a front end offers before a launch: roles, agents, providers (capsule-tui B5).

The console's pickers (and any other front end) show these; the rules are the same ones
`jackin load` applies, read from the config and the role cache only — no network, no
engine, nothing written:

- roles: a saved workspace's `allowed_roles` (every configured role when it names none)
  with its `default_role` first and marked; the current directory offers every
  configured role. The workspace's `last_role`, else its default, is preselected.
- agents: the role's `agents` as its cached manifest declares them. The picker is needed
  only when there are several and the workspace sets no `default_agent` (B5.2); the
  preselection is `default_agent`, else the agent last launched for this workspace and
  role, else the role's first. A role not cached yet (or whose cached copy cannot be
  read) is fetched by the launch itself: its agents are unknown here, so every agent the
  CLI's `--agent` accepts is offered after a first "automatic" option (the launch then
  settles it as `jackin load` without `--agent` does, the capsule's `new` takes the
  role's default), with a note saying so.
- providers: Claude can run against the alternative providers (Z.AI, MiniMax, Kimi) whose
  API key the operator env declares for this workspace and role (config §7.5); the
  picker is needed only when there is more than the agent's own provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.env import merge_layers
from jackin_sdk.errors import UsageError
from jackin_sdk.roles import RoleSelector
from jackin_sdk.text import printable
from jackin_sdk.vocab import PROVIDERS, Agent

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig, WorkspaceConfig

__all__ = [
    "PROVIDER_KEYS",
    "AgentChoices",
    "AgentOption",
    "ProviderChoices",
    "ProviderOption",
    "RoleChoices",
    "RoleOption",
    "agent_choices",
    "provider_choices",
    "role_choices",
]

PROVIDER_KEYS: dict[str, str] = {
    "zai": "ZAI_API_KEY",
    "minimax": "MINIMAX_API_KEY",
    "kimi": "KIMI_CODE_API_KEY",
}
"""The operator env key that makes each alternative provider available (config §7.5)."""

_AUTOMATIC = "automatic (role not cached yet)"
"""The label of the option that leaves the agent to the launch (`AgentOption(None, …)`)."""

_PROVIDER_LABELS = {"zai": "Z.AI", "minimax": "MiniMax", "kimi": "Kimi"}


@dataclass(frozen=True, slots=True)
class RoleOption:
    """A role a workspace may launch: its key and the label to show (printable)."""

    key: str
    label: str
    default: bool = False


@dataclass(frozen=True, slots=True)
class RoleChoices:
    """The roles to pick from for one workspace, in the order to show them."""

    options: tuple[RoleOption, ...]
    preselected: str | None
    """The role key the picker starts on (None: the first)."""
    empty: str
    """What to say when there is nothing to pick."""


@dataclass(frozen=True, slots=True)
class AgentOption:
    """An agent to launch; `agent` None lets the launch choose (role not cached yet)."""

    agent: Agent | None
    label: str


@dataclass(frozen=True, slots=True)
class AgentChoices:
    """The agents `role` can run, the preselected one, and whether to ask at all."""

    role: str
    options: tuple[AgentOption, ...]
    preselected: Agent | None
    needed: bool
    """False: launch `preselected` without asking (one agent, or `default_agent`)."""
    cached: bool
    """Whether the options come from the role's cached manifest."""
    note: str | None = None
    """Why the options are not the role's own (it is not cached yet), for the picker."""


@dataclass(frozen=True, slots=True)
class ProviderOption:
    """A provider for the agent; `provider` None is the agent's own (Anthropic for Claude)."""

    provider: str | None
    label: str


@dataclass(frozen=True, slots=True)
class ProviderChoices:
    """The providers `agent` can run against here, and whether to ask."""

    options: tuple[ProviderOption, ...]
    preselected: str | None
    needed: bool


def _workspace(config: OperatorConfig, name: str | None) -> WorkspaceConfig | None:
    return None if name is None else config.workspace(name)


def role_choices(config: OperatorConfig, workspace: str | None) -> RoleChoices:
    """The roles `workspace` (None: the current directory) may launch.

    Saved workspace: its `allowed_roles` (all configured roles when empty), its
    `default_role` first and marked `(default)`; the current directory: every configured
    role, sorted. E007 when the saved workspace does not exist.
    """
    ws = _workspace(config, workspace)
    if ws is None:
        options = tuple(RoleOption(k, printable(k)) for k in sorted(config.app.roles))
        return RoleChoices(options, None, _NO_ROLES)
    keys = list(dict.fromkeys(ws.allowed_roles)) or sorted(config.app.roles)
    default = ws.default_role if ws.default_role in keys else None
    if default is not None:
        keys.remove(default)
        keys.insert(0, default)
    options = tuple(
        RoleOption(k, printable(k) + ("  (default)" if k == default else ""), k == default)
        for k in keys
    )
    preselected = next((r for r in (ws.last_role, default) if r is not None and r in keys), None)
    return RoleChoices(options, preselected, _NO_ROLES)


_NO_ROLES = "no roles to launch; add one with `jackin load <role>` or in the workspace editor"


def _memory_key(workspace: str | None, cwd: Path) -> str:
    """The last-agent memory's key (`_last_agent.workspace_key` of the launch's target):
    the saved workspace's name, or the current directory mounted at its resolved path."""
    return f"workspace:{workspace}" if workspace is not None else f"dir:{cwd.resolve()}"


def agent_choices(
    config: OperatorConfig, role: str, *, workspace: str | None, cwd: Path
) -> AgentChoices:
    """The agents to offer for launching `role` in `workspace` (None: `cwd`).

    Reads the role's cached manifest without fetching or trusting it (`peek_role`). A
    `default_agent` the role does not support is the usage error `jackin load` gives.
    """
    from jackin_sdk.launch._last_agent import remembered_agent  # noqa: PLC0415
    from jackin_sdk.launch._role import peek_role  # noqa: PLC0415

    selector = RoleSelector.parse(role)
    ws = _workspace(config, workspace)
    default = ws.default_agent if ws is not None else None
    last = remembered_agent(config.paths, _memory_key(workspace, cwd), selector.key)
    resolved, note = peek_role(config, selector)
    if resolved is None:
        options = (
            AgentOption(None, _AUTOMATIC),
            *(AgentOption(a, a.value) for a in Agent),
        )
        chosen = default or last
        return AgentChoices(
            selector.key, options, chosen, needed=default is None, cached=False, note=note
        )  # fmt: skip
    supported = tuple(resolved.manifest.effective_agents)
    if not supported:
        raise UsageError(f"role {selector.key} declares no agents")
    if default is not None and default not in supported:
        names = ", ".join(a.value for a in supported)
        raise UsageError(
            f"agent {default.value} (default_agent of workspace {workspace}) is not supported "
            f"by role {selector.key}; it supports: {names}"
        )
    chosen = default or (last if last in supported else supported[0])
    options = tuple(
        AgentOption(a, a.value + ("  (last used)" if a is last else "")) for a in supported
    )
    needed = default is None and len(supported) > 1
    return AgentChoices(selector.key, options, chosen, needed=needed, cached=True)


def provider_choices(
    config: OperatorConfig, role: str, agent: Agent | None, *, workspace: str | None
) -> ProviderChoices:
    """The providers `agent` of `role` can run against in `workspace` (None: cwd).

    Only Claude has alternatives, and each only when its key (`PROVIDER_KEYS`) is in the
    operator env layers that reach this workspace and role (nothing is resolved). An
    agent the launch will choose itself (None) gets its own provider.
    """
    from jackin_sdk.launch._env import _layers  # noqa: PLC0415

    if agent is not Agent.CLAUDE:
        return ProviderChoices((ProviderOption(None, "default"),), None, needed=False)
    own = ProviderOption(None, "Anthropic")
    ws = _workspace(config, workspace)
    declared = merge_layers(_layers(config, RoleSelector.parse(role), workspace, ws))
    found = [p for p in PROVIDERS if PROVIDER_KEYS[p] in declared]
    options = (own, *(ProviderOption(p, _PROVIDER_LABELS[p]) for p in found))
    return ProviderChoices(options, None, needed=len(options) > 1)
