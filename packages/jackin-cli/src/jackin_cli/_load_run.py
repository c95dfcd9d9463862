"""What `jackin load` does once typer has parsed its command line (`_load_cmds`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_cli._common import echo_json, err, load_config, out
from jackin_cli._prompt import tty

if TYPE_CHECKING:
    from jackin_sdk.docker import DockerApi

__all__ = ["LoadArgs", "engine", "run_load"]


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


def run_load(args: LoadArgs) -> int:
    """Launch an agent for `args`; returns the exit code (the attached session's)."""
    from jackin_sdk.auth import parse_agent  # noqa: PLC0415
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.flows import PlainLaunchView, TerminalAnswerer, launch_and_attach  # noqa: PLC0415
    from jackin_sdk.launch import (  # noqa: PLC0415
        LaunchOptions,
        dry_run_plan,
        resolve_target,
    )
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
    options = LaunchOptions(
        agent=requested, rebuild=args.rebuild, role_branch=args.role_branch,
        detach=args.detach, force=args.force, git_pull=args.git_pull,
        keep_awake=args.keep_awake, provider=args.provider,
    )  # fmt: skip
    view = PlainLaunchView()
    end = launch_and_attach(
        resolved, options, config=config, connect=engine,
        answerer=view.answering(TerminalAnswerer(yes=args.yes)), view=view, notify=err,
        tty=tty(), home=Path.home(),
    )  # fmt: skip
    if end.detached:
        out(end.container)
    return end.exit_code
