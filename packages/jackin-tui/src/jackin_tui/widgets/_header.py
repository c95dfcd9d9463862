"""Row 0 of every stage: the brand pill ` jackin❯ ` · the screen label (B2)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from jackin_tui._theme import BLACK, PHOSPHOR_DARK, PHOSPHOR_DIM, PHOSPHOR_GREEN

__all__ = ["BRAND", "BrandHeader"]

BRAND = " jackin❯ "


class BrandHeader(Static):
    """The brand pill and the label of the active stage; `label` updates it."""

    DEFAULT_CSS = """
    BrandHeader {
        width: 1fr;
        height: 1;
        margin-bottom: 1;
    }
    """

    def __init__(self, label: str) -> None:
        self._label = label
        super().__init__(self._content(label), id="header")

    @property
    def label(self) -> str:
        return self._label

    @label.setter
    def label(self, value: str) -> None:
        self._label = value
        self.update(self._content(value))

    @property
    def plain(self) -> str:
        """The header as text: ` jackin❯  · workspaces`."""
        return self._content(self._label).plain

    @staticmethod
    def _content(label: str) -> Content:
        parts: list[tuple[str, str]] = [(BRAND, f"bold {BLACK} on {PHOSPHOR_GREEN}")]
        if label:
            parts += [(" · ", PHOSPHOR_DARK), (label, PHOSPHOR_DIM)]
        return Content.assemble(*parts)
