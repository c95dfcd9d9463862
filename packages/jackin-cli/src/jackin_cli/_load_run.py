"""What `jackin load` does once typer has parsed its command line (`_load_cmds`)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_cli._common import echo_json, err, load_config, out
from jackin_cli._progress import LaunchRenderer
from jackin_cli._prompt import confirm, confirm_sensitive

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.launch import LaunchResult
    from jackin_sdk.roles import Confirm, TrustPrompt

__all__ = ["LoadArgs", "attach_and_finish", "engine", "run_load", "trust_confirmer"]


@dataclass(frozen=True, slots=True)
class LoadArgs:
    """The parsed `load` command line (field names are the typer parameters')."""

    selector: str | None = None
    target: str | None = None
    agent: str | None = None
    mount: list[str] = field(default_factory=list)
    mount_isolation: list[str] = field(default_factory=list)
    rebuild: bool = False
    role_branch: str | None = None
    force: bool = False
    detach: bool = False
    yes: bool = False
    git_pull: bool | None = None
    provider: str | None = None
    keep_awake: bool | None = None
    dry_run: bool = False
    output_format: str | None = None


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


def run_load(args: LoadArgs) -> int:
    """Launch an agent for `args`; returns the exit code (the attached session's)."""
    from jackin_sdk.auth import parse_agent  # noqa: PLC0415
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.launch import (  # noqa: PLC0415
        LaunchContext,
        LaunchOptions,
        dry_run_plan,
        resolve_target,
    )
    from jackin_sdk.launch import launch as run_launch  # noqa: PLC0415
    from jackin_sdk.mounts import parse_isolation_override  # noqa: PLC0415

    if args.output_format is not None and not args.dry_run:
        raise UsageError("--format applies only with --dry-run")
    requested = parse_agent(args.agent) if args.agent else None
    config = load_config()
    isolation = [parse_isolation_override(v) for v in args.mount_isolation]
    resolved = resolve_target(
        config, selector=args.selector, target=args.target, mounts=args.mount,
        isolation=isolation, cwd=Path.cwd(), home=Path.home(),
    )  # fmt: skip
    if args.dry_run:
        # The same resolution the launch acts on, with the role as cached here.
        plan = dry_run_plan(
            resolved, LaunchOptions(agent=requested, rebuild=args.rebuild,
                                    role_branch=args.role_branch, detach=args.detach),
            config,
        )  # fmt: skip
        if (args.output_format or "human") == "json":
            echo_json(plan.to_data())
        else:
            out("\n".join(plan.human_lines()))
        return 0
    confirm_sensitive(list(resolved.mounts), yes=args.yes)
    docker = engine()
    renderer = LaunchRenderer()
    options = LaunchOptions(
        agent=requested, rebuild=args.rebuild, role_branch=args.role_branch,
        detach=args.detach, force=args.force, git_pull=args.git_pull,
        keep_awake=args.keep_awake, provider=args.provider,
        confirm=trust_confirmer(yes=args.yes),
    )  # fmt: skip
    context = LaunchContext(docker, config, progress=renderer.stage, image_progress=renderer.image)
    try:
        result = run_launch(resolved, options, context)
    finally:
        renderer.close()
    if args.detach:
        out(result.container)
        return 0
    err(f"attaching to {result.container} ({result.agent.value}) …")
    code = attach_and_finish(docker, config, result.container, launched=result)
    return 0 if code in (0, 130) else code
