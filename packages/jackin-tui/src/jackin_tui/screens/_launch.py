"""Launching from the console (B5): role picker → agent picker → provider picker.

`start_launch` runs on `Enter` on a workspace row, `start_new_session` on `n` on an
instance row (both called by the workspace manager). The chain is one async worker on
the calling screen: each picker is a `ListPicker` modal awaited in turn, `Esc` goes back
one picker (at the first, back to the list), and the last choice ends the console with
its outcome (`Launch` or `InstanceAction(NEW_SESSION)`), which the binary performs.

What to offer is the SDK's (`jackin_sdk.launch.role_choices`, `agent_choices`,
`provider_choices`): it reads the config and the role cache (files, `git rev-parse`)
off the event loop; a read that outlasts the first frame shows a status popup, an error
shows the SDK's message in an error popup and returns to the previous step.

Deliberate difference from B5.1: the role picker is a modal over the body, not a list
replacing the sidebar inline, so one picker component (filter, keys, hints) serves
every list the console offers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from jackin_sdk.console import InstanceAction, InstanceVerb, Launch
from jackin_sdk.errors import JackinError
from jackin_sdk.vocab import Agent
from jackin_tui._services import ConsoleServices, services
from jackin_tui.dialogs import ErrorPopup, ListPicker, StatusPopup

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from jackin_sdk.launch import AgentChoices, ProviderChoices, RoleChoices

__all__ = ["STATUS_DELAY", "start_launch", "start_new_session"]

STATUS_DELAY = 0.1
"""Seconds a read may take before the status popup shows (no flash for a fast one)."""

T = TypeVar("T")


async def _off_loop(app: App[Any], message: str, read: Callable[[], T]) -> T | None:
    """`read()` in a thread; a status popup while it runs long; None after an error popup."""
    task = asyncio.ensure_future(asyncio.to_thread(read))
    done, _ = await asyncio.wait({task}, timeout=STATUS_DELAY)
    if not done:
        popup = StatusPopup(message)
        try:
            await app.push_screen(popup)
            await asyncio.wait({task})
        finally:  # also when the flow is cancelled: a status popup has no key to close it
            while app.screen is not popup and popup in app.screen_stack:
                await asyncio.sleep(STATUS_DELAY)  # something (an error) is over it
            if popup in app.screen_stack:
                await popup.dismiss()
    try:
        return task.result()
    except JackinError as error:
        await app.push_screen_wait(ErrorPopup(str(error)))
        return None


async def _pick(app: App[Any], title: str, items: list[tuple[str, str]], **kw: Any) -> str | None:
    picked: str | None = await app.push_screen_wait(ListPicker(title, items, **kw))
    return picked


def _agent_value(agent: Agent | None) -> str:
    return "" if agent is None else agent.value


@dataclass(frozen=True, slots=True)
class _Choice:
    agent: Agent | None
    provider: str | None


async def _agent_and_provider(
    app: App[Any], svc: ConsoleServices, role: str, workspace: str | None
) -> _Choice | None:
    """The agent (picker when needed), then the provider (picker when needed).

    None: the operator went back past the agent step (or its choices could not be read).
    """

    def read() -> tuple[AgentChoices, Callable[[Agent | None], ProviderChoices]]:
        from jackin_sdk.launch import agent_choices, provider_choices  # noqa: PLC0415

        config = svc.config()
        agents = agent_choices(config, role, workspace=workspace, cwd=svc.cwd)
        return agents, lambda agent: provider_choices(config, role, agent, workspace=workspace)

    found = await _off_loop(app, f"Reading role {role}…", read)
    if found is None:
        return None
    agents, providers_for = found
    agent = agents.preselected
    while True:
        if agents.needed:
            items = [(_agent_value(o.agent), o.label) for o in agents.options]
            picked = await _pick(app, "Select Agent", items, selected=_agent_value(agent))
            if picked is None:
                return None
            agent = Agent(picked) if picked else None
        providers = providers_for(agent)
        if not providers.needed:
            return _Choice(agent, providers.preselected)
        items = [(o.provider or "", o.label) for o in providers.options]
        provider = await _pick(app, "Select Provider", items, selected=providers.preselected or "")
        if provider is not None:
            return _Choice(agent, provider or None)
        if not agents.needed:
            return None


async def _launch_flow(app: App[Any], svc: ConsoleServices, workspace: str | None) -> None:
    def read() -> RoleChoices:
        from jackin_sdk.launch import role_choices  # noqa: PLC0415

        return role_choices(svc.config(), workspace)

    roles = await _off_loop(app, "Reading the roles…", read)
    if roles is None:
        return
    selected = roles.preselected
    items = [(o.key, o.label) for o in roles.options]
    while True:
        role = await _pick(
            app, "Select Role", items, filterable=True, selected=selected, empty=roles.empty
        )
        if role is None:
            return
        selected = role
        choice = await _agent_and_provider(app, svc, role, workspace)
        if choice is not None:
            app.exit(Launch(role, workspace, agent=choice.agent, provider=choice.provider))
            return


async def _new_session_flow(
    app: App[Any], svc: ConsoleServices, container: str, workspace: str | None, role: str
) -> None:
    choice = await _agent_and_provider(app, svc, role, workspace)
    if choice is not None:
        app.exit(
            InstanceAction(
                container, InstanceVerb.NEW_SESSION, agent=choice.agent, provider=choice.provider
            )
        )


def start_launch(screen: Screen[Any], workspace: str | None) -> None:
    """Role → agent → provider pickers for `workspace` (None: the current directory),
    then exit the console with the `Launch`. Esc at the role picker returns to `screen`."""
    app, svc = screen.app, services(screen)
    screen.run_worker(_launch_flow(app, svc, workspace), group="launch", exclusive=True)


def start_new_session(
    screen: Screen[Any], *, container: str, workspace: str | None, role: str
) -> None:
    """Agent → provider pickers for a new session in `container` (an instance of `role`
    in `workspace`), then exit with `InstanceAction(container, NEW_SESSION, …)`."""
    app, svc = screen.app, services(screen)
    flow = _new_session_flow(app, svc, container, workspace, role)
    screen.run_worker(flow, group="launch", exclusive=True)
