"""`jackin load`: resolve, plan, launch, attach, and classify the end (spec cli §3.2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jackin_cli._common import echo_json, err, load_config
from jackin_cli._progress import LaunchRenderer
from jackin_cli._prompt import confirm, confirm_sensitive

if TYPE_CHECKING:
    from jackin_sdk.auth import Agent
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.launch import LaunchResult
    from jackin_sdk.roles import TrustPrompt

__all__ = ["attach_and_finish", "engine", "load", "trust_confirmer"]


def engine() -> DockerApi:
    """The Docker engine, checked to answer (E001 naming the endpoint otherwise)."""
    from jackin_sdk.docker import EngineDocker  # noqa: PLC0415

    docker = EngineDocker()
    docker.ping()
    return docker


def trust_confirmer(*, yes: bool) -> object:
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
    result: LaunchResult,
    *,
    agent: str | None,
    provider: str | None = None,
) -> int:
    """Attach a session, then classify how the instance ended; returns the session's code."""
    from jackin_sdk.instances import InstanceStore  # noqa: PLC0415
    from jackin_sdk.lifecycle import attach_argv, finish_session  # noqa: PLC0415

    tty = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        argv = attach_argv(result.container, agent=agent, tty=tty, provider=provider)
        code = subprocess.call(argv)
    except KeyboardInterrupt:
        code = 130
    store = InstanceStore(config.paths)
    policy = "ask"
    outcome = finish_session(docker, store, result.container, policy=policy, interactive=tty)
    result.release()
    for message in outcome.messages:
        err(message)
    return code


def _plan_agent(config: OperatorConfig, agent: str | None, workspace: str | None) -> Agent:
    from jackin_sdk.auth import Agent, parse_agent  # noqa: PLC0415

    if agent is not None:
        return parse_agent(agent)
    ws = config.workspaces.get(workspace) if workspace else None
    return ws.default_agent if ws is not None and ws.default_agent else Agent.CLAUDE


def _remember_role(config: OperatorConfig, workspace: str | None, role: str) -> None:
    if workspace is None:
        return
    from jackin_sdk.config import ConfigEditor  # noqa: PLC0415

    with ConfigEditor(config.paths) as editor:
        editor.workspace(workspace)["last_role"] = role
        editor.commit()


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
    config = load_config()
    isolation = [parse_isolation_override(v) for v in mount_isolation or []]
    resolved = resolve_target(
        config, selector=selector, target=target, mounts=mount or [], isolation=isolation,
        cwd=Path.cwd(), home=Path.home(),
    )  # fmt: skip
    if dry_run:
        plan = LaunchPlan(
            resolved, _plan_agent(config, agent, resolved.workspace_name), rebuild=rebuild,
            role_branch=role_branch, detach=detach,
        )  # fmt: skip
        if (output_format or "human") == "json":
            echo_json(plan.to_data())
        else:
            typer.echo("\n".join(plan.human_lines()))
        return
    confirm_sensitive(list(resolved.mounts), yes=yes)
    docker = engine()
    from jackin_sdk.auth import parse_agent  # noqa: PLC0415

    renderer = LaunchRenderer()
    options = LaunchOptions(
        agent=parse_agent(agent) if agent else None, rebuild=rebuild, role_branch=role_branch,
        detach=detach, force=force, git_pull=git_pull, keep_awake=keep_awake,
        provider=provider,
        confirm=trust_confirmer(yes=yes),  # type: ignore[arg-type]
    )  # fmt: skip
    context = LaunchContext(docker, config, progress=renderer.stage, image_progress=renderer.image)
    try:
        result = run_launch(resolved, options, context)
    finally:
        renderer.close()
    _remember_role(config, resolved.workspace_name, resolved.role.key)
    if detach:
        typer.echo(result.container)
        return
    err(f"attaching to {result.container} ({result.agent.value}) …")
    code = attach_and_finish(docker, config, result, agent=result.agent.value)
    if code not in (0, 130):
        raise typer.Exit(code)
