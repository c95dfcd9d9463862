"""The role manifest `jackin.role.toml` (current v1alpha6); every table is strict."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from jackin_sdk.auth import Agent
from jackin_sdk.migrations import DocumentKind, restamp_chain
from jackin_sdk.schema import Record
from jackin_sdk.versioning import SchemaVersion

__all__ = [
    "LEGACY_MANIFEST_FILE",
    "MANIFEST_FILE",
    "MANIFEST_KIND",
    "MANIFEST_VERSION",
    "AmpTable",
    "ClaudeTable",
    "CodexTable",
    "EnvVarDecl",
    "GrokTable",
    "Hooks",
    "Identity",
    "KimiTable",
    "Marketplace",
    "OpencodeTable",
    "ProviderOverride",
    "RoleDockerConfig",
    "RoleManifest",
]

MANIFEST_FILE = "jackin.role.toml"
LEGACY_MANIFEST_FILE = "jackin.agent.toml"
MANIFEST_VERSION = SchemaVersion.parse("v1alpha6")
MANIFEST_KIND = DocumentKind(
    label=MANIFEST_FILE,
    current=MANIFEST_VERSION,
    steps=restamp_chain(["legacy", *[f"v1alpha{n}" for n in range(1, 7)]]),
    too_new_hint="upgrade jackin, or pin the role to a version this jackin supports",
)


class _Strict(Record):
    pass


class Identity(_Strict):
    """`[identity]`: how the agent is named in progress and status."""

    name: str


class ProviderOverride(_Strict):
    """`[<agent>.providers.<id>]`: the model to use with one provider."""

    model: str | None = None


Providers = dict[str, ProviderOverride]


class Marketplace(_Strict):
    """`[[claude.marketplaces]]`: a plugin marketplace added before plugin installs."""

    source: str
    sparse: list[str] = field(default_factory=list)


class ClaudeTable(_Strict):
    """`[claude]`."""

    model: str | None = None
    plugins: list[str] = field(default_factory=list)
    marketplaces: list[Marketplace] = field(default_factory=list)
    providers: Providers = field(default_factory=dict)


class CodexTable(_Strict):
    """`[codex]`."""

    model: str | None = None
    providers: Providers = field(default_factory=dict)


class AmpTable(_Strict):
    """`[amp]`: no settings."""


class KimiTable(_Strict):
    """`[kimi]`."""

    model: str | None = None


class OpencodeTable(_Strict):
    """`[opencode]`; `model` is `provider/model`."""

    model: str | None = None
    providers: Providers = field(default_factory=dict)


class GrokTable(_Strict):
    """`[grok]`."""

    model: str | None = None


class Hooks(_Strict):
    """`[hooks]`: repo-relative scripts run at setup_once → source → preflight."""

    setup_once: str | None = None
    source: str | None = None
    preflight: str | None = None


class EnvVarDecl(_Strict):
    """`[env.<NAME>]`: a variable the role needs, with its default or prompt."""

    default: str | None = None
    interactive: bool = False
    skippable: bool = False
    prompt: str | None = None
    options: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)


class RoleDockerConfig(_Strict):
    """`[docker]` (v1alpha6+); `dind = "none"` turns the DinD sidecar off for this role."""

    min_profile: Literal["locked", "hardened", "standard", "compat"] | None = None
    dind: Literal["none", "rootless", "privileged"] | None = None
    allowed_hosts: list[str] = field(default_factory=list)
    capabilities_add: list[str] = field(default_factory=list)


class RoleManifest(_Strict):
    """A role's manifest."""

    version: str | None = None
    dockerfile: str
    published_image: str | None = None
    agents: list[Agent] | None = None
    identity: Identity | None = None
    claude: ClaudeTable | None = None
    codex: CodexTable | None = None
    amp: AmpTable | None = None
    kimi: KimiTable | None = None
    opencode: OpencodeTable | None = None
    grok: GrokTable | None = None
    hooks: Hooks | None = None
    env: dict[str, EnvVarDecl] = field(default_factory=dict)
    docker: RoleDockerConfig | None = None

    @property
    def effective_agents(self) -> list[Agent]:
        """`agents`, or `[claude]` when the key is absent."""
        return list(self.agents) if self.agents is not None else [Agent.CLAUDE]

    def agent_table(self, agent: Agent) -> Record | None:
        """The `[<agent>]` table, if present."""
        table = getattr(self, agent.value)
        assert table is None or isinstance(table, Record)
        return table
