"""The console's shared widgets (header, hint bar, the `--debug` status row)."""

from jackin_tui.widgets._header import BRAND, BrandHeader
from jackin_tui.widgets._hintbar import HintBar
from jackin_tui.widgets._status import DebugStatusRow

__all__ = ["BRAND", "BrandHeader", "DebugStatusRow", "HintBar"]
