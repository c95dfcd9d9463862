"""Where each agent's credentials live on the host and in the hand-off (upstream-config §7.3)."""

from __future__ import annotations

from dataclasses import dataclass

from jackin_sdk.auth import Agent

__all__ = ["HANDOFF_SLOTS", "HandoffSlot"]


@dataclass(frozen=True, slots=True)
class HandoffSlot:
    """An agent's hand-off folder `<state>/<name>/`, mounted read-only at `/jackin/<name>/`."""

    name: str
    files: tuple[tuple[str, str], ...] = ()
    """`(source under the host home or sync_source_dir, name in the slot)`."""
    tree: tuple[str, ...] = ()
    """Paths copied as a tree (files 0600, folders 0700, symlinks skipped): kimi."""

    @property
    def target(self) -> str:
        """The read-only mount point in the container."""
        return f"/jackin/{self.name}"


HANDOFF_SLOTS: dict[Agent, HandoffSlot] = {
    Agent.CLAUDE: HandoffSlot(
        "claude",
        files=((".claude/.credentials.json", "credentials.json"), (".claude.json", "account.json")),
    ),
    Agent.CODEX: HandoffSlot("codex", files=((".codex/auth.json", "auth.json"),)),
    Agent.AMP: HandoffSlot("amp", files=((".local/share/amp/secrets.json", "secrets.json"),)),
    Agent.KIMI: HandoffSlot(
        "kimi-code",
        files=((".kimi-code/config.toml", "config.toml"), (".kimi-code/device_id", "device_id")),
        tree=(".kimi-code/credentials",),
    ),
    Agent.OPENCODE: HandoffSlot(
        "opencode", files=((".local/share/opencode/auth.json", "auth.json"),)
    ),
    Agent.GROK: HandoffSlot("grok", files=((".grok/auth.json", "auth.json"),)),
}
