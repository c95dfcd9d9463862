"""`hardline --inspect`: the instance's report, from the engine, or from its manifest
alone when the engine does not answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.errors import DockerUnavailable, UsageError

if TYPE_CHECKING:
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.instances import InstanceStore

__all__ = ["inspect_instance"]


def inspect_instance(
    connect: Callable[[], DockerApi],
    store: InstanceStore,
    selector: str | None,
    *,
    cwd: Path,
    foreign: bool = False,
) -> list[str]:
    """The report lines of the instance `selector` (or the current directory) names.

    When the engine does not answer, the named instance is reported from its manifest
    alone (it must be named: the current directory's instance is found on the engine);
    another home's instance is refused unless `foreign`, as `hardline` refuses it.
    """
    from jackin_sdk.lifecycle import (  # noqa: PLC0415
        inspect_lines,
        resolve_hardline,
        select_instances,
        session_summary,
    )

    try:
        docker = connect()
    except DockerUnavailable:
        if not selector:
            raise UsageError("name the instance to inspect while Docker is unavailable") from None
        found = select_instances(None, store, selector, include_state=True)
        if not found:
            raise UsageError(f"no instance matches {selector}") from None
        return inspect_lines(None, store, found[0])
    container = resolve_hardline(docker, store, selector, cwd=cwd, foreign=foreign)
    return inspect_lines(docker, store, container, sessions=session_summary(docker, container))
