"""`jackin workspace …`: saved workspaces and their env (upstream-cli.md §3.9)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jackin_cli._common import (
    echo_json,
    err,
    load_config,
    out,
    print_env_values,
    resolve_paths,
    tilde,
)
from jackin_cli._groups import command_group
from jackin_cli._prompt import env_value_input
from jackin_cli._table import render_table
from jackin_cli._token_cmds import claude_token_app

if TYPE_CHECKING:
    from jackin_sdk.config import WorkspaceConfig, WorkspacePlan
    from jackin_sdk.mounts import Isolation, Mount

__all__ = ["workspace_app"]

workspace_app = command_group("Create, inspect and change saved workspaces.")
env_app = command_group("Env values of a workspace (or workspace × role).")
workspace_app.add_typer(env_app, name="env")
workspace_app.add_typer(claude_token_app, name="claude-token")

FormatOption = Annotated[str, typer.Option("--format", help="human (default) or json")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Confirm without asking.")]


def _host_path(text: str) -> str:
    from jackin_sdk.mounts import expand_tilde  # noqa: PLC0415

    expanded = expand_tilde(text, home=Path.home())
    return str(Path(expanded) if Path(expanded).is_absolute() else Path.cwd() / expanded)


def _mounts(specs: list[str]) -> list[Mount]:
    from jackin_sdk.mounts import parse_mount_option  # noqa: PLC0415

    return [parse_mount_option(spec, cwd=Path.cwd(), home=Path.home()) for spec in specs]


def _isolation(values: list[str]) -> list[tuple[str, Isolation]]:
    from jackin_sdk.mounts import parse_isolation_override  # noqa: PLC0415

    return [parse_isolation_override(value) for value in values]


def _report_collapsed(plan: WorkspacePlan) -> None:
    by_parent: dict[str, list[str]] = {}
    for redundancy in plan.collapsed:
        by_parent.setdefault(redundancy.parent.src, []).append(redundancy.child.src)
    for parent, children in by_parent.items():
        err(f"collapsed {len(children)} redundant mount(s) under {parent}: {', '.join(children)}")


@workspace_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="Workspace name.")],
    workdir: Annotated[str, typer.Option("--workdir", help="Container working directory.")],
    mount: Annotated[
        list[str], typer.Option("--mount", help="src[:dst][:ro], repeatable (at least one).")
    ],
    allowed_role: Annotated[
        list[str] | None, typer.Option("--allowed-role", help="Only these roles may load.")
    ] = None,
    default_role: Annotated[str | None, typer.Option("--default-role")] = None,
    default_agent: Annotated[str | None, typer.Option("--default-agent")] = None,
    mount_isolation: Annotated[
        list[str] | None, typer.Option("--mount-isolation", help="DST=shared|worktree|clone.")
    ] = None,
    keep_awake: Annotated[bool, typer.Option("--keep-awake")] = False,
    git_pull: Annotated[bool, typer.Option("--git-pull")] = False,
    yes: YesOption = False,
) -> None:
    """Save a new workspace."""
    from jackin_sdk.auth import parse_agent  # noqa: PLC0415
    from jackin_sdk.config import (  # noqa: PLC0415
        ConfigEditor,
        apply_workspace_plan,
        plan_workspace_create,
    )
    from jackin_sdk.flows import TerminalAnswerer, confirm_workspace_plan  # noqa: PLC0415

    mounts = _mounts(mount)
    plan = plan_workspace_create(
        name,
        workdir=_host_path(workdir),
        mounts=mounts,
        allowed_roles=allowed_role or [],
        default_role=default_role,
        default_agent=parse_agent(default_agent) if default_agent else None,
        isolation=_isolation(mount_isolation or []),
        keep_awake=keep_awake,
        git_pull=git_pull,
    )
    confirm_workspace_plan(plan, mounts, TerminalAnswerer(yes=yes), home=Path.home())
    _report_collapsed(plan)
    with ConfigEditor(resolve_paths()) as editor:
        apply_workspace_plan(editor, plan)
        editor.commit()
    count = len(plan.workspace.mounts)
    out(f'Created workspace "{name}" (workdir: {tilde(plan.workspace.workdir)}, {count} mount(s)).')


def _summary(name: str, workspace: WorkspaceConfig) -> dict[str, object]:
    return {
        "name": name,
        "workdir": workspace.workdir,
        "mounts": len(workspace.mounts),
        "allowed_roles": list(workspace.allowed_roles),
        "default_role": workspace.default_role,
        "default_agent": workspace.default_agent.value if workspace.default_agent else None,
    }


@workspace_app.command("list")
def list_workspaces(output_format: FormatOption = "human") -> None:
    """List saved workspaces."""
    config = load_config()
    workspaces = sorted(config.workspaces.items())
    if output_format == "json":
        echo_json([_summary(name, ws) for name, ws in workspaces])
        return
    if not workspaces:
        out("No workspaces configured.\n\nAdd one with:")
        out("  jackin workspace create my-app --workdir ~/src/my-app --mount ~/src/my-app")
        return
    table = [
        [
            name,
            tilde(ws.workdir),
            str(len(ws.mounts)),
            ", ".join(ws.allowed_roles) or "any role",
            ws.default_role or "none",
            ws.default_agent.value if ws.default_agent else "claude",
        ]
        for name, ws in workspaces
    ]
    headers = ["Name", "Workdir", "Mounts", "Allowed Roles", "Default Role", "Agent"]
    out(render_table(headers, table))
    out("\nRun jackin workspace show <name> for details.")


@workspace_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="Workspace name.")],
    output_format: FormatOption = "human",
) -> None:
    """Show one workspace with its mounts and the global mounts that apply."""
    from jackin_sdk.config import global_mount_entries  # noqa: PLC0415

    config = load_config()
    workspace = config.workspace(name)
    if output_format == "json":
        data = _summary(name, workspace)
        data["mounts"] = [m.model_dump(mode="json") for m in workspace.mounts]
        echo_json(data)
        return
    rows = [
        ["Name", name],
        ["Workdir", tilde(workspace.workdir)],
        ["Allowed Roles", ", ".join(workspace.allowed_roles) or "any role"],
        ["Default Role", workspace.default_role or "none"],
        ["Agent", workspace.default_agent.value if workspace.default_agent else "claude"],
    ]
    if workspace.keep_awake and workspace.keep_awake.enabled:
        rows.append(["Keep Awake", "enabled (macOS only)"])
    if workspace.git_pull_on_entry:
        rows.append(["Git Pull", "on entry"])
    out(render_table(["Key", "Value"], rows))
    mounts = []
    for mount in workspace.mounts:
        label = mount.dst if mount.src == mount.dst else f"{mount.dst}\n  host: {tilde(mount.src)}"
        mode = "read-only" if mount.readonly else "read-write"
        mounts.append([label.replace("\n", " "), mode, mount.isolation.value, "workspace"])
    out("\nWorkspace mounts:")
    out(render_table(["Mount", "Mode", "Isolation", "Type"], mounts))
    entries = global_mount_entries(config.app)
    if entries:
        out("\nGlobal mounts:")
        out(
            render_table(
                ["Scope", "Name", "Mount", "Mode"],
                [
                    [
                        e.scope_label,
                        e.name,
                        f"{e.mount.dst} (host: {e.mount.src})",
                        "read-only" if e.mount.readonly else "read-write",
                    ]
                    for e in entries
                ],
            )
        )


@workspace_app.command("edit")
def edit(
    name: Annotated[str, typer.Argument(help="Workspace name.")],
    workdir: Annotated[str | None, typer.Option("--workdir")] = None,
    mount: Annotated[
        list[str] | None, typer.Option("--mount", help="Upsert by destination.")
    ] = None,
    remove_destination: Annotated[list[str] | None, typer.Option("--remove-destination")] = None,
    no_workdir_mount: Annotated[bool, typer.Option("--no-workdir-mount")] = False,
    allowed_role: Annotated[list[str] | None, typer.Option("--allowed-role")] = None,
    remove_allowed_role: Annotated[list[str] | None, typer.Option("--remove-allowed-role")] = None,
    default_role: Annotated[str | None, typer.Option("--default-role")] = None,
    clear_default_role: Annotated[bool, typer.Option("--clear-default-role")] = False,
    default_agent: Annotated[str | None, typer.Option("--default-agent")] = None,
    clear_default_agent: Annotated[bool, typer.Option("--clear-default-agent")] = False,
    mount_isolation: Annotated[list[str] | None, typer.Option("--mount-isolation")] = None,
    keep_awake: Annotated[bool | None, typer.Option("--keep-awake/--no-keep-awake")] = None,
    git_pull: Annotated[bool | None, typer.Option("--git-pull/--no-git-pull")] = None,
    prune: Annotated[bool, typer.Option("--prune", help="Also remove redundant mounts.")] = False,
    yes: YesOption = False,
) -> None:
    """Change a saved workspace."""
    from jackin_sdk.auth import parse_agent  # noqa: PLC0415
    from jackin_sdk.config import (  # noqa: PLC0415
        ConfigEditor,
        WorkspaceEdit,
        apply_workspace_plan,
        plan_workspace_edit,
    )
    from jackin_sdk.flows import TerminalAnswerer, confirm_workspace_plan  # noqa: PLC0415

    added = _mounts(mount or [])
    change = WorkspaceEdit(
        workdir=_host_path(workdir) if workdir else None,
        add_mounts=added,
        remove_destinations=remove_destination or [],
        remove_workdir_mount=no_workdir_mount,
        add_allowed_roles=allowed_role or [],
        remove_allowed_roles=remove_allowed_role or [],
        default_role=default_role,
        clear_default_role=clear_default_role,
        default_agent=parse_agent(default_agent) if default_agent else None,
        clear_default_agent=clear_default_agent,
        isolation=_isolation(mount_isolation or []),
        keep_awake=keep_awake,
        git_pull=git_pull,
        prune=prune,
    )
    with ConfigEditor(resolve_paths()) as editor:
        plan = plan_workspace_edit(name, editor.loaded.workspace(name), change)
        confirm_workspace_plan(plan, added, TerminalAnswerer(yes=yes), home=Path.home())
        apply_workspace_plan(editor, plan)
        editor.commit()
    out(f'Updated workspace "{name}":')
    for line in plan.changes or ("no changes",):
        out(f"  - {line}")


@workspace_app.command("prune")
def prune_workspace(
    name: Annotated[str, typer.Argument(help="Workspace name.")], yes: YesOption = False
) -> None:
    """Remove mounts already covered by another mount of the workspace."""
    from jackin_sdk.config import ConfigEditor, apply_workspace_plan, plan_workspace_prune  # noqa: PLC0415
    from jackin_sdk.flows import TerminalAnswerer, confirm_workspace_prune  # noqa: PLC0415

    with ConfigEditor(resolve_paths()) as editor:
        plan = plan_workspace_prune(name, editor.loaded.workspace(name))
        if not plan.pruned:
            out(f'Workspace "{name}" has no redundant mounts.')
            return
        err(f'Will remove {len(plan.pruned)} redundant mount(s) from workspace "{name}":')
        for r in plan.pruned:
            err(f"  • {r.child.src} (covered by {r.parent.src})")
        confirm_workspace_prune(plan, TerminalAnswerer(yes=yes))
        apply_workspace_plan(editor, plan)
        editor.commit()
    out(f'Pruned {len(plan.pruned)} redundant mount(s) from workspace "{name}".')


@workspace_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="Workspace name.")]) -> None:
    """Delete a saved workspace definition (files on the host are untouched)."""
    from jackin_sdk.config import ConfigEditor  # noqa: PLC0415

    with ConfigEditor(resolve_paths()) as editor:
        editor.delete_workspace(name)
        editor.commit()
    out(f'Removed workspace "{name}".')


RoleOption = Annotated[
    str | None, typer.Option("--role", help="Scope to workspace × role instead of the workspace.")
]
ShowValuesOption = Annotated[
    bool,
    typer.Option("--show-values", help="Print literal values that look like secrets too."),
]


@env_app.command("set")
def env_set(
    workspace: Annotated[str, typer.Argument(help="Workspace name.")],
    key: Annotated[str, typer.Argument(help="Variable name.")],
    value: Annotated[
        str | None,
        typer.Argument(
            help="Literal, $HOST_VAR, or op://vault/item/field; leave it out to be prompted "
            "(or use --stdin) so a secret never shows in the process list."
        ),
    ] = None,
    role: RoleOption = None,
    comment: Annotated[str | None, typer.Option("--comment")] = None,
    op_account: Annotated[str | None, typer.Option("--op-account")] = None,
    stdin: Annotated[
        bool, typer.Option("--stdin", help="Read the value from standard input (one line).")
    ] = False,
) -> None:
    """Set an env value for a workspace (or workspace × role)."""
    from jackin_sdk.config import (  # noqa: PLC0415
        ConfigEditor,
        EnvScope,
        set_env_text,
        validate_env_key,
    )

    validate_env_key(key)
    command = f"jackin workspace env set {workspace}" + (f" --role {role}" if role else "")
    value = env_value_input(key, value, from_stdin=stdin, command=command)
    scope = EnvScope(workspace=workspace, role=role)
    with ConfigEditor(resolve_paths()) as editor:
        set_env_text(editor, key, value, scope, comment=comment, op_account=op_account)
        editor.commit()
    out(f"Set {key}.")


@env_app.command("unset")
def env_unset(
    workspace: Annotated[str, typer.Argument(help="Workspace name.")],
    key: Annotated[str, typer.Argument(help="Variable name.")],
    role: RoleOption = None,
) -> None:
    """Remove an env value (idempotent)."""
    from jackin_sdk.config import ConfigEditor, EnvScope, unset_env  # noqa: PLC0415

    with ConfigEditor(resolve_paths()) as editor:
        removed = unset_env(editor, key, EnvScope(workspace=workspace, role=role))
        editor.commit()
    out(f"Removed {key}." if removed else f"{key} not set.")


@env_app.command("list")
def env_list(
    workspace: Annotated[str, typer.Argument(help="Workspace name.")],
    role: RoleOption = None,
    show_values: ShowValuesOption = False,
) -> None:
    """List stored env values (as written, never resolved; secret-looking literals masked)."""
    from jackin_sdk.config import EnvScope, env_values  # noqa: PLC0415

    config = load_config()
    values = env_values(config.app, config.workspaces, EnvScope(workspace=workspace, role=role))
    print_env_values(values, show_values=show_values)
