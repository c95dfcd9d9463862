"""`capsule-exit.json`: how the capsule's daemon ended, left in the run dir for the host.

The daemon writes it before it tells the client it is going; the host reads it to wait
for the container to stop and to tell a signal (`jackin eject`, `docker stop`: keep the
instance for hardline) from the last session closing (a clean exit).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jackin_capsule.contract._read import read_record

__all__ = ["EXIT_MARKER", "CapsuleExit"]

EXIT_MARKER = "capsule-exit.json"
"""Its name in the run dir (`/jackin/run` inside, the instance's sockets dir outside)."""


@dataclass(frozen=True, slots=True)
class CapsuleExit:
    """Why the daemon ended: `reason` (may be empty) and whether a signal stopped it."""

    reason: str = ""
    signal: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"reason": self.reason, "signal": self.signal}

    @classmethod
    def from_dict(cls, data: object) -> CapsuleExit:
        """The record in `data`; missing or mistyped fields take their defaults."""
        if not isinstance(data, dict):
            return cls()
        reason, signal = data.get("reason"), data.get("signal")
        return cls(reason if isinstance(reason, str) else "", bool(signal))

    def write(self, run: Path) -> None:
        (run / EXIT_MARKER).write_text(json.dumps(self.to_dict()) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, run: Path) -> CapsuleExit | None:
        """The marker in `run`, or None when there is none or it cannot be read.

        The run dir is the container's: a FIFO, a device, a symlink or a huge file there
        is read as no marker (bounded by `read_record`), never waited on or read whole.
        """
        try:
            return cls.from_dict(json.loads(read_record(run / EXIT_MARKER).decode("utf-8")))
        except (OSError, ValueError):
            return None
