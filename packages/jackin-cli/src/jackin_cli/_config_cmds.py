"""`jackin config …`: global mounts, role trust, auth forwarding, env, git trailers, schemas.

upstream-cli.md §3.10. Every change goes through one locked `ConfigEditor` and is
committed whole; read-only commands load the config as every command does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jackin_cli._common import load_config, out, print_env_values, resolve_paths
from jackin_cli._groups import command_group
from jackin_cli._prompt import confirm_sensitive, env_value_input
from jackin_cli._table import render_table

if TYPE_CHECKING:
    from jackin_sdk.mounts import GlobalMountEntry, Mount

__all__ = ["config_app"]


config_app = command_group("Change the operator config: global mounts, trust, auth, env, git.")
mount_app = command_group("Global mounts, for every role or for roles matching a scope.")
trust_app = command_group("Which role sources jackin may build and run.")
auth_app = command_group("Global auth forwarding of each agent.")
env_app = command_group("Env values for every role (global) or for one role.")
git_app = command_group("Commit trailers added inside every container.")
config_app.add_typer(mount_app, name="mount")
config_app.add_typer(trust_app, name="trust")
config_app.add_typer(auth_app, name="auth")
config_app.add_typer(env_app, name="env")
config_app.add_typer(git_app, name="git")


# ── mounts ───────────────────────────────────────────────────────────────────────────────

ScopeOption = Annotated[
    str | None,
    typer.Option("--scope", help="Role pattern (`ns/*` or a role key); none: every role."),
]


def _mode(mount: Mount) -> str:
    return "read-only" if mount.readonly else "read-write"


def _src_to_dst(mount: Mount) -> str:
    return f"{mount.src} -> {mount.dst}" + (" (read-only)" if mount.readonly else "")


def _report_added(entry: GlobalMountEntry, replaced: Mount | None) -> None:
    if replaced is None:
        out(f'Added mount "{entry.name}" ({entry.scope_label}):')
        out(f"  {entry.mount.dst}")
        suffix = " (read-only)" if entry.mount.readonly else ""
        out(f"  host: {entry.mount.src}{suffix}")
        return
    out(f'Replaced mount "{entry.name}" ({entry.scope_label}):')
    out(f"  was: {_src_to_dst(replaced)}")
    out(f"  now: {_src_to_dst(entry.mount)}")


@mount_app.command("add")
def mount_add(
    name: Annotated[str, typer.Argument(help="Mount name (same name and scope replaces).")],
    src: Annotated[str, typer.Option("--src", help="Host path; `~` and relative resolved.")],
    dst: Annotated[str, typer.Option("--dst", help="Absolute path inside the container.")],
    readonly: Annotated[bool, typer.Option("--readonly", help="Mount read-only.")] = False,
    scope: ScopeOption = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Accept sensitive host paths without asking.")
    ] = False,
) -> None:
    """Add or replace a global mount."""
    from jackin_sdk.config import ConfigEditor, add_global_mount  # noqa: PLC0415
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.mounts import (  # noqa: PLC0415
        GlobalMountEntry,
        Mount,
        MountPathError,
        resolve_host_path,
        validate_global_mounts,
    )

    if not src.strip():
        raise UsageError("--src cannot be empty")
    mount = Mount(resolve_host_path(src, cwd=Path.cwd(), home=Path.home()), dst, readonly)
    entry = GlobalMountEntry(scope, name, mount)
    try:
        validate_global_mounts([entry])  # this mount on its own, before asking about it
    except MountPathError as error:
        flag = f"--src {src}" if error.part == "source" else f"--dst {dst}"
        raise error.at(origin=flag) from None
    confirm_sensitive([mount], yes=yes)
    with ConfigEditor(resolve_paths()) as editor:
        replaced = add_global_mount(editor, name, mount, scope=scope)  # the whole set
        editor.commit()
    _report_added(entry, replaced)


@mount_app.command("remove")
def mount_remove(
    name: Annotated[str, typer.Argument(help="Mount name.")], scope: ScopeOption = None
) -> None:
    """Remove a global mount (not finding it is not an error)."""
    from jackin_sdk.config import ConfigEditor, remove_global_mount  # noqa: PLC0415

    with ConfigEditor(resolve_paths()) as editor:
        removed = remove_global_mount(editor, name, scope=scope)
        editor.commit()
    out(f'Removed mount "{name}".' if removed else f'Mount "{name}" not found.')


def _mount_cell(mount: Mount) -> str:
    return mount.dst if mount.src == mount.dst else f"{mount.dst} (host: {mount.src})"


@mount_app.command("list")
def mount_list() -> None:
    """List global mounts, unscoped first."""
    from jackin_sdk.config import global_mount_entries  # noqa: PLC0415

    entries = global_mount_entries(load_config().app)
    if not entries:
        out("No mounts configured.")
        return
    unscoped = [[e.name, _mount_cell(e.mount), _mode(e.mount)] for e in entries if e.scope is None]
    scoped = [
        [e.scope, e.name, _mount_cell(e.mount), _mode(e.mount)]
        for e in entries
        if e.scope is not None
    ]
    blocks = []
    if unscoped:
        blocks.append("Global mounts:\n" + render_table(["Name", "Mount", "Mode"], unscoped))
    if scoped:
        headers = ["Scope", "Name", "Mount", "Mode"]
        blocks.append("Scoped global mounts:\n" + render_table(headers, scoped))
    out("\n\n".join(blocks))


# ── trust ────────────────────────────────────────────────────────────────────────────────

SelectorArgument = Annotated[str, typer.Argument(help="Role: `name` or `namespace/name`.")]


@trust_app.command("grant")
def trust_grant(selector: SelectorArgument) -> None:
    """Trust a role's source; an unknown role resolves to its GitHub repository."""
    from jackin_sdk.config import ConfigEditor, grant_trust  # noqa: PLC0415

    with ConfigEditor(resolve_paths()) as editor:
        key, changed = grant_trust(editor, selector)
        editor.commit()
    out(f"Trusted {key}." if changed else f"{key} is already trusted.")


