"""Helpers for the console's pilot tests: a bare shell host and the keymap checks.

The keymap rule every screen test should hold its screen to: the hint bar lists exactly
the live keys (`assert_hints_match_live`), and every action of a KEYMAP has a test that
presses its key and sees its effect (`key_presses` to parametrise over each key name,
`assert_effects_cover` so a key added without a test fails).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from jackin_sdk.testing import FakeDocker
from jackin_tui._app import JackinConsole
from jackin_tui._keymap import GLOBAL_KEYMAP, Key, KeyMap
from jackin_tui._services import ConsoleServices
from jackin_tui.screens._base import StageScreen
from jackin_tui.widgets import HintBar

__all__ = [
    "Shell",
    "ToyStage",
    "assert_effects_cover",
    "assert_hints_match_live",
    "drawn_lines",
    "expected_hints",
    "hint_bar",
    "key_presses",
    "run_shell",
    "shell_services",
]


class ToyStage(StageScreen):
    """A stage with one always-live key and one whose liveness a test switches."""

    LABEL: ClassVar[str] = "toy"
    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("enter", "launch", "launch", "↵"),
        Key("e", "edit", "edit", "E", group=1),
        Key("q,escape", "quit", "quit", "Q", group=2),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()

    def __init__(self) -> None:
        super().__init__()
        self.editable = True
        self.pressed: list[str] = []

    def compose_body(self) -> ComposeResult:
        yield Static("toy body", id="toy")

    def is_live(self, action: str) -> bool:
        return self.editable if action == "edit" else True

    def action_launch(self) -> None:
        self.pressed.append("launch")

    def action_edit(self) -> None:
        self.pressed.append("edit")


class Shell(JackinConsole):
    """The real console with `ToyStage` as its first stage."""

    def get_default_screen(self) -> Screen[Any]:
        return ToyStage()


def shell_services(tmp: Path) -> ConsoleServices:
    """Services over a FakeDocker; the config loader fails loudly if a shell test uses it."""

    def no_config() -> Any:
        raise AssertionError("the shell must not load the config")

    return ConsoleServices(docker_factory=FakeDocker, config_loader=no_config, cwd=tmp, home=tmp)


def run_shell(
    tmp: Path,
    scenario: Callable[[Shell, Pilot[Any]], Awaitable[None]],
    size: tuple[int, int] = (100, 30),
    *,
    invocation_id: str | None = None,
) -> Any:
    """Run `scenario` in a `Shell` (in debug mode with `invocation_id`); return what the
    app exited with."""

    async def main() -> Any:
        app = Shell(services=shell_services(tmp), invocation_id=invocation_id)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)
            await pilot.pause()
        return app.return_value

    return asyncio.run(main())


def drawn_lines(app: JackinConsole) -> list[str]:
    """The screen as drawn, one string per row (what the terminal would show)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def hint_bar(app: JackinConsole) -> str:
    """The hint bar's text as drawn under the active stage."""
    return app.stage.query_one(HintBar).plain


def expected_hints(screen: Screen[Any]) -> str:
    """The hints `screen`'s KEYMAP and `is_live` call for (stages end with the global keys)."""
    keymap = getattr(screen, "KEYMAP", KeyMap())
    is_live = getattr(screen, "is_live", lambda _action: True)
    parts = [keymap.hints(is_live)]
    if not isinstance(screen, ModalScreen):
        parts.append(GLOBAL_KEYMAP.hints(lambda a: screen.app.check_action(a, ()) is True))
    return "   ".join(p for p in parts if p)


def assert_hints_match_live(app: JackinConsole) -> None:
    """The footer lists exactly the live keys of the top screen: no more, no fewer."""
    screen = app.screen
    shown = hint_bar(app)
    keymap = getattr(screen, "KEYMAP", KeyMap())
    is_live = getattr(screen, "is_live", lambda _action: True)
    for key in keymap:
        if not key.shown:
            continue
        if is_live(key.action):
            assert key.hint in shown, f"live key {key.keys!r} ({key.hint!r}) missing: {shown!r}"
    assert shown == expected_hints(screen), f"hint bar {shown!r} != live keys"


def key_presses(keymap: KeyMap) -> list[tuple[str, Key]]:
    """Every key name of every Key (`"up,k"` gives two), for `pytest.mark.parametrize`."""
    return [(name.strip(), key) for key in keymap for name in key.keys.split(",")]


def assert_effects_cover(keymap: KeyMap, effects: Mapping[str, object] | Iterable[str]) -> None:
    """Every action in `keymap` has a tested effect (so a new key cannot go untested)."""
    assert set(keymap.actions) == set(effects), (
        f"untested: {sorted(keymap.actions - set(effects))}, "
        f"stale: {sorted(set(effects) - keymap.actions)}"
    )
