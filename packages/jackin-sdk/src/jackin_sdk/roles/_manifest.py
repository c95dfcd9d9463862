"""The role manifest `jackin.role.toml` (current v1alpha6); every table is strict."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from jackin_sdk.migrations import DocumentKind, restamp_chain
from jackin_sdk.tables import Keyword, StrictTable, json_schema
from jackin_sdk.versioning import SchemaVersion
from jackin_sdk.vocab import Agent

__all__ = [
    "LEGACY_MANIFEST_FILE",
    "MANIFEST_FILE",
    "MANIFEST_KIND",
    "MANIFEST_SCHEMA",
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
    "manifest_json_schema",
]

MANIFEST_FILE = "jackin.role.toml"
#: The name of the published schema (`schemas/role.schema.json`).
MANIFEST_SCHEMA = "role"
LEGACY_MANIFEST_FILE = "jackin.agent.toml"
MANIFEST_VERSION = SchemaVersion.parse("v1alpha6")
MANIFEST_KIND = DocumentKind(
    label=MANIFEST_FILE,
    current=MANIFEST_VERSION,
    steps=restamp_chain(["legacy", *[f"v1alpha{n}" for n in range(1, 7)]]),
    too_new_hint="upgrade jackin, or pin the role to a version this jackin supports",
)


class Identity(StrictTable):
    """`[identity]`: how the agent is named in progress and status."""

    name: str


class ProviderOverride(StrictTable):
    """`[<agent>.providers.<id>]`: the model to use with one provider."""

    model: str | None = None


Providers = dict[str, ProviderOverride]


class Marketplace(StrictTable):
    """`[[claude.marketplaces]]`: a plugin marketplace added before plugin installs."""

    source: str
    sparse: list[str] = Field(default_factory=list)


class ClaudeTable(StrictTable):
    """`[claude]`."""

    model: str | None = None
    plugins: list[str] = Field(default_factory=list)
    marketplaces: list[Marketplace] = Field(default_factory=list)
    providers: Providers = Field(default_factory=dict)


class CodexTable(StrictTable):
    """`[codex]`."""

    model: str | None = None
    providers: Providers = Field(default_factory=dict)


class AmpTable(StrictTable):
    """`[amp]`: no settings."""


class KimiTable(StrictTable):
    """`[kimi]`."""

    model: str | None = None


class OpencodeTable(StrictTable):
    """`[opencode]`; `model` is `provider/model`."""

    model: str | None = None
    providers: Providers = Field(default_factory=dict)


class GrokTable(StrictTable):
    """`[grok]`."""

    model: str | None = None


class Hooks(StrictTable):
    """`[hooks]`: repo-relative scripts run at setup_once → source → preflight."""

    setup_once: str | None = None
    source: str | None = None
    preflight: str | None = None


class EnvVarDecl(StrictTable):
    """`[env.<NAME>]`: a variable the role needs, with its default or prompt."""

    default: str | None = None
    interactive: bool = False
    skippable: bool = False
    prompt: str | None = None
    options: list[str] = Field(default_factory=list)
    depends_on: list[str] = Field(default_factory=list)


class RoleDockerConfig(StrictTable):
    """`[docker]` (v1alpha6+); `dind = "none"` turns the DinD sidecar off for this role."""

    min_profile: Literal["locked", "hardened", "standard", "compat"] | None = None
    dind: Literal["none", "rootless", "privileged"] | None = None
    allowed_hosts: list[str] = Field(default_factory=list)
    capabilities_add: list[str] = Field(default_factory=list)


class RoleManifest(StrictTable):
    """A role's manifest."""

    version: str | None = None
    dockerfile: str
    published_image: str | None = None
    agents: list[Annotated[Agent, Keyword]] | None = None
    identity: Identity | None = None
    claude: ClaudeTable | None = None
    codex: CodexTable | None = None
    amp: AmpTable | None = None
    kimi: KimiTable | None = None
    opencode: OpencodeTable | None = None
    grok: GrokTable | None = None
    hooks: Hooks | None = None
    env: dict[str, EnvVarDecl] = Field(default_factory=dict)
    docker: RoleDockerConfig | None = None

    @property
    def effective_agents(self) -> list[Agent]:
        """`agents`, or `[claude]` when the key is absent."""
        return list(self.agents) if self.agents is not None else [Agent.CLAUDE]

    def agent_table(self, agent: Agent) -> StrictTable | None:
        """The `[<agent>]` table, if present."""
        table = getattr(self, agent.value)
        assert table is None or isinstance(table, StrictTable)
        return table


def manifest_json_schema() -> dict[str, Any]:
    """The JSON Schema of `jackin.role.toml` (`jackin-role schema`)."""
    return json_schema(RoleManifest, name=MANIFEST_SCHEMA, title=MANIFEST_FILE)
