"""`jackin load`: resolve, plan, launch, attach, and classify the end (spec cli §3.2)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jackin_cli._common import echo_json, err, load_config
from jackin_cli._progress import LaunchRenderer
from jackin_cli._prompt import confirm, confirm_sensitive

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.launch import LaunchResult
    from jackin_sdk.roles import TrustPrompt
    from jackin_sdk.roles._trust import Confirm

__all__ = ["attach_and_finish", "engine", "load", "trust_confirmer"]


def engine() -> DockerApi:
    """The Docker engine, checked to answer (E001 naming the endpoint otherwise)."""
    from jackin_sdk.docker import connect_engine  # noqa: PLC0415

    return connect_engine()


def trust_confirmer(*, yes: bool) -> Confirm | None:
    """A trust prompt answering yes with `--yes`, asking on a TTY, else None (fail closed)."""
    if yes:
        return lambda prompt: True
    if not sys.stdin.isatty():
        return None

    def ask(prompt: TrustPrompt) -> bool:
        return confirm(prompt.text, assume_yes=False, refusal="no terminal to ask on")

    return ask


def attach_and_finish(
    docker: DockerApi,
    config: OperatorConfig,
    container: str,
    *,
    new: bool = False,
    agent: str | None = None,
    provider: str | None = None,
    launched: LaunchResult | None = None,
) -> int:
    """Attach to the capsule, then classify how the instance ended; returns the client's code.

    With `new` a tab with `agent` (and `provider`) is opened first. `launched` is the
    launch that made the instance, whose name lock is released at the end.
    """
    from jackin_sdk.instances import InstanceStore  # noqa: PLC0415
    from jackin_sdk.lifecycle import attach_argv, finish_session, run_attached  # noqa: PLC0415

    tty = sys.stdin.isatty() and sys.stdout.isatty()
    code = run_attached(attach_argv(container, new=new, agent=agent, tty=tty, provider=provider))
    store = InstanceStore(config.paths)
    policy = "ask"
    outcome = finish_session(docker, store, container, policy=policy, interactive=tty)
    if launched is not None:
        launched.release()
    for message in outcome.messages:
        err(message)
    return code


def load(
    selector: Annotated[str | None, typer.Argument(help="Role selector (name or ns/name).")] = None,
    target: Annotated[
        str | None, typer.Argument(help="Folder, folder:/dst, or saved workspace name.")
    ] = None,
    agent: Annotated[str | None, typer.Option("--agent", help="Agent to run.")] = None,
    mount: Annotated[
        list[str] | None, typer.Option("--mount", help="Extra mount src[:dst][:ro] (repeat).")
    ] = None,
    mount_isolation: Annotated[
        list[str] | None,
        typer.Option("--mount-isolation", help="DST=shared|worktree|clone (repeat)."),
    ] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild the images.")] = False,
    role_branch: Annotated[
        str | None, typer.Option("--role-branch", help="Run a branch of the role repo.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Accept dirty host trees of isolated mounts.")
    ] = False,
    detach: Annotated[
        bool, typer.Option("--detach", "-d", help="Start headless; print the container name.")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Acknowledge prompts (trust, sensitive mounts)."),
    ] = False,
    git_pull: Annotated[
        bool | None,
        typer.Option("--git-pull/--no-git-pull", help="Override git_pull_on_entry."),
    ] = None,
    provider: Annotated[
        str | None,
        typer.Option("--provider", help="Claude via zai, minimax or kimi (key from the env)."),
    ] = None,
    keep_awake: Annotated[
        bool | None,
        typer.Option("--keep-awake/--no-keep-awake", help="Keep the host awake meanwhile."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the plan only.")] = False,
    output_format: Annotated[
        str | None, typer.Option("--format", help="human or json (with --dry-run).")
    ] = None,
) -> None:
    """Launch an agent in an isolated container for this folder or a saved workspace."""
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.launch import (  # noqa: PLC0415
        LaunchContext,
        LaunchOptions,
        LaunchPlan,
        resolve_target,
    )
    from jackin_sdk.launch import launch as run_launch  # noqa: PLC0415
    from jackin_sdk.mounts import parse_isolation_override  # noqa: PLC0415

    if output_format is not None and not dry_run:
        raise UsageError("--format applies only with --dry-run")
    from jackin_sdk.auth import parse_agent  # noqa: PLC0415

    requested = parse_agent(agent) if agent else None
    config = load_config()
    isolation = [parse_isolation_override(v) for v in mount_isolation or []]
    resolved = resolve_target(
        config, selector=selector, target=target, mounts=mount or [], isolation=isolation,
        cwd=Path.cwd(), home=Path.home(),
    )  # fmt: skip
    if dry_run:
        plan = LaunchPlan.for_target(
            resolved, agent=requested, rebuild=rebuild,
            role_branch=role_branch, detach=detach,
        )  # fmt: skip
        if (output_format or "human") == "json":
            echo_json(plan.to_data())
        else:
            typer.echo("\n".join(plan.human_lines()))
        return
    confirm_sensitive(list(resolved.mounts), yes=yes)
    docker = engine()
    renderer = LaunchRenderer()
    options = LaunchOptions(
        agent=requested, rebuild=rebuild, role_branch=role_branch,
        detach=detach, force=force, git_pull=git_pull, keep_awake=keep_awake,
        provider=provider,
        confirm=trust_confirmer(yes=yes),
    )  # fmt: skip
    context = LaunchContext(docker, config, progress=renderer.stage, image_progress=renderer.image)
    try:
        result = run_launch(resolved, options, context)
    finally:
        renderer.close()
    if detach:
        typer.echo(result.container)
        return
    err(f"attaching to {result.container} ({result.agent.value}) …")
    code = attach_and_finish(docker, config, result.container, launched=result)
    if code not in (0, 130):
        raise typer.Exit(code)
