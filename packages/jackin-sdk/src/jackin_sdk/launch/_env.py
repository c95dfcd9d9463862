"""The credentials stage's env: operator layers, then the role's declared defaults (§2.7)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from jackin_sdk.env import EnvLayer, OpClient, is_reserved, merge_layers, resolve_env
from jackin_sdk.roles import RoleManifest, RoleSelector

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig, WorkspaceConfig

__all__ = ["LaunchEnv", "github_env", "launch_env"]


class LaunchEnv:
    """Resolved env for the agent, and the keys that must travel as secrets."""

    def __init__(
        self,
        values: Mapping[str, str],
        secret_keys: frozenset[str],
        notes: list[str],
        layers: list[EnvLayer] | None = None,
    ) -> None:
        self.values = dict(values)
        self.secret_keys = secret_keys
        self.notes = notes
        self.layers = layers or []

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
    values.update(resolved.values)
    secret = frozenset(resolved.secret_keys)
    return LaunchEnv(values, secret, notes, layers)


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

    layers = []
    if config.app.github is not None:
        layers.append(EnvLayer("global [github.env]", config.app.github.env))
    if workspace is not None and workspace_name is not None:
        if workspace.github is not None:
            layers.append(
                EnvLayer(f"workspace {workspace_name} [github.env]", workspace.github.env)
            )
        override = workspace.roles.get(role.key)
        if override is not None and override.github is not None:
            label = f"workspace {workspace_name} × role {role.key} [github.env]"
            layers.append(EnvLayer(label, override.github.env))
    merged = {k: v for k, v in merge_layers(layers).items() if k in GITHUB_ENV_KEYS}
    resolved = resolve_env(merged, host_env=host_env, op=op or OpClient())
    return dict(resolved.values), layers
