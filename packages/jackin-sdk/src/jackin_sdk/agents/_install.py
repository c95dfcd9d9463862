"""Where each agent's binary comes from: its vendor's installer or its package registry.

`[install]` tables, in `config.toml`, a workspace file and the role manifest:

    [install]                 # every agent of this layer
    source = "registry"       # or "installer"
    [install.claude]          # one agent; beats [install] of the same layer
    source = "registry"
    version = "2.1.332"       # a pin; without one, the registry's latest

Layers apply in the order config.toml, workspace, role manifest: a later layer wins, per
field. Without any, the source is `installer` (the reference's behaviour, which needs
nothing on the host); see docs/decisions.md for why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from jackin_sdk.agents._runtime import runtime_for
from jackin_sdk.tables import Keyword, StrictTable
from jackin_sdk.vocab import Agent, AgentSource

__all__ = [
    "DEFAULT_SOURCE",
    "AgentInstall",
    "AgentInstallConfig",
    "AgentSource",
    "InstallConfig",
    "InstallLayer",
    "resolve_agent_install",
]

#: npm and PyPI versions: semver with pre-release and build parts, PEP 440.
VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"


DEFAULT_SOURCE = AgentSource.INSTALLER


class AgentInstallConfig(StrictTable):
    """`[install.<agent>]`: one agent's source and pinned version."""

    source: Annotated[AgentSource, Keyword] | None = None
    """`installer` or `registry`; beats `[install] source` of the same layer."""
    version: Annotated[str, Field(pattern=VERSION_PATTERN)] | None = None
    """A pinned registry version; without one, the registry's latest."""


class InstallConfig(StrictTable):
    """`[install]`: a source for every agent of this layer, and per-agent tables."""

    source: Annotated[AgentSource, Keyword] | None = None
    """`installer` (the vendor's script, the default) or `registry` (the agent's package,
    fetched on the host and copied in), for every agent of this layer."""
    claude: AgentInstallConfig | None = None
    codex: AgentInstallConfig | None = None
    amp: AgentInstallConfig | None = None
    kimi: AgentInstallConfig | None = None
    opencode: AgentInstallConfig | None = None
    grok: AgentInstallConfig | None = None

    def agent(self, agent: Agent) -> AgentInstallConfig | None:
        """`[install.<agent>]`, if present."""
        value = getattr(self, agent.value)
        assert value is None or isinstance(value, AgentInstallConfig)
        return value


@dataclass(frozen=True, slots=True)
class InstallLayer:
    """One layer's `[install]` table and its name (`config.toml`, `workspace`, `role`)."""

    name: str
    table: InstallConfig | None


@dataclass(frozen=True, slots=True)
class AgentInstall:
    """The settled source of one agent, with the pin and which layer chose each."""

    agent: Agent
    source: AgentSource
    version: str | None = None
    """The pinned version; None means the registry's latest (or the installer's)."""
    source_from: str = "default"
    version_from: str | None = None

    def describe(self) -> str:
        """`registry 2.1.332 (pinned in role)`-style text for `--dry-run`."""
        text = self.source.value
        if self.source is AgentSource.REGISTRY:
            package = runtime_for(self.agent).registry
            default = package.default_version if package is not None else None
            if self.version:
                text += f" {self.version}"
            else:
                text += f" {default} (its default)" if default else " latest"
        origins = [f"source: {self.source_from}"]
        if self.version_from:
            origins.append(f"version: {self.version_from}")
        return f"{text} ({', '.join(origins)})"

    def to_data(self) -> dict[str, str | None]:
        """JSON form for `load --dry-run --format json`."""
        return {
            "source": self.source.value,
            "version": self.version,
            "source_from": self.source_from,
            "version_from": self.version_from,
        }


def resolve_agent_install(agent: Agent, layers: tuple[InstallLayer, ...]) -> AgentInstall:
    """Settle `agent`'s source and version from `layers` (earliest first; later wins)."""
    source, source_from = DEFAULT_SOURCE, "default"
    version: str | None = None
    version_from: str | None = None
    for layer in layers:
        table = layer.table
        if table is None:
            continue
        own = table.agent(agent)
        if own is not None and own.source is not None:
            source, source_from = own.source, f"[install.{agent.value}] in {layer.name}"
        elif table.source is not None:
            source, source_from = table.source, f"[install] in {layer.name}"
        if own is not None and own.version is not None:
            version, version_from = own.version, f"[install.{agent.value}] in {layer.name}"
    return AgentInstall(agent, source, version, source_from, version_from)
