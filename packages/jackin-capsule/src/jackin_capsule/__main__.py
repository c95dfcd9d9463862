"""Entry point of `jackin-capsule` (standard library and pyte only).

Three personalities (spec A1): the **daemon** (`daemon [AGENT]`, or PID 1), the
**attach client** (no command, `--focus N`, or `new [AGENT]`), and **one-shot**
commands (`status`, `snapshot`, `agents`, `runtime-setup`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from jackin_capsule import __version__
from jackin_capsule._config import SOCKET_NAME, ConfigError, load_config, run_dir

if TYPE_CHECKING:
    from jackin_capsule.daemon import DaemonOptions

__all__ = ["main", "run"]

_CLIENT_COMMANDS = ("new", "session", "status", "snapshot", "agents", "runtime-setup", "daemon")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jackin-capsule",
        description=(
            "PID 1 and terminal multiplexer inside jackin containers. Without a command, "
            "attach this terminal to the running capsule."
        ),
    )
    parser.add_argument("--version", action="version", version=f"jackin-capsule {__version__}")
    parser.add_argument("--focus", type=int, metavar="SESSION", help="attach focused on SESSION")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    daemon = commands.add_parser(
        "daemon",
        help="run the capsule daemon (the container's PID 1)",
        description="Own every session's PTY and serve the socket until the last one ends.",
    )
    daemon.add_argument("agent", nargs="?", metavar="AGENT", help="the first tab's agent")
    daemon.add_argument("--shell", action="store_true", help="the first tab is a shell")
    daemon.add_argument(
        "--spawn-now",
        action="store_true",
        help="start the first tab at once instead of on the first attach (detached launch)",
    )

    new = commands.add_parser(
        "new",
        help="attach and open a new tab (an agent, or a shell without AGENT)",
    )
    new.add_argument("agent", nargs="?", metavar="AGENT")
    new.add_argument("--provider", metavar="LABEL", help="the agent's alternative provider")

    session = commands.add_parser(
        "session",
        help="run an agent (or a shell) on this terminal, outside the multiplexer",
        description="For scripts and CI: run AGENT (default: the role's first) and exit with "
        "its code.",
    )
    session.add_argument("agent", nargs="?", metavar="AGENT")
    session.add_argument("--shell", action="store_true", help="a shell, no agent")

    status = commands.add_parser("status", help="list the live sessions")
    status.add_argument("--format", choices=("human", "json"), default="human")
    commands.add_parser("snapshot", help="print the tabs and panes as JSON")
    agents = commands.add_parser("agents", help="list every tab opened in this container")
    agents.add_argument("--format", choices=("human", "json"), default="human")
    commands.add_parser(
        "runtime-setup",
        help="prepare the agent home at the start of a session (run by the entrypoint)",
        description=(
            "Seed the durable agent homes, apply the session agent's credential policy "
            "($JACKIN_AGENT, $JACKIN_AUTH_MODE), update agent config and write the "
            "instance's git config once."
        ),
    )
    return parser


def _implicit_daemon(argv: list[str]) -> list[str]:
    """As PID 1 (or with `JACKIN_CAPSULE_FORCE_DAEMON`) a bare agent slug means the daemon."""
    forced = os.getpid() == 1 or bool(os.environ.get("JACKIN_CAPSULE_FORCE_DAEMON"))
    if forced and (not argv or argv[0] not in (*_CLIENT_COMMANDS, "--version", "--help", "-h")):
        return ["daemon", *argv]
    return argv


def run(argv: Sequence[str]) -> int:
    """Parse `argv` and run; returns the exit code."""
    args = _parser().parse_args(_implicit_daemon(list(argv)))
    try:
        return _dispatch(args)
    except ConfigError as exc:
        print(f"jackin-capsule: {exc}", file=sys.stderr)
        return 2


def _socket() -> str:
    return str(run_dir() / SOCKET_NAME)


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "runtime-setup":
        from jackin_capsule._setup import run_runtime_setup  # noqa: PLC0415

        return run_runtime_setup(os.environ)
    if command == "daemon":
        return _daemon(args)
    if command == "session":
        if args.shell and args.agent is not None:
            raise ConfigError("session: give an AGENT or --shell, not both")
        from jackin_capsule._oneshot import run_session  # noqa: PLC0415

        return run_session(args.agent, shell=args.shell)
    if command in ("status", "snapshot", "agents"):
        return _one_shot(command, getattr(args, "format", "json"))
    from jackin_capsule import client  # noqa: PLC0415
    from jackin_capsule.protocol import SpawnAgent, SpawnRequest, SpawnShell  # noqa: PLC0415

    spawn: SpawnRequest | None = None
    if command == "new":
        spawn = SpawnAgent(args.agent, args.provider) if args.agent else SpawnShell()
    return client.report(client.attach(_socket(), spawn=spawn, focus=args.focus))


def _daemon(args: argparse.Namespace) -> int:
    from jackin_capsule.daemon import run_daemon  # noqa: PLC0415

    run = run_dir()
    config = load_config(run)
    agent = None if args.shell else config.resolve_agent(args.agent)
    return run_daemon(config, run, _daemon_options(os.environ, agent, spawn_now=args.spawn_now))


def _daemon_options(
    env: Mapping[str, str], first_agent: str | None, *, spawn_now: bool
) -> DaemonOptions:
    """The daemon's options from its environment (the host sets `JACKIN_INSTANCE_ID`)."""
    from jackin_capsule.contract import INSTANCE_ID_ENV  # noqa: PLC0415
    from jackin_capsule.daemon import DaemonOptions  # noqa: PLC0415

    return DaemonOptions(
        first_agent=first_agent,
        spawn_now=spawn_now,
        rows=_env_int(env, "JACKIN_ROWS", 24),
        cols=_env_int(env, "JACKIN_COLS", 80),
        instance_id=env.get(INSTANCE_ID_ENV, ""),
        debug=bool(env.get("JACKIN_DEBUG")),
    )


def _env_int(env: Mapping[str, str], name: str, default: int) -> int:
    try:
        value = int(env.get(name, ""))
    except ValueError:
        return default
    return value if 0 < value <= 10_000 else default


def _one_shot(command: str, output: str) -> int:
    from jackin_capsule.client import ask  # noqa: PLC0415
    from jackin_capsule.protocol import (  # noqa: PLC0415
        AgentRegistryReply,
        AgentsRequest,
        ControlMsg,
        SessionListReply,
        SnapshotRequest,
        StatusRequest,
        format_status,
        reply_to_json,
    )

    msg: ControlMsg = (
        StatusRequest()
        if command == "status"
        else SnapshotRequest()
        if command == "snapshot"
        else AgentsRequest()
    )
    try:
        reply = ask(_socket(), msg)
    except OSError as exc:
        print(f"jackin-capsule: cannot reach the capsule at {_socket()}: {exc}", file=sys.stderr)
        return 1
    if command == "status" and output == "human" and isinstance(reply, SessionListReply):
        sys.stdout.write(format_status(reply.sessions))
        return 0
    if command == "agents" and output == "human" and isinstance(reply, AgentRegistryReply):
        for record in reply.records:
            what = record.agent or "shell"
            print(f"{record.codename:<12} {what:<10} {record.status:<12} {record.started_at}")
        return 0
    print(json.dumps(reply_to_json(reply), indent=2))
    return 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
