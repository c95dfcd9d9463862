"""`jackin load`'s command line without typer: the options table and its parser.

A warm `load` is about a second, and importing typer and building its command costs
about 50 ms of it. This parser reads exactly the options of the typer command in
`_load_cmds` (a test compares the two tables and their results). Anything it does not
recognise (`--help`, an unknown or combined flag, a missing value, a third positional)
returns None and typer parses the line, so usage errors read as for every command.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FLAGS", "MULTI_OPTIONS", "VALUE_OPTIONS", "LoadArgs", "parse_load_args"]


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


#: Flag → (parameter, value it sets).
FLAGS: dict[str, tuple[str, bool]] = {
    "--rebuild": ("rebuild", True),
    "--force": ("force", True),
    "--detach": ("detach", True),
    "-d": ("detach", True),
    "--yes": ("yes", True),
    "-y": ("yes", True),
    "--git-pull": ("git_pull", True),
    "--no-git-pull": ("git_pull", False),
    "--keep-awake": ("keep_awake", True),
    "--no-keep-awake": ("keep_awake", False),
    "--dry-run": ("dry_run", True),
}
#: Option taking one value (the last one given wins) → parameter.
VALUE_OPTIONS: dict[str, str] = {
    "--agent": "agent",
    "--role-branch": "role_branch",
    "--provider": "provider",
    "--format": "output_format",
}
#: Repeatable option → parameter (a list).
MULTI_OPTIONS: dict[str, str] = {"--mount": "mount", "--mount-isolation": "mount_isolation"}
_POSITIONALS = ("selector", "target")


def parse_load_args(args: list[str]) -> LoadArgs | None:
    """`load [SELECTOR] [TARGET] [OPTIONS]`, or None when typer should parse the line."""
    if not args or args[0] != "load":
        return None
    values: dict[str, object] = {}
    positional: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            positional.extend(rest)
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, eq, inline = arg.partition("=")
        if name in FLAGS and not eq:
            parameter, value = FLAGS[name]
            values[parameter] = value
        elif name in VALUE_OPTIONS or name in MULTI_OPTIONS:
            given = inline if eq else next(rest, None)
            if given is None:
                return None
            if name in VALUE_OPTIONS:
                values[VALUE_OPTIONS[name]] = given
            else:
                bucket = values.setdefault(MULTI_OPTIONS[name], [])
                assert isinstance(bucket, list)
                bucket.append(given)
        else:
            return None
    if len(positional) > len(_POSITIONALS):
        return None
    values |= dict(zip(_POSITIONALS, positional, strict=False))
    return LoadArgs(**values)  # type: ignore[arg-type]
