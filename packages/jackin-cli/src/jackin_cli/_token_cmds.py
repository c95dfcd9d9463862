"""`jackin workspace claude-token …`: the Claude OAuth token of a workspace (or × role)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from jackin_cli._common import err, out, resolve_paths
from jackin_cli._groups import command_group

if TYPE_CHECKING:
    from jackin_sdk.tokens import StoredToken, TokenStore

__all__ = ["claude_token_app"]

claude_token_app = command_group(
    "The Claude OAuth token a workspace launches with in oauth_token mode."
)

WorkspaceArg = Annotated[str, typer.Argument(help="Workspace name.")]
RoleOption = Annotated[
    str | None, typer.Option("--role", help="Scope to workspace × role instead of the workspace.")
]


def _scope(workspace: str, role: str | None) -> str:
    return f'workspace "{workspace}"' + (f" × role {role}" if role else "")


def _store(text: str | None) -> TokenStore | None:
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.tokens import TokenStore  # noqa: PLC0415

    if text is None:
        return None
    try:
        return TokenStore(text)
    except ValueError:
        raise UsageError(f'unknown store "{text}"; expected keyring, file or op') from None


def _read_token(*, from_stdin: bool, generate: bool) -> str:
    """The token from stdin, `claude setup-token`, or a hidden prompt on a terminal."""
    from jackin_sdk.errors import UsageError  # noqa: PLC0415

    if from_stdin:
        return sys.stdin.read()
    if generate:
        from jackin_sdk.tokens import generate_claude_token  # noqa: PLC0415

        err("Running `claude setup-token`; the token is masked and never shown.")
        return generate_claude_token()
    if not sys.stdin.isatty():
        raise UsageError(
            "no token given: pass --token-stdin, --generate or --op op://…, "
            "or run in a terminal to be prompted"
        )
    import getpass  # noqa: PLC0415

    return getpass.getpass("Claude OAuth token (input hidden): ")


def _report(stored: StoredToken, scope: str) -> None:
    source = stored.source
    if source.kind == "op":
        out(f"Set the Claude token of {scope} to the {source.describe()}.")
        return
    out(f"Stored the Claude token of {scope} in the {source.describe()}.")
    if stored.keyring_fallback:
        err("No usable OS keyring on this host; the token is in a file readable only by you.")
    if stored.fingerprint:
        out(f"  token {stored.fingerprint}")


def _auth_note(workspace: str, role: str | None) -> None:
    """Say so when the token will not be used because Claude's auth mode is not oauth_token."""
    from jackin_sdk.tokens import claude_token_ignored  # noqa: PLC0415

    mode = claude_token_ignored(resolve_paths(), workspace, role=role)
    if mode is not None:
        err(
            f"Note: Claude's auth_forward here is {mode.value}; the token is used only "
            "in oauth_token mode."
        )


@claude_token_app.command("set")
def token_set(
    workspace: WorkspaceArg,
    role: RoleOption = None,
    token_stdin: Annotated[
        bool, typer.Option("--token-stdin", help="Read the token from standard input.")
    ] = False,
    generate: Annotated[
        bool, typer.Option("--generate", help="Run `claude setup-token` on this host.")
    ] = False,
    op_ref: Annotated[
        str | None,
        typer.Option("--op", help="Use a 1Password reference (op://vault/item/field) instead."),
    ] = None,
    op_account: Annotated[str | None, typer.Option("--op-account")] = None,
    store: Annotated[
        str | None,
        typer.Option("--store", help="keyring (default), file (0600 under ~/.jackin) or op."),
    ] = None,
) -> None:
    """Store the Claude OAuth token (`claude setup-token`); it is never shown."""
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.tokens import (  # noqa: PLC0415
        TokenStore,
        check_claude_token_target,
        set_claude_token,
        set_claude_token_reference,
    )

    chosen = _store(store)
    if sum([token_stdin, generate, op_ref is not None]) > 1:
        raise UsageError("--token-stdin, --generate and --op exclude each other")
    if chosen is TokenStore.OP and op_ref is None:
        raise UsageError("--store op needs --op op://vault/item/field")
    if op_ref is not None and chosen not in (None, TokenStore.OP):
        raise UsageError(f"--op stores a 1Password reference; it cannot use --store {chosen}")
    if op_account and op_ref is None:
        raise UsageError("--op-account applies only with --op")
    paths = resolve_paths()
    if op_ref is not None:
        stored = set_claude_token_reference(paths, workspace, op_ref, role=role, account=op_account)
    else:
        check_claude_token_target(paths, workspace, role=role, store=chosen)
        token = _read_token(from_stdin=token_stdin, generate=generate)
        stored = set_claude_token(paths, workspace, token, role=role, store=chosen)
    _report(stored, _scope(workspace, role))
    _auth_note(workspace, role)


@claude_token_app.command("show-source")
def token_show_source(workspace: WorkspaceArg, role: RoleOption = None) -> None:
    """Say where the token comes from (never its value)."""
    from jackin_sdk.tokens import claude_token_source  # noqa: PLC0415

    source = claude_token_source(resolve_paths(), workspace, role=role)
    if source is None:
        out(f"Claude token of {_scope(workspace, role)}: not set")
        return
    out(f"Claude token of {_scope(workspace, role)}: {source.describe()}")
    if not source.in_scope:
        out(f"  (inherited from {source.layer})")


@claude_token_app.command("clear")
def token_clear(workspace: WorkspaceArg, role: RoleOption = None) -> None:
    """Remove the token and delete the keyring entry or file jackin stored."""
    from jackin_sdk.tokens import clear_claude_token  # noqa: PLC0415

    cleared = clear_claude_token(resolve_paths(), workspace, role=role)
    scope = _scope(workspace, role)
    if cleared.removed is None and not cleared.deleted:
        out(f"{scope[0].upper()}{scope[1:]} had no Claude token — config left unchanged.")
        return
    if cleared.removed is not None:
        out(f"Cleared the Claude token of {scope} ({cleared.removed.describe()}).")
    for deleted in cleared.deleted:
        out(f"  deleted {deleted}")
