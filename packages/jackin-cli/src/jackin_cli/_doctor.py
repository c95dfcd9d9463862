"""`jackin doctor`: run the SDK's host checks and print them."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from jackin_cli._render import BRAND_PILL

__all__ = ["doctor"]

_TAGS = {"ok": "ok  ", "warn": "warn", "fail": "fail", "skip": "skip"}


def doctor(
    output_format: Annotated[
        str, typer.Option("--format", help="human (default) or json", metavar="FORMAT")
    ] = "human",
) -> None:
    """Check that this host can run jackin (Docker, disk, folders, DinD privileges)."""
    from jackin_sdk.docker import EngineDocker  # noqa: PLC0415 - heavy; only for doctor
    from jackin_sdk.doctor import CheckStatus, run_doctor  # noqa: PLC0415
    from jackin_sdk.errors import JackinError  # noqa: PLC0415
    from jackin_sdk.paths import JackinPaths  # noqa: PLC0415

    with EngineDocker() as docker:
        report = run_doctor(JackinPaths.resolve(), docker)
    if output_format == "json":
        typer.echo(json.dumps(report.to_json(), indent=2))
        return
    typer.echo(f"{BRAND_PILL}\n\ndoctor")
    for check in report.checks:
        typer.echo(f"  {_TAGS[check.status.value]}  {check.name}  {check.message}")
        if check.hint and check.status is not CheckStatus.OK:
            typer.echo(f"         → {check.hint}")
    typer.echo("")
    if report.failed:
        typer.echo("✗  one or more checks failed — see hints above")
        typer.echo("   Rerun with --debug to trace the commands behind each check.")
        raise JackinError("doctor checks failed")
    typer.echo("✓  all checks passed (or warned)")
