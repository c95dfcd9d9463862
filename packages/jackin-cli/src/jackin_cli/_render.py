"""Text rendering shared by commands. Rendering only: no behaviour lives here.

Errors are rendered by the SDK (`jackin_sdk.text.render_error`), the same block the
console prints.
"""

from __future__ import annotations

__all__ = ["BRAND_PILL"]

BRAND_PILL = "jackin❯"
