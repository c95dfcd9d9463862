"""Instance commands after launch: hardline, eject, exile, purge, status, prune."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jackin_cli._common import err, load_config, out, resolve_paths
from jackin_cli._groups import command_group
from jackin_cli._load_run import engine
from jackin_cli._prompt import tty
from jackin_cli._table import render_table
from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.instances import InstanceStore
    from jackin_sdk.lifecycle import PruneReport

__all__ = ["eject", "exile", "hardline", "prune_app", "purge", "status"]

prune_app = command_group("Reclaim space: finished instances, unused images, caches.")
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Confirm without asking.")]
ForeignOption = Annotated[
    bool,
    typer.Option(
        "--foreign",
        help="Also act on other jackin homes' objects and unlabelled ones of older jackins.",
    ),
]


def _store() -> InstanceStore:
    from jackin_sdk.instances import InstanceStore  # noqa: PLC0415

    return InstanceStore(resolve_paths())


def _echo_lines(lines: list[str]) -> None:
    """Report lines, each kept to one line: the capsule's reply and manifest fields can
    carry newlines, which must not forge a line of their own."""
    out("\n".join(printable(line) for line in lines))


def hardline(
    selector: Annotated[
        str | None, typer.Argument(help="Instance id, container name or role.")
    ] = None,
    inspect: Annotated[bool, typer.Option("--inspect", help="Report; do not attach.")] = False,
    new: Annotated[bool, typer.Option("--new", help="Start another agent session.")] = False,
    agent: Annotated[str | None, typer.Option("--agent", help="Agent for --new.")] = None,
    provider: Annotated[
        str | None, typer.Option("--provider", help="With --new: Claude via zai, minimax, kimi.")
    ] = None,
    shell: Annotated[bool, typer.Option("--shell", help="Open a shell session.")] = False,
    yes: YesOption = False,
    foreign: ForeignOption = False,
) -> None:
    """Reconnect to an instance; restart or rebuild it around its state when it died.

    An instance another jackin home made (JACKIN_HOME_DIR) is refused unless --foreign.
    """
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.flows import (  # noqa: PLC0415
        PlainLaunchView,
        TerminalAnswerer,
        inspect_instance,
        reconnect,
    )

    if sum((inspect, new, shell)) > 1:
        raise UsageError("--inspect, --new and --shell exclude each other")
    if (agent is not None or provider is not None) and not new:
        raise UsageError("--agent and --provider apply only with --new")
    if inspect:
        _echo_lines(inspect_instance(engine, _store(), selector, cwd=Path.cwd(), foreign=foreign))
        return
    docker = engine()
    view = PlainLaunchView()
    code = reconnect(
        docker, load_config(), selector, cwd=Path.cwd(),
        answerer=view.answering(TerminalAnswerer(yes=yes)), notify=err, view=view, tty=tty(),
        new=new, agent=agent, provider=provider, shell=shell, foreign=foreign,
    )  # fmt: skip
    if code != 0:
        raise typer.Exit(code)


def eject(
    selector: Annotated[str, typer.Argument(help="Instance id, container name or role.")],
    all_: Annotated[bool, typer.Option("--all", help="Every instance of the role.")] = False,
    purge_state: Annotated[bool, typer.Option("--purge", help="Also delete its state.")] = False,
    discard_isolated: Annotated[
        bool, typer.Option("--discard-isolated", help="With --purge: discard isolated work.")
    ] = False,
    foreign: ForeignOption = False,
) -> None:
    """Remove an instance's containers and network; keep (or --purge) its state.

    An instance another jackin home made (JACKIN_HOME_DIR) is refused unless --foreign.
    """
    from jackin_sdk import lifecycle  # noqa: PLC0415

    docker, store = engine(), _store()
    found = lifecycle.select_instances(docker, store, selector, all_=all_, include_state=True)
    if not found:
        out("No matching roles found.")
        return
    for container in found:
        lifecycle.eject(docker, store, container, foreign=foreign)
        if purge_state:
            for warning in lifecycle.purge(
                docker, store, container, discard_isolated=discard_isolated
            ):
                err(warning)
            out(f"Ejected and purged {container}.")
        else:
            out(f"Ejected {container}.")


def exile(foreign: ForeignOption = False) -> None:
    """Eject every jackin instance (running or stopped); their state is kept.

    Only this jackin home's (JACKIN_HOME_DIR) unless --foreign: then every jackin
    instance on the engine, whatever home made it.
    """
    from jackin_sdk import lifecycle  # noqa: PLC0415

    ejected = lifecycle.exile(engine(), _store(), foreign=foreign)
    if not ejected:
        out("No roles running.")
    for container in ejected:
        out(f"Ejected {container}.")


def purge(
    selector: Annotated[str, typer.Argument(help="Instance id, container name or role.")],
    all_: Annotated[bool, typer.Option("--all", help="Every instance of the role.")] = False,
    discard_isolated: Annotated[
        bool, typer.Option("--discard-isolated", help="Discard dirty or unpushed isolated work.")
    ] = False,
) -> None:
    """Delete the local state of instances whose containers are gone."""
    from jackin_sdk import lifecycle  # noqa: PLC0415

    docker, store = engine(), _store()
    found = lifecycle.select_instances(docker, store, selector, all_=all_, include_state=True)
    if not found:
        out("No matching instances found.")
        return
    for container in found:
        for warning in lifecycle.purge(docker, store, container, discard_isolated=discard_isolated):
            err(warning)
        out(f"Purged state for {container}.")


def status(
    workspace: Annotated[str | None, typer.Argument(help="Only this workspace.")] = None,
    state: Annotated[str | None, typer.Option("--state", help="running or stopped only.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="human or json")] = "human",
) -> None:
    """List instances by workspace, with their container state."""
    # Both forms are safe to print: names and states read from instance files and the
    # engine are escaped (the table's cells by `render_table`, the JSON by
    # `printable_json`).
    from jackin_sdk.lifecycle import instance_listing, status_document  # noqa: PLC0415
    from jackin_sdk.text import printable_json  # noqa: PLC0415

    listing = instance_listing(engine(), _store(), workspace=workspace, state=state)
    views = listing.views
    if output_format == "json":
        document = json.dumps(status_document(views), indent=2, ensure_ascii=False)
        out(printable_json(document))
        return
    others = _others_line(listing.foreign, listing.legacy)
    if not views:
        shown = "found" if workspace is None else f'in "{printable(workspace)}"'
        out(f"No instances {shown}.{others}")
        return
    rows = [
        [v.row.instance_id, v.workspace, v.row.role_key, v.row.agent_runtime, v.state,
         v.row.status.value]
        for v in views
    ]  # fmt: skip
    table = render_table(["instance", "workspace", "role", "agent", "state", "status"], rows)
    running = sum(1 for v in views if v.state == "running")
    out(f"{table}\n  {len(views)} instance(s), {running} running{others}")


def _others_line(foreign: int, legacy: int) -> str:
    """The role containers on the engine that are not this home's, or ""."""
    parts = []
    if foreign:
        parts.append(f"{foreign} of other jackin homes")
    if legacy:
        parts.append(f"{legacy} unlabelled from an older jackin")
    if not parts:
        return ""
    return f"\n  Not shown: {' and '.join(parts)} (JACKIN_HOME_DIR selects the home)"


