"""Attach to an instance, then classify how it ended; and hardline's reconnect sequence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from jackin_sdk.flows._questions import Answerer, DirtyExit, ExitChoice, TrustRole
from jackin_sdk.instances import InstanceStore

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.images import ImageEvent
    from jackin_sdk.instances import InstanceManifest
    from jackin_sdk.launch import LaunchResult, StageEvent
    from jackin_sdk.roles import Confirm, TrustPrompt

__all__ = [
    "AttachRunner",
    "LaunchView",
    "Notify",
    "attach_session",
    "exit_code",
    "reconnect",
    "trust_confirm",
]

AttachRunner = Callable[[Sequence[str]], int]
"""Runs the attach client's `docker exec` argv on the operator's terminal; its exit code
(`jackin_sdk.lifecycle.run_attached`; tests pass a stand-in)."""
Notify = Callable[[str], None]
"""Shows the operator one message (a line or an indented block): stderr, a status line."""


class LaunchView(Protocol):
    """Where a launch shows its progress: stage events, image events, then `close`."""

    def stage(self, event: StageEvent) -> None:
        """A stage started, finished, was skipped or failed, or a note."""
        ...

    def image(self, event: ImageEvent) -> None:
        """A derived-image decision or build step."""
        ...

    def close(self) -> None:
        """The launch is over (either way): end any open status line."""
        ...


def exit_code(client_code: int) -> int:
    """The process's exit code after an attached session: a detach or Ctrl-C is success."""
    return 0 if client_code in (0, 130) else client_code


def trust_confirm(answerer: Answerer) -> Confirm:
    """The launch's trust and branch confirmation, put to `answerer` as `TrustRole`."""

    def confirm(prompt: TrustPrompt) -> bool | None:
        return answerer.trust_role(TrustRole(prompt))

    return confirm


def _run_attached(argv: Sequence[str]) -> int:
    from jackin_sdk.lifecycle import run_attached  # noqa: PLC0415

    return run_attached(argv)


def _configured_policy(config: OperatorConfig, store: InstanceStore, container: str) -> ExitChoice:
    """`dirty_exit_policy`: the instance's saved workspace's, else config.toml's, else ask."""
    from jackin_sdk.errors import JackinError  # noqa: PLC0415

    try:
        manifest = store.read_manifest(container)
    except JackinError:
        manifest = None
    workspace = None
    if manifest is not None and manifest.workspace_name is not None:
        workspace = config.workspaces.get(manifest.workspace_name)
    policy = workspace.dirty_exit_policy if workspace is not None else None
    policy = policy or config.app.dirty_exit_policy
    return "ask" if policy is None else policy.value


def attach_session(
    docker: DockerApi,
    config: OperatorConfig,
    container: str,
    *,
    answerer: Answerer,
    notify: Notify,
    tty: bool,
    new: bool = False,
    agent: str | None = None,
    provider: str | None = None,
    focus: int | None = None,
    launched: LaunchResult | None = None,
    run: AttachRunner = _run_attached,
    host_alt_screen: bool = False,
) -> int:
    """Attach to the capsule, then classify how the instance ended; the client's exit code.

    With `new` a tab with `agent` (and `provider`) is opened first; `focus` attaches to
    that capsule session. `tty` is whether the operator's terminal is one on both ends;
    `host_alt_screen` that the front end holds its alternate screen (the console), so
    the client draws in it (`attach_argv`).
    After the client returns, dirty isolated work follows `dirty_exit_policy` (the
    workspace's, else the global one); under `ask` the answerer says whether the operator
    chose (`DirtyExit`). `launched` is the launch that made the instance, whose name lock
    is released at the end. The session's messages go to `notify`.
    """
    from jackin_sdk.lifecycle import attach_argv, finish_session  # noqa: PLC0415

    argv = attach_argv(
        container, new=new, agent=agent, tty=tty, provider=provider, focus=focus,
        host_alt_screen=host_alt_screen,
    )  # fmt: skip
    code = run(argv)
    store = InstanceStore(config.paths)
    policy = _configured_policy(config, store, container)
    interactive = True
    if policy == "ask":
        answer = answerer.dirty_exit(DirtyExit(container))
        interactive = answer is not None
        policy = "keep" if answer is None else answer
    outcome = finish_session(docker, store, container, policy=policy, interactive=interactive)
    if launched is not None:
        launched.release()
    for message in outcome.messages:
        notify(message)
    return code


def reconnect(
    docker: DockerApi,
    config: OperatorConfig,
    selector: str | None,
    *,
    cwd: Path,
    answerer: Answerer,
    notify: Notify,
    view: LaunchView,
    tty: bool,
    new: bool = False,
    agent: str | None = None,
    provider: str | None = None,
    shell: bool = False,
    focus: int | None = None,
    foreign: bool = False,
    run: AttachRunner = _run_attached,
    host_alt_screen: bool = False,
) -> int:
    """`jackin hardline`: find the instance (`selector`, else the one of `cwd`), bring it
    back (restart a stopped one, rebuild a missing one around its state, showing the
    launch on `view`), and attach; the process's exit code.

    `shell` opens a login shell tab and returns the client's code as is; otherwise the
    session ends as `attach_session` classifies it. `new` opens a tab with `agent`, the
    instance's own agent when None. Another jackin home's instance is refused
    (`ForeignObject`, E021) before anything is started or attached, unless `foreign`.
    `host_alt_screen` as for `attach_session`.
    """
    from jackin_sdk.launch import LaunchContext  # noqa: PLC0415
    from jackin_sdk.lifecycle import (  # noqa: PLC0415
        attach_argv,
        resolve_hardline,
        restore_instance,
    )
    from jackin_sdk.lifecycle import reconnect as revive  # noqa: PLC0415

    store = InstanceStore(config.paths)
    container = resolve_hardline(docker, store, selector, cwd=cwd, foreign=foreign)
    restored: list[LaunchResult] = []

    def restore(manifest: InstanceManifest) -> None:
        context = LaunchContext(docker, config, progress=view.stage, image_progress=view.image)
        try:
            restored.append(restore_instance(manifest, context, confirm=trust_confirm(answerer)))
        finally:
            view.close()

    action = revive(docker, store, container, restore=restore, foreign=foreign)
    if action != "attach":
        notify(f"{container}: {action}")
    if new and agent is None:  # the capsule's bare `new` is a shell: name the agent
        manifest = store.read_manifest(container)
        agent = manifest.agent_runtime if manifest is not None else None
    if shell:
        return run(
            attach_argv(container, login_shell=True, tty=tty, host_alt_screen=host_alt_screen)
        )
    if foreign and store.read_manifest(container) is None:
        # Another home's instance: its records, and so how its session ends, are that
        # home's; this one attaches and leaves them alone.
        argv = attach_argv(
            container, new=new, agent=agent, tty=tty, provider=provider, focus=focus,
            host_alt_screen=host_alt_screen,
        )  # fmt: skip
        code = run(argv)
        notify(
            f"{container} is not this jackin home's; its records are left to the home that made it"
        )
        return exit_code(code)
    code = attach_session(
        docker, config, container, answerer=answerer, notify=notify, tty=tty, new=new,
        agent=agent, provider=provider, focus=focus,
        launched=restored[0] if restored else None, run=run, host_alt_screen=host_alt_screen,
    )  # fmt: skip
    return exit_code(code)
