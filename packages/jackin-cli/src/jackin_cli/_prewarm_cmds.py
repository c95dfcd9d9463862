"""`jackin prewarm --image`: reuse or build a role's image before a launch (spec cli §3.8).

Parsing and rendering only: `jackin_sdk.flows.prewarm_images` resolves the role as
`load` does and decides reuse with the launch's own check. Build progress goes to stderr;
the report (pill, `prewarm`, `images for <label>` and a row per agent) to stdout. The
other modes of the reference (runtime binaries, the DinD sidecar, role repositories,
`--all-workspaces`, `--all-roles`, `--role-git`) are not offered.
"""

from __future__ import annotations

from typing import Annotated

import typer

from jackin_cli._common import load_config, out

__all__ = ["IMAGE_ONLY", "prewarm"]

IMAGE_ONLY = (
    "only the image prewarm is available: "
    "`jackin prewarm --image --workspace <name>` or `jackin prewarm --image --role <selector>`"
)


def prewarm(
    image: Annotated[
        bool, typer.Option("--image", help="Reuse or build the role's image (as load would).")
    ] = False,
    workspace: Annotated[
        str | None,
        typer.Option("--workspace", metavar="NAME", help="A saved workspace's default role."),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", metavar="SELECTOR", help="A role (name or ns/name).")
    ] = None,
    agent: Annotated[
        list[str] | None,
        typer.Option("--agent", metavar="NAME", help="Only this agent's image (repeat)."),
    ] = None,
    role_branch: Annotated[
        str | None,
        typer.Option("--role-branch", metavar="BRANCH", help="A branch of the role repo."),
    ] = None,
) -> None:
    """Warm up a role's image so the next launch starts at once."""
    from jackin_cli._load_run import engine  # noqa: PLC0415
    from jackin_sdk.errors import UsageError  # noqa: PLC0415
    from jackin_sdk.flows import PlainLaunchView, TerminalAnswerer, prewarm_images  # noqa: PLC0415
    from jackin_sdk.vocab import parse_agent  # noqa: PLC0415

    if not image:
        raise UsageError(IMAGE_ONLY)
    agents = [parse_agent(name) for name in agent or []]
    view = PlainLaunchView()
    try:
        report = prewarm_images(
            load_config(), connect=engine, answerer=view.answering(TerminalAnswerer()),
            workspace=workspace,
            role=role, agents=agents, role_branch=role_branch, progress=view.image,
        )  # fmt: skip
    finally:
        view.close()
    out("\n".join(report.human_lines()))
