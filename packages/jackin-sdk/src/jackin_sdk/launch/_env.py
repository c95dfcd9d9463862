"""The credentials stage's env: operator layers, then the role's declared defaults (§2.7).

Where each value travels (DECISIONS #6, refined): every value the operator supplies, from
any env table (`[env]`, `[roles.<key>.env]`, a workspace's `[env]` and `[roles.<key>.env]`,
`[github.env]`), goes through the 0600 secrets file whatever its name or shape. Only the
role manifest's own `[env.<NAME>] default` values, which are published in the role's
repository, reach the container's configured environment, and not even those when their
name or value looks like a credential.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from jackin_sdk.env import EnvLayer, OpClient, is_reserved, merge_layers, resolve_env
from jackin_sdk.roles import RoleManifest, RoleSelector

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig, WorkspaceConfig
    from jackin_sdk.launch._target import LaunchTarget

__all__ = ["LaunchEnv", "github_env", "launch_env", "operator_env_keys"]


class LaunchEnv:
    """Resolved env for the agent, and which keys the role published (`public_keys`)."""

    def __init__(
        self,
        values: Mapping[str, str],
        secret_keys: frozenset[str],
        notes: list[str],
        layers: list[EnvLayer] | None = None,
        public_keys: frozenset[str] = frozenset(),
    ) -> None:
        self.values = dict(values)
        self.secret_keys = secret_keys
        """Keys read from a secret store (1Password, keyring, private file)."""
        self.notes = notes
        self.layers = layers or []
        self.public_keys = public_keys
        """Keys whose value is the role manifest's own default (no operator value)."""

    def __repr__(self) -> str:  # values never in reprs or tracebacks
        return f"LaunchEnv(keys={sorted(self.values)})"


def _layers(
    config: OperatorConfig, role: RoleSelector, name: str | None, ws: WorkspaceConfig | None
) -> list[EnvLayer]:
    app = config.app
    layers = [EnvLayer.global_env(app.env)]
    source = app.roles.get(role.key)
    if source is not None:
        layers.append(EnvLayer.role(role.key, source.env))
    if ws is not None and name is not None:
        layers.append(EnvLayer.workspace(name, ws.env))
        override = ws.roles.get(role.key)
        if override is not None:
            layers.append(EnvLayer.workspace_role(name, role.key, override.env))
    return layers


def _github_layers(
    config: OperatorConfig, role: RoleSelector, name: str | None, ws: WorkspaceConfig | None
) -> list[EnvLayer]:
    layers = []
    if config.app.github is not None:
        layers.append(EnvLayer("global [github.env]", config.app.github.env))
    if ws is not None and name is not None:
        if ws.github is not None:
            layers.append(EnvLayer(f"workspace {name} [github.env]", ws.github.env))
        override = ws.roles.get(role.key)
        if override is not None and override.github is not None:
            label = f"workspace {name} × role {role.key} [github.env]"
            layers.append(EnvLayer(label, override.github.env))
    return layers


def launch_env(
    config: OperatorConfig,
    role: RoleSelector,
    manifest: RoleManifest,
    *,
    workspace_name: str | None,
    workspace: WorkspaceConfig | None,
    host_env: Mapping[str, str],
    op: OpClient | None = None,
) -> LaunchEnv:
    """Operator env (1Password and `$NAME` resolved) over the manifest's `[env]` defaults.

    Keys resolved from 1Password are secrets whatever their names. Declared variables
    without a default or operator value are left out with a note (prompting for them is
    the interactive launch's job).
    """
    layers = _layers(config, role, workspace_name, workspace)
    merged = merge_layers(layers)
    resolved = resolve_env(merged, host_env=host_env, op=op or OpClient())
    values: dict[str, str] = {}
    notes: list[str] = []
    for key, declared in manifest.env.items():
        if key in resolved.values or is_reserved(key):
            continue
        if declared.default is not None:
            values[key] = declared.default
        elif not declared.skippable:
            notes.append(f"{key} is declared by the role but has no value; set it with "
                         f"`jackin workspace env set` or `jackin config env set`")  # fmt: skip
    public = frozenset(values)
    values.update(resolved.values)
    secret = frozenset(resolved.secret_keys)
    return LaunchEnv(values, secret, notes, layers, public_keys=public)


def operator_env_keys(config: OperatorConfig, target: LaunchTarget) -> tuple[str, ...]:
    """The operator env keys a launch of `target` sends through the secrets file, sorted.

    Read from the config as written, nothing resolved: the four layers without their
    on-demand values (an agent credential key only when some agent's auth mode uses it),
    then the `[github.env]` keys the GitHub CLI takes unless its forwarding is `ignore`.
    """
    from jackin_sdk.auth import (  # noqa: PLC0415
        CREDENTIAL_ENV_KEYS,
        Agent,
        GithubAuthMode,
        resolve_agent_auth,
        resolve_github_auth,
    )
    from jackin_sdk.credentials import GITHUB_ENV_KEYS  # noqa: PLC0415
    from jackin_sdk.env import ExtendedValue, OpRef  # noqa: PLC0415

    ws, name = target.workspace, target.workspace_name
    merged = merge_layers(_layers(config, target.role, name, ws))
    wanted = {
        auth.env_key
        for agent in Agent
        if (auth := resolve_agent_auth(config.app, ws, target.role.key, agent,
                                       workspace_name=name or "workspace")).env_key
    }  # fmt: skip
    credential = set(CREDENTIAL_ENV_KEYS.values()) - wanted
    keys = {
        key
        for key, item in merged.items()
        if key not in credential
        and not (isinstance(item.value, OpRef | ExtendedValue) and item.value.on_demand)
    }
    gh = resolve_github_auth(config.app, ws, target.role.key, workspace_name=name or "workspace")
    if gh.mode is not GithubAuthMode.IGNORE:
        gh_layers = _github_layers(config, target.role, name, ws)
        keys |= {key for key in merge_layers(gh_layers) if key in GITHUB_ENV_KEYS}
        if "GH_TOKEN" in keys:
            keys.add("GITHUB_TOKEN")
    return tuple(sorted(keys))


def github_env(
    config: OperatorConfig,
    role: RoleSelector,
    *,
    workspace_name: str | None,
    workspace: WorkspaceConfig | None,
    host_env: Mapping[str, str],
    op: OpClient | None = None,
) -> tuple[dict[str, str], list[EnvLayer]]:
    """The `[github.env]` layers (global → workspace → workspace × role), resolved."""
    from jackin_sdk.credentials import GITHUB_ENV_KEYS  # noqa: PLC0415

    layers = _github_layers(config, role, workspace_name, workspace)
    merged = {k: v for k, v in merge_layers(layers).items() if k in GITHUB_ENV_KEYS}
    resolved = resolve_env(merged, host_env=host_env, op=op or OpClient())
    return dict(resolved.values), layers
