"""`jackin-capsule status [--format human|json]`: the live sessions."""

from __future__ import annotations

import json

from jackin_capsule._config import run_dir
from jackin_capsule._interim._registry import Registry, Session

__all__ = ["format_status", "run_status"]

SCHEMA_VERSION = "v1"


def format_status(sessions: list[Session], output: str) -> str:
    """`Sessions: N` and one line per session, or the JSON document."""
    if output == "json":
        document = {
            "schema_version": SCHEMA_VERSION,
            "sessions": [session.to_json() for session in sessions],
        }
        return json.dumps(document, indent=2)
    lines = [f"Sessions: {len(sessions)}"]
    for session in sessions:
        line = f"[{session.id}] {session.label} pid={session.pid} started={session.started}"
        lines.append(line + (" headless" if session.headless else ""))
    return "\n".join(lines)


def run_status(output: str) -> int:
    """Print the live sessions (stale registrations are dropped); always exit 0."""
    print(format_status(Registry(run_dir()).sessions(), output))
    return 0
