"""Which side-channel OSC sequences may reach the outer terminal (spec A14)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

_DENY = frozenset({"deny", "off", "no"})


def _allowed(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() not in _DENY


@dataclass(frozen=True, slots=True)
class OscPolicy:
    """Per-session passthrough policy for the focused pane's OSC sequences.

    OSC 52 clipboard writes are denied unless explicitly allowed; titles (OSC 0/1/2),
    notifications (OSC 9) and hyperlinks (OSC 8) are forwarded unless denied.
    """

    osc52: bool = False
    title: bool = True
    notify: bool = True
    hyperlink: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> OscPolicy:
        """Read the policy once: `JACKIN_OSC52=allow` enables clipboard writes;
        `JACKIN_OSC_TITLE` / `JACKIN_OSC_NOTIFY` / `JACKIN_OSC_HYPERLINK` set to
        `deny`, `off` or `no` (any case) disable the others."""
        return cls(
            osc52=env.get("JACKIN_OSC52", "").strip().lower() == "allow",
            title=_allowed(env, "JACKIN_OSC_TITLE"),
            notify=_allowed(env, "JACKIN_OSC_NOTIFY"),
            hyperlink=_allowed(env, "JACKIN_OSC_HYPERLINK"),
        )