@trust_app.command("revoke")
def trust_revoke(selector: SelectorArgument) -> None:
    """Stop trusting a role's source (built-in roles are always trusted)."""
    from jackin_sdk.config import ConfigEditor, revoke_trust  # noqa: PLC0415

    with ConfigEditor(resolve_paths()) as editor:
        key, changed = revoke_trust(editor, selector)
        editor.commit()
    out(f"Revoked trust for {key}." if changed else f"{key} is not currently trusted.")


@trust_app.command("list")
def trust_list() -> None:
    """List trusted roles, one per line."""
    from jackin_sdk.config import trusted_roles  # noqa: PLC0415

    keys = trusted_roles(load_config().app)
    out("\n".join(keys) if keys else "No trusted roles.")


# ── auth ─────────────────────────────────────────────────────────────────────────────────


@auth_app.command("set")
def auth_set(
    mode: Annotated[str, typer.Argument(help="sync, api_key, oauth_token (claude) or ignore.")],
    agent: Annotated[
        str, typer.Option("--agent", help="claude (default), codex, amp, kimi, opencode, grok.")
    ] = "claude",
) -> None:
    """Set how an agent's credentials reach containers, for every workspace."""
    from jackin_sdk.auth import parse_agent, parse_auth_mode  # noqa: PLC0415
    from jackin_sdk.config import ConfigEditor, set_global_auth  # noqa: PLC0415

    parsed_agent = parse_agent(agent)
    parsed_mode = parse_auth_mode(mode)
    with ConfigEditor(resolve_paths()) as editor:
        set_global_auth(editor, parsed_agent, parsed_mode)
        editor.commit()
    out(f"Set global {parsed_agent.value} auth forwarding to {parsed_mode.value}.")


@auth_app.command("show")
def auth_show() -> None:
    """Show each agent's global auth forwarding mode."""
    from jackin_sdk.auth import Agent, resolve_agent_auth  # noqa: PLC0415

    app = load_config().app
    for agent in Agent:
        mode = resolve_agent_auth(app, None, None, agent).mode
        out(f"{agent.value + ':':<7} {mode.value}")


# ── env ──────────────────────────────────────────────────────────────────────────────────

RoleOption = Annotated[
    str | None, typer.Option("--role", help="Scope to one role instead of every role.")
]
ShowValuesOption = Annotated[
    bool,
    typer.Option("--show-values", help="Print literal values that look like secrets too."),
]


ValueArg = Annotated[
    str | None,
    typer.Argument(
        help="Literal, $HOST_VAR, or op://vault/item/field; leave it out to be prompted "
        "(or use --stdin) so a secret never shows in the process list."
    ),
]
StdinOption = Annotated[
    bool, typer.Option("--stdin", help="Read the value from standard input (one line).")
]


