"""Ask the outer terminal for its default colours (OSC 10/11) before attaching (spec A7).

The queries are followed by a primary device-attributes request (`CSI c`), which every
terminal answers: once its reply arrives, any colour reply has arrived too, so the
probe never waits for a terminal that ignores OSC 10/11. Keys typed meanwhile are kept
and sent as the first input.
"""

from __future__ import annotations

import os
import re
import select
import time

__all__ = ["ColourProbe", "parse_probe_replies"]

RGB = tuple[int, int, int]
_QUERY = b"\x1b]10;?\x1b\\\x1b]11;?\x1b\\\x1b[c"
_COLOUR = re.compile(
    rb"\x1b\](1[01]);rgb:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})"
    rb"(?:\x07|\x1b\\)"
)
_DA1 = re.compile(rb"\x1b\[\?[0-9;]*c")
PROBE_TIMEOUT = 0.5


def _channel(text: bytes) -> int:
    value = int(text, 16)
    bits = 4 * len(text)
    return round(value * 255 / ((1 << bits) - 1))


def parse_probe_replies(data: bytes) -> tuple[RGB | None, RGB | None, bytes, bool]:
    """(fg, bg, bytes that were not replies, whether the DA1 reply was seen)."""
    fg: RGB | None = None
    bg: RGB | None = None
    for match in _COLOUR.finditer(data):
        rgb = (_channel(match[2]), _channel(match[3]), _channel(match[4]))
        if match[1] == b"10":
            fg = rgb
        else:
            bg = rgb
    rest = _COLOUR.sub(b"", data)
    done = _DA1.search(rest) is not None
    return fg, bg, _DA1.sub(b"", rest), done


class ColourProbe:
    """Send the probe on `out_fd`, read replies from `in_fd` (raw mode) until DA1."""

    def __init__(self, in_fd: int, out_fd: int) -> None:
        self.in_fd = in_fd
        self.out_fd = out_fd

    def run(self, timeout: float = PROBE_TIMEOUT) -> tuple[RGB | None, RGB | None, bytes]:
        """(fg, bg, typed-ahead bytes)."""
        os.write(self.out_fd, _QUERY)
        data = b""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([self.in_fd], [], [], left)
            if not ready:
                break
            chunk = os.read(self.in_fd, 4096)
            if not chunk:
                break
            data += chunk
            if parse_probe_replies(data)[3]:
                break
        fg, bg, rest, _ = parse_probe_replies(data)
        return fg, bg, rest
