"""`jackin doctor`: run the SDK's host checks and print them."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from jackin_cli._common import out
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
        out(json.dumps(report.to_json(), indent=2))
        return
    out(f"{BRAND_PILL}\n\ndoctor")
    for check in report.checks:
        out(f"  {_TAGS[check.status.value]}  {check.name}  {check.message}")
        if check.hint and check.status is not CheckStatus.OK:
            out(f"         → {check.hint}")
    out("")
    if report.failed:
        out("✗  one or more checks failed — see hints above")
        out("   Rerun with --debug to trace the commands behind each check.")
        raise JackinError("doctor checks failed")
    out("✓  all checks passed (or warned)")
