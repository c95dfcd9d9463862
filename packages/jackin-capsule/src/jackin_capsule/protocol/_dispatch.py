"""First-byte connection dispatch (spec A4).

The daemon reads one byte from every new connection:
- `0x00` is the top byte of a control request's 4-byte big-endian length (every
  control body is at most 4 MiB, so that byte is always zero) -> "control";
- `0x01` (Hello's tag) -> "attach": the byte is the first frame's tag;
- anything else -> "reject". Choice: the spec routes every non-zero byte to the attach
  channel and then drops it unless the first frame is Hello; deciding from the byte
  alone drops the same connections without buffering a frame first.
"""

from __future__ import annotations

from typing import Literal

from jackin_capsule.protocol._hello import Hello

__all__ = ["Channel", "classify_first_byte"]

Channel = Literal["control", "attach", "reject"]


def classify_first_byte(b: int) -> Channel:
    """Which channel a connection speaks, from its first byte (`0..=255`)."""
    if isinstance(b, bool) or not isinstance(b, int) or not 0 <= b <= 0xFF:
        raise ValueError(f"a byte is 0..255, got {b!r}")
    if b == 0x00:
        return "control"
    if b == Hello.TAG:
        return "attach"
    return "reject"
