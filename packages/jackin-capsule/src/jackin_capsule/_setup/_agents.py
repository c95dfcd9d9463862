"""Each agent's durable home paths and credential hand-offs (spec runtime §4.4, §4.5).

The capsule cannot import `jackin_sdk`, so this mirrors its agent registry
(`jackin_sdk.agents`: durable home dirs and files) and hand-off slots
(`jackin_sdk.credentials`); a test keeps them in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["AGENT_HOMES", "AgentHome", "Handoff"]


@dataclass(frozen=True, slots=True)
class Handoff:
    """A read-only file (or folder) under `/jackin/` the host forwards, and where it goes."""

    source: str
    """Relative to the hand-off root (`/jackin`)."""
    target: str
    """Relative to the agent's home (`/home/agent`)."""
    tree: bool = False
    """A folder whose files are merged in (files 0600, folders 0700); else one file."""
    credential: bool = True
    """It carries the login: counts for the "no credentials forwarded" hint."""
    refill_blank: bool = False
    """Copied again (sync only) while the target is still empty or `{}`."""


@dataclass(frozen=True, slots=True)
class AgentHome:
    """What runtime-setup manages for one agent."""

    slug: str
    home_dirs: tuple[str, ...]
    """Durable folders, relative to the home; the first one holds the credential."""
    home_files: tuple[str, ...] = ()
    """Durable single files, relative to the home."""
    credential: str = ""
    """The in-home credential (file or folder) removed outside `sync` mode."""
    handoffs: tuple[Handoff, ...] = ()


AGENT_HOMES: Mapping[str, AgentHome] = {
    home.slug: home
    for home in (
        AgentHome(
            "claude",
            (".claude",),
            (".claude.json",),
            ".claude/.credentials.json",
            (
                Handoff("claude/credentials.json", ".claude/.credentials.json"),
                Handoff("claude/account.json", ".claude.json", credential=False, refill_blank=True),
            ),
        ),
        AgentHome(
            "codex",
            (".codex",),
            credential=".codex/auth.json",
            handoffs=(Handoff("codex/auth.json", ".codex/auth.json"),),
        ),
        AgentHome(
            "amp",
            (".local/share/amp", ".config/amp"),
            credential=".local/share/amp/secrets.json",
            handoffs=(Handoff("amp/secrets.json", ".local/share/amp/secrets.json"),),
        ),
        AgentHome(
            "kimi",
            (".kimi-code", ".kimi"),
            credential=".kimi-code/credentials",
            handoffs=(Handoff("kimi-code", ".kimi-code", tree=True),),
        ),
        AgentHome(
            "opencode",
            (".local/share/opencode", ".config/opencode"),
            credential=".local/share/opencode/auth.json",
            handoffs=(Handoff("opencode/auth.json", ".local/share/opencode/auth.json"),),
        ),
        AgentHome(
            "grok",
            (".grok",),
            credential=".grok/auth.json",
            handoffs=(Handoff("grok/auth.json", ".grok/auth.json"),),
        ),
    )
}
