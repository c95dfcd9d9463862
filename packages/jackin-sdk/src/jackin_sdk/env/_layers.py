"""The four operator env layers and how they merge (upstream-config.md §6.2).

Layers apply in order, later wins per key: global `[env]`, role `[roles.<key>.env]` (both
in config.toml), workspace `[env]`, workspace × role `[roles.<key>.env]` (workspace file).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from jackin_sdk.env._values import EnvValue

__all__ = ["EnvLayer", "LayeredValue", "merge_layers", "presence"]

_BARE_TOML_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE_TOML_KEY.match(key) else f'"{key}"'


@dataclass(frozen=True, slots=True)
class EnvLayer:
    """One layer of operator env: where it was declared (`label`) and its values."""

    label: str
    values: Mapping[str, EnvValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    @classmethod
    def global_env(cls, values: Mapping[str, EnvValue]) -> EnvLayer:
        """The global `[env]` table of config.toml."""
        return cls("global [env]", values)

    @classmethod
    def role(cls, role: str, values: Mapping[str, EnvValue]) -> EnvLayer:
        """A role's `[roles.<key>.env]` table of config.toml."""
        return cls(f"role {role} [roles.{_toml_key(role)}.env]", values)

    @classmethod
    def workspace(cls, workspace: str, values: Mapping[str, EnvValue]) -> EnvLayer:
        """A workspace file's `[env]` table."""
        return cls(f"workspace {workspace} [env]", values)

    @classmethod
    def workspace_role(cls, workspace: str, role: str, values: Mapping[str, EnvValue]) -> EnvLayer:
        """A workspace file's `[roles.<key>.env]` table."""
        return cls(f"workspace {workspace} × role {role}", values)


@dataclass(frozen=True, slots=True)
class LayeredValue:
    """A merged value and the label of the layer it came from."""

    value: EnvValue
    layer: str


def merge_layers(layers: Sequence[EnvLayer]) -> dict[str, LayeredValue]:
    """Merge `layers` in order, later wins per key, remembering each key's winning layer."""
    merged: dict[str, LayeredValue] = {}
    for layer in layers:
        for key, value in layer.values.items():
            merged[key] = LayeredValue(value, layer.label)
    return merged


def presence(layers: Sequence[EnvLayer], key: str) -> list[tuple[str, bool]]:
    """For each layer in order, its label and whether it declares `key`."""
    return [(layer.label, key in layer.values) for layer in layers]
