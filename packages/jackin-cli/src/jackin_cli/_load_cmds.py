"""`jackin load`: resolve, plan, launch, attach, and classify the end (spec cli §3.2).

This module is the typer definition; `_load_run` does the work.
"""

from __future__ import annotations

from typing import Annotated

import typer

from jackin_cli._load_run import LoadArgs, run_load

__all__ = ["load"]


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
    code = run_load(
        LoadArgs(
            selector=selector, target=target, agent=agent, mount=list(mount or []),
            mount_isolation=list(mount_isolation or []), rebuild=rebuild,
            role_branch=role_branch, force=force, detach=detach, yes=yes, git_pull=git_pull,
            provider=provider, keep_awake=keep_awake, dry_run=dry_run,
            output_format=output_format,
        )
    )  # fmt: skip
    if code != 0:
        raise typer.Exit(code)
