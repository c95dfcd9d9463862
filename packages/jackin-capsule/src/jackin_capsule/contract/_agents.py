"""Each agent's durable home and credential hand-off: the registry both sides read.

The host (`jackin_sdk.agents`, `jackin_sdk.credentials`) mounts the durable home paths
and fills the hand-off slot; the capsule's runtime-setup seeds the same paths and copies
the slot into the home (spec runtime §4.4, §4.5; config §7.3). The SDK's `AgentRuntime`
adds what only the host needs (installers, registry packages, launch flags).

The hand-off layout: agent `a`'s slot is the folder `<instance state>/<slot.name>/` on
the host (0700, its files 0600, written only in `sync` mode), mounted read-only at
`/jackin/<slot.name>/`. Each `HandoffFile` is read from `<host home>/<home_path>` and
kept in the slot as `<name>`; the capsule copies it to `~/<home_path>`. A `mirror` slot
(Kimi) is a copy of one home folder, merged into it file by file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jackin_capsule.contract._paths import HANDOFF_ROOT

__all__ = ["AGENT_HOMES", "AgentHome", "Handoff", "HandoffFile", "HandoffSlot"]


@dataclass(frozen=True, slots=True)
class HandoffFile:
    """One forwarded file: where it lives in a home, and its name in the slot."""

    home_path: str
    """Relative to the home: read there on the host (`sync`), written there in the container."""
    name: str
    """Its name in the slot."""
    credential: bool = True
    """It carries the login: counts for the "no credentials forwarded" hint."""
    refill_blank: bool = False
    """Copied again (sync only) while the target is still empty or `{}`."""


@dataclass(frozen=True, slots=True)
class Handoff:
    """The capsule's view: a read-only file (or folder) under `/jackin/` and where it goes."""

    source: str
    """Relative to the hand-off root (`/jackin`)."""
    target: str
    """Relative to the agent's home (`/home/agent`)."""
    tree: bool = False
    """A folder whose files are merged in (files 0600, folders 0700); else one file."""
    credential: bool = True
    refill_blank: bool = False


@dataclass(frozen=True, slots=True)
class HandoffSlot:
    """An agent's hand-off folder: `<state>/<name>/` on the host, `/jackin/<name>/` inside."""

    name: str
    files: tuple[HandoffFile, ...] = ()
    trees: tuple[str, ...] = ()
    """Home paths copied as folders to `<slot>/<their last part>` (files 0600, folders
    0700, symlinks skipped)."""
    mirror: str = ""
    """When set, the slot is a copy of this home folder (its files and trees all sit
    under it) and the capsule merges the whole slot into it."""

    @property
    def target(self) -> str:
        """The read-only mount point in the container."""
        return f"{HANDOFF_ROOT}/{self.name}"

    @property
    def entries(self) -> tuple[str, ...]:
        """The names the host may leave in the slot (files and trees)."""
        return (*(f.name for f in self.files), *(t.rsplit("/", 1)[-1] for t in self.trees))

    @property
    def handoffs(self) -> tuple[Handoff, ...]:
        """What the capsule copies from `/jackin/<name>/` into the home."""
        if self.mirror:
            return (Handoff(self.name, self.mirror, tree=True),)
        return tuple(
            Handoff(
                f"{self.name}/{f.name}",
                f.home_path,
                credential=f.credential,
                refill_blank=f.refill_blank,
            )
            for f in self.files
        )


@dataclass(frozen=True, slots=True)
class AgentHome:
    """What both sides manage for one agent in its home (`/home/agent`)."""

    slug: str
    home_dirs: tuple[str, ...]
    """Durable folders, relative to the home (mounted from the instance's state)."""
    home_files: tuple[str, ...] = ()
    """Durable single files, relative to the home."""
    credential: str = ""
    """The in-home credential (file or folder) removed outside `sync` mode."""
    slot: HandoffSlot = HandoffSlot("")

    @property
    def handoffs(self) -> tuple[Handoff, ...]:
        return self.slot.handoffs


AGENT_HOMES: Mapping[str, AgentHome] = {
    home.slug: home
    for home in (
        AgentHome(
            "claude",
            (".claude",),
            (".claude.json",),
            ".claude/.credentials.json",
            HandoffSlot(
                "claude",
                (
                    HandoffFile(".claude/.credentials.json", "credentials.json"),
                    HandoffFile(
                        ".claude.json", "account.json", credential=False, refill_blank=True
                    ),
                ),
            ),
        ),
        AgentHome(
            "codex",
            (".codex",),
            credential=".codex/auth.json",
            slot=HandoffSlot("codex", (HandoffFile(".codex/auth.json", "auth.json"),)),
        ),
        AgentHome(
            "amp",
            (".local/share/amp", ".config/amp"),
            credential=".local/share/amp/secrets.json",
            slot=HandoffSlot(
                "amp", (HandoffFile(".local/share/amp/secrets.json", "secrets.json"),)
            ),
        ),
        AgentHome(
            "kimi",
            (".kimi-code", ".kimi"),
            credential=".kimi-code/credentials",
            slot=HandoffSlot(
                "kimi-code",
                (
                    HandoffFile(".kimi-code/config.toml", "config.toml"),
                    HandoffFile(".kimi-code/device_id", "device_id"),
                ),
                trees=(".kimi-code/credentials",),
                mirror=".kimi-code",
            ),
        ),
        AgentHome(
            "opencode",
            (".local/share/opencode", ".config/opencode"),
            credential=".local/share/opencode/auth.json",
            slot=HandoffSlot(
                "opencode", (HandoffFile(".local/share/opencode/auth.json", "auth.json"),)
            ),
        ),
        AgentHome(
            "grok",
            (".grok",),
            credential=".grok/auth.json",
            slot=HandoffSlot("grok", (HandoffFile(".grok/auth.json", "auth.json"),)),
        ),
    )
}
"""Every agent jackin supports, by slug (`jackin_sdk.vocab.Agent`'s values)."""
