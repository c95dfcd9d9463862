"""`jackin status` / `ps` without typer: the parser for its few flags and its output.

`status` is what scripts and the console poll, so it skips building the command tree
(typer and click cost about 150 ms here). Anything this parser does not recognise —
`--help`, an unknown flag, a missing value — returns None and typer handles it, so
usage errors read exactly as for every other command.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from jackin_cli._table import render_table

__all__ = ["StatusArgs", "parse_status_args", "status_output"]

_COMMANDS = ("status", "ps")
_VALUE_FLAGS = ("--state", "--format")


@dataclass(frozen=True, slots=True)
class StatusArgs:
    """The parsed `status` command line."""

    workspace: str | None = None
    state: str | None = None
    output_format: str = "human"


def parse_status_args(args: list[str]) -> StatusArgs | None:
    """`status [WORKSPACE] [--state S] [--format F]`, or None when typer should parse it."""
    if not args or args[0] not in _COMMANDS:
        return None
    values: dict[str, str] = {}
    positional: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        flag, eq, inline = arg.partition("=")
        if flag in _VALUE_FLAGS:
            value = inline if eq else next(rest, None)
            if value is None or flag in values:
                return None
            values[flag] = value
        elif arg.startswith("-"):
            return None
        else:
            positional.append(arg)
    if len(positional) > 1:
        return None
    return StatusArgs(
        workspace=positional[0] if positional else None,
        state=values.get("--state"),
        output_format=values.get("--format", "human"),
    )


def status_output(parsed: StatusArgs) -> str:
    """The text `status` prints: the JSON document or the table, from one engine listing.

    Both are safe to print: names and states read from instance files and the engine are
    escaped (the table's cells by `render_table`, the JSON by `printable_json`).
    """
    from jackin_sdk.docker import connect_engine  # noqa: PLC0415
    from jackin_sdk.instances import InstanceStore  # noqa: PLC0415
    from jackin_sdk.lifecycle import instance_listing, status_document  # noqa: PLC0415
    from jackin_sdk.paths import JackinPaths  # noqa: PLC0415

    listing = instance_listing(
        connect_engine(),
        InstanceStore(JackinPaths.resolve()),
        workspace=parsed.workspace,
        state=parsed.state,
    )
    views = listing.views
    from jackin_sdk.text import printable, printable_json  # noqa: PLC0415

    if parsed.output_format == "json":
        return printable_json(json.dumps(status_document(views), indent=2, ensure_ascii=False))
    others = _others_line(listing.foreign, listing.legacy)
    if not views:
        return (
            "No instances found."
            if parsed.workspace is None
            else f'No instances in "{printable(parsed.workspace)}".'
        ) + others
    rows = [
        [v.row.instance_id, v.workspace, v.row.role_key, v.row.agent_runtime, v.state,
         v.row.status.value]
        for v in views
    ]  # fmt: skip
    table = render_table(["instance", "workspace", "role", "agent", "state", "status"], rows)
    running = sum(1 for v in views if v.state == "running")
    return f"{table}\n  {len(views)} instance(s), {running} running{others}"


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
