"""The capsule's clients: the interactive attach client and the control-channel asker."""

from jackin_capsule.client._attach import ENTER, RESET, AttachOutcome, attach, report
from jackin_capsule.client._control import ask
from jackin_capsule.client._probe import parse_probe_replies

__all__ = ["ENTER", "RESET", "AttachOutcome", "ask", "attach", "parse_probe_replies", "report"]