@env_app.command("set")
def env_set(
    key: Annotated[str, typer.Argument(help="Variable name.")],
    value: ValueArg = None,
    role: RoleOption = None,
    comment: Annotated[str | None, typer.Option("--comment", help="TOML comment.")] = None,
    op_account: Annotated[
        str | None, typer.Option("--op-account", help="1Password account of an op:// value.")
    ] = None,
    stdin: StdinOption = False,
) -> None:
    """Set a global (or per-role) env value; an op:// value is checked with `op`."""
    from jackin_sdk.config import ConfigEditor, EnvScope, set_env_text, validate_env_key  # noqa: PLC0415

    validate_env_key(key)  # before anything is read or asked
    command = "jackin config env set" + (f" --role {role}" if role else "")
    value = env_value_input(key, value, from_stdin=stdin, command=command)
    with ConfigEditor(resolve_paths()) as editor:
        set_env_text(
            editor, key, value, EnvScope(role=role), comment=comment, op_account=op_account
        )
        editor.commit()
    out(f"Set {key}.")


@env_app.command("unset")
def env_unset(
    key: Annotated[str, typer.Argument(help="Variable name.")], role: RoleOption = None
) -> None:
    """Remove a global (or per-role) env value (idempotent)."""
    from jackin_sdk.config import ConfigEditor, EnvScope, unset_env  # noqa: PLC0415

    with ConfigEditor(resolve_paths()) as editor:
        removed = unset_env(editor, key, EnvScope(role=role))
        editor.commit()
    out(f"Removed {key}." if removed else f"{key} not set.")


@env_app.command("list")
def env_list(role: RoleOption = None, show_values: ShowValuesOption = False) -> None:
    """List stored env values (as written, never resolved; secret-looking literals masked)."""
    from jackin_sdk.config import EnvScope, env_values  # noqa: PLC0415

    config = load_config()
    values = env_values(config.app, config.workspaces, EnvScope(role=role))
    print_env_values(values, show_values=show_values)


# ── git ──────────────────────────────────────────────────────────────────────────────────


def _set_git_flag(flag: str, *, enabled: bool) -> None:
    from jackin_sdk.config import ConfigEditor, GitFlag, set_git_flag  # noqa: PLC0415

    git_flag = GitFlag(flag)
    with ConfigEditor(resolve_paths()) as editor:
        set_git_flag(editor, git_flag, enabled)
        editor.commit()
    out(f"{git_flag.value}: {'enabled' if enabled else 'disabled'}")


def _git_flag_app(flag: str, help_text: str) -> typer.Typer:
    """`enable` / `disable` for one git flag (named by its `GitFlag` value)."""
    group = command_group(help_text)

    @group.command("enable")
    def enable() -> None:
        """Turn it on."""
        _set_git_flag(flag, enabled=True)

    @group.command("disable")
    def disable() -> None:
        """Turn it off (the default)."""
        _set_git_flag(flag, enabled=False)

    return group


git_app.add_typer(
    _git_flag_app("coauthor_trailer", "Append the agent's Co-authored-by: trailer to commits."),
    name="coauthor-trailer",
)
git_app.add_typer(
    _git_flag_app("dco", "Append Signed-off-by: from the forwarded git identity."),
    name="dco",
)


# ── schema ───────────────────────────────────────────────────────────────────────────────

SCHEMA_FILES = ("config", "workspace")


@config_app.command("schema")
def schema(
    file: Annotated[
        str, typer.Argument(help="config (config.toml, the default) or workspace.")
    ] = "config",
) -> None:
    """Print the JSON Schema of config.toml or of a workspace file.

    Editors with taplo (Even Better TOML) use it to complete and check keys; files jackin
    creates name its published copy on their first line (`#:schema <url>`).
    """
    import json  # noqa: PLC0415

    from jackin_sdk.errors import UsageError  # noqa: PLC0415

    if file not in SCHEMA_FILES:
        raise UsageError(f'unknown file "{file}"; expected config or workspace')
    from jackin_sdk.config import config_json_schema, workspace_json_schema  # noqa: PLC0415

    body = config_json_schema() if file == "config" else workspace_json_schema()
    out(json.dumps(body, indent=2, ensure_ascii=False))
