"""The console's shared widgets (header, hint bar)."""

from jackin_tui.widgets._header import BRAND, BrandHeader
from jackin_tui.widgets._hintbar import HintBar

__all__ = ["BRAND", "BrandHeader", "HintBar"]