def _print_report(report: PruneReport) -> None:
    out(f"  {report.title}")
    for action in report.actions:
        label = f"    {action.verb} {printable(action.target)} "
        out(f"{label}{'.' * max(3, 70 - len(label))} {action.outcome}")
        if action.reason and action.outcome != "OK":
            for line in action.reason.splitlines():
                out(f"      {line}")
    if report.summary:
        out(f"    {report.summary}")


@prune_app.command("instances")
def prune_instances(
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Every instance, and all state.")
    ] = False,
    yes: YesOption = False,
    foreign: ForeignOption = False,
) -> None:
    """Purge finished instances (with --all: eject and purge every instance).

    Only this jackin home's instances and Docker objects; with --all --foreign, every
    jackin container, sidecar and network on the engine too (other homes' state stays).
    """
    from jackin_sdk.flows import TerminalAnswerer, prune_all_instances  # noqa: PLC0415

    report = prune_all_instances(
        engine, resolve_paths(), all_=all_, foreign=foreign, answerer=TerminalAnswerer(yes=yes)
    )
    if report is None:
        raise typer.Exit(1)
    _print_report(report)
    if report.failed:
        raise typer.Exit(1)


@prune_app.command("images")
def prune_images() -> None:
    """Remove jackin images (jk_*) that no instance uses."""
    from jackin_sdk import lifecycle  # noqa: PLC0415

    _print_report(lifecycle.prune_images(engine()))


@prune_app.command("roles")
def prune_roles() -> None:
    """Delete the role cache (~/.jackin/roles)."""
    from jackin_sdk import lifecycle  # noqa: PLC0415

    _print_report(lifecycle.prune_dir("Role Cache", resolve_paths().roles_dir))


@prune_app.command("cache")
def prune_cache() -> None:
    """Delete the shared cache (~/.jackin/cache)."""
    from jackin_sdk import lifecycle  # noqa: PLC0415

    _print_report(lifecycle.prune_dir("Shared Cache", resolve_paths().cache_dir))


@prune_app.command("system")
def prune_system(
    all_: Annotated[bool, typer.Option("--all", "-a", help="Also every instance.")] = False,
    yes: YesOption = False,
) -> None:
    """Prune instances, images, the role cache and the shared cache."""
    from jackin_sdk.flows import TerminalAnswerer  # noqa: PLC0415
    from jackin_sdk.flows import prune_system as prune_everything  # noqa: PLC0415

    reports = prune_everything(
        engine, resolve_paths(), all_=all_, answerer=TerminalAnswerer(yes=yes)
    )
    if reports is None:
        err("aborted by operator")
        raise typer.Exit(1)
    for report in reports:
        _print_report(report)
    failed = [r.title for r in reports if r.failed]
    if failed:
        err(f"{len(failed)} prune step(s) failed")
        raise typer.Exit(1)
