"""Per-pane terminal emulation for the capsule multiplexer (spec A12, A14, A16).

`PaneTerminal` wraps pyte with what a pane needs: an alternate screen, scrollback
with preserve-on-clear, a byte-level pre-scanner that tracks the modes the
compositor reconciles (`PaneModes`), answers terminal queries and extracts the
OSC side channel under an `OscPolicy`, and a fast-forward path that keeps bulk
output (`cat` of a large file) from being limited by pyte's parser.

Depends on the standard library and pyte only.
"""

from jackin_capsule.terminal._modes import PaneModes
from jackin_capsule.terminal._pane import PaneTerminal
from jackin_capsule.terminal._policy import OscPolicy

__all__ = ["OscPolicy", "PaneModes", "PaneTerminal"]
