"""The capsule's byte-level input parser (spec A11) and dialog key decoding.

`InputParser.feed(data, now)` turns the attached client's raw `Input` bytes into
`InputEvent`s: `PaneBytes` for the focused pane (or the open dialog), the palette key
(`TogglePalette`), Ctrl+Q (`RequestExit`), prefix-mode commands (`PrefixCommand`,
`PrefixPending`), Alt+Shift+Arrow (`ResizePane`), outer focus (`OuterFocus`) and
mouse reports (`Mouse`). It is pure — no I/O, no clock: the caller passes monotonic
`now` and calls `expire(now)` at `deadline()` to flush a lone ESC.

`InputConfig.from_env` reads `JACKIN_PALETTE_KEY`, `JACKIN_PREFIX` and
`JACKIN_ESCAPE_TIME`; `decode_dialog_keys` turns `PaneBytes` into `DialogKey`s for
dialogs. The rules resolved beyond the spec are listed in `_parser.py`'s docstring.
"""

from jackin_capsule.input._config import (
    DEFAULT_ESCAPE_TIME,
    DEFAULT_PALETTE_KEY,
    ESCAPE_TIME_ENV,
    MAX_ESCAPE_TIME,
    PALETTE_KEY_ENV,
    PREFIX_ENV,
    InputConfig,
    parse_escape_time,
    parse_key_spec,
)
from jackin_capsule.input._dialog import DialogKey, DialogKeyKind, decode_dialog_keys
from jackin_capsule.input._events import (
    Direction,
    InputEvent,
    Mouse,
    MouseKind,
    OuterFocus,
    PaneBytes,
    PrefixAction,
    PrefixCommand,
    PrefixPending,
    RequestExit,
    ResizePane,
    TogglePalette,
)
from jackin_capsule.input._parser import MAX_SEQUENCE, InputParser

__all__ = [
    "DEFAULT_ESCAPE_TIME",
    "DEFAULT_PALETTE_KEY",
    "ESCAPE_TIME_ENV",
    "MAX_ESCAPE_TIME",
    "MAX_SEQUENCE",
    "PALETTE_KEY_ENV",
    "PREFIX_ENV",
    "DialogKey",
    "DialogKeyKind",
    "Direction",
    "InputConfig",
    "InputEvent",
    "InputParser",
    "Mouse",
    "MouseKind",
    "OuterFocus",
    "PaneBytes",
    "PrefixAction",
    "PrefixCommand",
    "PrefixPending",
    "RequestExit",
    "ResizePane",
    "TogglePalette",
    "decode_dialog_keys",
    "parse_escape_time",
    "parse_key_spec",
]
