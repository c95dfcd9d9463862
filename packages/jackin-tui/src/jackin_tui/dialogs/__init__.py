"""The console's generic modal dialogs and the help overlay (B9)."""

from jackin_tui.dialogs._base import ButtonRow, Dialog
from jackin_tui.dialogs._choice import ChoiceDialog
from jackin_tui.dialogs._confirm import ConfirmDialog
from jackin_tui.dialogs._debug import DebugInfoDialog, DebugRow
from jackin_tui.dialogs._help import HelpOverlay
from jackin_tui.dialogs._input import TextInputDialog
from jackin_tui.dialogs._picker import ListPicker
from jackin_tui.dialogs._popups import ErrorPopup, ReportDialog, StatusPopup

__all__ = [
    "ButtonRow",
    "ChoiceDialog",
    "ConfirmDialog",
    "DebugInfoDialog",
    "DebugRow",
    "Dialog",
    "ErrorPopup",
    "HelpOverlay",
    "ListPicker",
    "ReportDialog",
    "StatusPopup",
    "TextInputDialog",
]
