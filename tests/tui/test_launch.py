"""Launching from the console (B5): role → agent → provider pickers and their outcome.

A tiny host screen calls `start_launch` / `start_new_session` as the workspace manager
does; the console runs against a temp config home whose fixture roles are cached from
local repositories that are then deleted (nothing may be fetched).
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from jackin_sdk.auth import Agent
from jackin_sdk.config import OperatorConfig, load_operator_config
from jackin_sdk.console import InstanceAction, InstanceVerb, Launch
from jackin_sdk.launch._last_agent import remember_agent
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleCache, RoleSelector
from jackin_sdk.testing import FakeDocker
from jackin_sdk.vocab import BUILTIN_ROLES
from jackin_tui._app import JackinConsole
from jackin_tui._services import ConsoleServices
from jackin_tui.dialogs import ErrorPopup, ListPicker, StatusPopup
from jackin_tui.screens._launch import start_launch, start_new_session

FIXTURES = Path(__file__).parents[1] / "fixtures" / "roles"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True, timeout=30)


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Test\n\temail = test@example.invalid\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def _repo(root: Path, fixture: str) -> Path:
    repo = root / f"{fixture}-repo"
    shutil.copytree(FIXTURES / fixture, repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", fixture)
    return repo


@dataclass
class Home:
    paths: JackinPaths
    tmp: Path
    repos: dict[str, Path]

    def write_config(self, env: str = "") -> None:
        tables = "".join(
            f'[roles.{key}]\ngit = "{repo.as_uri()}"\ntrusted = true\n\n'
            for key, repo in self.repos.items()
        )
        self.paths.config_file.write_text(f'version = "v1alpha10"\n\n[env]\n{env}\n\n{tables}')

    def workspace(self, name: str, body: str = "") -> None:
        project = self.tmp / "project"
        project.mkdir(exist_ok=True)
        self.paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
        self.paths.workspace_file(name).write_text(
            f'version = "v1alpha8"\nworkdir = "/workspace"\n{body}\n'
            f'[[mounts]]\nsrc = "{project}"\ndst = "/workspace"\n'
        )

    def config(self) -> OperatorConfig:
        return load_operator_config(self.paths, write=False)


@pytest.fixture
def home(tmp_path: Path, jackin_paths: JackinPaths) -> Home:
    """Roles `solo` (claude), `multi` (every agent) cached, `later` never cloned."""
    solo, multi = _repo(tmp_path, "stand-in"), _repo(tmp_path, "all-agents")
    jackin_paths.config_dir.mkdir(parents=True, exist_ok=True)
    found = Home(jackin_paths, tmp_path, {"solo": solo, "multi": multi, "later": tmp_path / "x"})
    found.write_config()
    for key, repo in (("solo", solo), ("multi", multi)):
        RoleCache(jackin_paths).ensure(RoleSelector.parse(key), repo.as_uri())
        shutil.rmtree(repo)
    found.workspace("ws", 'allowed_roles = ["multi", "solo", "later"]\ndefault_role = "solo"')
    found.workspace("one", 'allowed_roles = ["solo"]')
    return found


class Host(Screen[None]):
    """Stands in for the workspace manager."""

    def compose(self) -> Iterator[Static]:
        yield Static("host", id="host")


class Console(JackinConsole):
    def get_default_screen(self) -> Screen[Any]:
        return Host()


Scenario = Callable[[Console, Pilot[Any]], Awaitable[None]]


def _run(home: Home, scenario: Scenario, loader: Callable[[], OperatorConfig] | None = None) -> Any:
    svc = ConsoleServices(
        docker_factory=FakeDocker,
        config_loader=loader or home.config,
        cwd=home.tmp,
        home=home.tmp,
        paths=home.paths,
    )

    async def main() -> Any:
        app = Console(services=svc)
        async with app.run_test(size=(100, 30)) as pilot:
            await scenario(app, pilot)
            await pilot.pause()
        return app.return_value

    return asyncio.run(main())


async def _until(pilot: Pilot[Any], ready: Callable[[], bool]) -> None:
    """Let the app run until `ready()` (bounded, so a broken flow fails instead of hanging)."""
    for _ in range(400):
        if ready():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never ready; top screen: {pilot.app.screen!r}")


async def _picker(pilot: Pilot[Any], title: str) -> ListPicker:
    await _until(
        pilot, lambda: isinstance(s := pilot.app.screen, ListPicker) and s.dialog_title == title
    )
    picker = pilot.app.screen
    assert isinstance(picker, ListPicker)
    await pilot.pause()
    return picker


def _shown(picker: ListPicker) -> list[str]:
    return [picker.items[i][0] for i in picker.shown]


def _host(app: Console) -> Host:
    host = app.screen_stack[0]
    assert isinstance(host, Host)
    return host


# --- launch ------------------------------------------------------------------------------


def test_the_current_directory_offers_every_role_filtered_as_you_type(home: Home) -> None:
    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), None)
        roles = await _picker(pilot, "Select Role")
        assert roles.filterable
        assert _shown(roles) == sorted(["solo", "multi", "later", *BUILTIN_ROLES])
        await pilot.press(*"mul")
        assert _shown(roles) == ["multi"]
        await pilot.press("enter")
        agents = await _picker(pilot, "Select Agent")
        assert _shown(agents) == [a.value for a in Agent]
        assert agents.value == "claude"
        await pilot.press("down", "enter")  # codex: no provider to pick

    assert _run(home, scenario) == Launch("multi", None, agent=Agent.CODEX, provider=None)


def test_the_role_picker_shows_even_one_role_and_one_agent_needs_no_picker(home: Home) -> None:
    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "one")
        roles = await _picker(pilot, "Select Role")
        assert roles.items == (("solo", "solo"),)
        await pilot.press("enter")

    assert _run(home, scenario) == Launch("solo", "one", agent=Agent.CLAUDE, provider=None)


def test_a_workspace_role_picker_starts_on_the_default_and_moves_with_arrows(home: Home) -> None:
    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "ws")
        roles = await _picker(pilot, "Select Role")
        assert roles.items[0] == ("solo", "solo  (default)")
        assert roles.value == "solo"
        await pilot.press("down", "down", "up")
        assert roles.value == "multi"
        await pilot.press("enter")
        await _picker(pilot, "Select Agent")
        await pilot.press("up", "enter")  # wraps to the last: grok

    assert _run(home, scenario) == Launch("multi", "ws", agent=Agent.GROK, provider=None)


def test_the_remembered_agent_is_preselected(home: Home) -> None:
    remember_agent(home.paths, "workspace:ws", "multi", Agent.AMP)

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "ws")
        await _picker(pilot, "Select Role")
        await pilot.press("down", "enter")
        agents = await _picker(pilot, "Select Agent")
        assert agents.value == "amp"
        await pilot.press("enter")

    assert _run(home, scenario) == Launch("multi", "ws", agent=Agent.AMP, provider=None)


def test_a_provider_key_adds_the_provider_picker(home: Home) -> None:
    home.write_config(env='ZAI_API_KEY = "z"')

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "one")
        await _picker(pilot, "Select Role")
        await pilot.press("enter")
        providers = await _picker(pilot, "Select Provider")
        assert providers.items == (("", "Anthropic"), ("zai", "Z.AI"))
        assert providers.value == ""
        await pilot.press("down", "enter")

    assert _run(home, scenario) == Launch("solo", "one", agent=Agent.CLAUDE, provider="zai")


def test_anthropic_is_provider_none(home: Home) -> None:
    home.write_config(env='ZAI_API_KEY = "z"')

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "one")
        await _picker(pilot, "Select Role")
        await pilot.press("enter")
        await _picker(pilot, "Select Provider")
        await pilot.press("enter")

    assert _run(home, scenario) == Launch("solo", "one", agent=Agent.CLAUDE, provider=None)


def test_esc_goes_back_one_picker_at_a_time_then_to_the_list(home: Home) -> None:
    home.write_config(env='KIMI_CODE_API_KEY = "k"')

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "ws")
        await _picker(pilot, "Select Role")
        await pilot.press("down", "enter")
        await _picker(pilot, "Select Agent")
        await pilot.press("enter")
        await _picker(pilot, "Select Provider")
        await pilot.press("escape")
        agents = await _picker(pilot, "Select Agent")
        assert agents.value == "claude"
        await pilot.press("escape")
        roles = await _picker(pilot, "Select Role")
        assert roles.value == "multi"
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, Host))
        assert app.is_running

    assert _run(home, scenario) is None


def test_esc_at_the_provider_picker_without_an_agent_picker_goes_to_the_roles(
    home: Home,
) -> None:
    home.write_config(env='ZAI_API_KEY = "z"')

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "ws")
        await _picker(pilot, "Select Role")
        await pilot.press("enter")  # solo: one agent
        await _picker(pilot, "Select Provider")
        await pilot.press("escape")
        roles = await _picker(pilot, "Select Role")
        assert roles.value == "solo"
        await pilot.press("down", "enter")
        await _picker(pilot, "Select Agent")
        await pilot.press("down", "down", "enter")  # amp

    assert _run(home, scenario) == Launch("multi", "ws", agent=Agent.AMP, provider=None)


def test_a_role_not_cached_yet_lets_the_launch_choose(home: Home) -> None:
    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "ws")
        await _picker(pilot, "Select Role")
        await pilot.press(*"lat", "enter")
        agents = await _picker(pilot, "Select Agent")
        assert agents.items[0] == ("", "automatic (role not cached yet)")
        assert agents.value == ""
        await pilot.press("enter")

    assert _run(home, scenario) == Launch("later", "ws", agent=None, provider=None)


def test_an_sdk_error_shows_its_message_and_returns_to_the_role_picker(home: Home) -> None:
    home.workspace("one", 'allowed_roles = ["solo"]\ndefault_agent = "codex"')

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "one")
        await _picker(pilot, "Select Role")
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ErrorPopup))
        popup = app.screen
        assert isinstance(popup, ErrorPopup)
        assert "agent codex (default_agent of workspace one) is not supported" in popup.message
        await pilot.press("enter")
        await _picker(pilot, "Select Role")
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, Host))

    assert _run(home, scenario) is None


def test_an_unknown_workspace_is_an_error_popup_then_the_list(home: Home) -> None:
    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "gone")
        await _until(pilot, lambda: isinstance(app.screen, ErrorPopup))
        popup = app.screen
        assert isinstance(popup, ErrorPopup)
        assert "E007" in popup.message
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, Host))

    assert _run(home, scenario) is None


def test_a_slow_read_shows_a_status_popup_until_it_ends(home: Home) -> None:
    release = threading.Event()

    def slow() -> OperatorConfig:
        release.wait(timeout=30)
        return home.config()

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_launch(_host(app), "one")
        await _until(pilot, lambda: isinstance(app.screen, StatusPopup))
        release.set()
        await _picker(pilot, "Select Role")
        assert not any(isinstance(s, StatusPopup) for s in app.screen_stack)
        await pilot.press("enter")

    assert _run(home, scenario, loader=slow) == Launch("solo", "one", agent=Agent.CLAUDE)


def test_a_flow_cancelled_while_reading_takes_its_status_popup_away(home: Home) -> None:
    release = threading.Event()

    def slow() -> OperatorConfig:
        release.wait(timeout=30)
        return home.config()

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        host = _host(app)
        start_launch(host, "one")
        await _until(pilot, lambda: isinstance(app.screen, StatusPopup))
        app.workers.cancel_group(host, "launch")
        await _until(pilot, lambda: isinstance(app.screen, Host))
        release.set()

    assert _run(home, scenario, loader=slow) is None


# --- new session -------------------------------------------------------------------------


def test_new_session_picks_agent_and_provider_for_the_instance(home: Home) -> None:
    home.write_config(env='MINIMAX_API_KEY = "m"')

    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_new_session(_host(app), container="jackin-c1", workspace="ws", role="multi")
        agents = await _picker(pilot, "Select Agent")
        assert not agents.filterable
        await pilot.press("enter")
        providers = await _picker(pilot, "Select Provider")
        assert [v for v, _ in providers.items] == ["", "minimax"]
        await pilot.press("escape")
        await _picker(pilot, "Select Agent")
        await pilot.press("enter")
        await _picker(pilot, "Select Provider")
        await pilot.press("down", "enter")

    assert _run(home, scenario) == InstanceAction(
        "jackin-c1", InstanceVerb.NEW_SESSION, agent=Agent.CLAUDE, provider="minimax"
    )


def test_new_session_with_one_agent_and_provider_asks_nothing(home: Home) -> None:
    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_new_session(_host(app), container="jackin-c2", workspace=None, role="solo")
        await _until(pilot, lambda: not app.is_running)

    assert _run(home, scenario) == InstanceAction(
        "jackin-c2", InstanceVerb.NEW_SESSION, agent=Agent.CLAUDE
    )


def test_esc_at_the_new_session_agent_picker_returns_to_the_list(home: Home) -> None:
    async def scenario(app: Console, pilot: Pilot[Any]) -> None:
        start_new_session(_host(app), container="jackin-c3", workspace="ws", role="multi")
        await _picker(pilot, "Select Agent")
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, Host))
        assert app.is_running

    assert _run(home, scenario) is None
