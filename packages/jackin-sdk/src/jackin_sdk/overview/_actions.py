"""What the console runs in place: stop, purge, inspect, delete a workspace (B4, B6).

Stop is `jackin_sdk.lifecycle.eject` itself (the instance becomes `restore-available`),
so it has no function here. Purge in place is `jackin eject <c> --purge`: eject, then
delete the local state. Inspect is `jackin hardline --inspect`'s report. Deleting a
workspace is `jackin workspace remove`. Each is the same SDK call the CLI makes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk.text import printable

if TYPE_CHECKING:
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.instances import InstanceStore
    from jackin_sdk.paths import JackinPaths

__all__ = ["delete_workspace", "inspect_report", "purge_at_risk", "purge_instance"]


def purge_instance(
    docker: DockerApi, store: InstanceStore, container: str, *, discard_isolated: bool = False
) -> list[str]:
    """Eject the instance (container, sidecar, network) and delete its local state.

    Isolated work that is dirty or unpushed refuses the purge (`PurgeRefused`, after the
    eject) unless `discard_isolated`. Returns the purge's warnings.
    """
    from jackin_sdk.lifecycle import eject, purge  # noqa: PLC0415

    eject(docker, store, container)
    return purge(docker, store, container, discard_isolated=discard_isolated)


def purge_at_risk(error: BaseException) -> str | None:
    """What a refused purge would lose, when isolated work refused it (dirty or unpushed
    worktrees and clones): the question to put before `discard_isolated=True`. None when
    the purge was refused for another reason."""
    from jackin_sdk.isolation import AtRiskWork  # noqa: PLC0415

    cause = error.__cause__
    return str(cause) if isinstance(cause, AtRiskWork) else None


def inspect_report(docker: DockerApi | None, store: InstanceStore, container: str) -> list[str]:
    """`jackin hardline --inspect`'s report of `container`, each line escaped.

    Works from the manifest alone when `docker` is None (the engine is unavailable).
    """
    from jackin_sdk.lifecycle import inspect_lines, session_summary  # noqa: PLC0415

    sessions = session_summary(docker, container) if docker is not None else None
    return [printable(line) for line in inspect_lines(docker, store, container, sessions=sessions)]


def delete_workspace(paths: JackinPaths, name: str) -> None:
    """Remove the saved workspace `name` from the config (host files are untouched)."""
    from jackin_sdk.config import ConfigEditor  # noqa: PLC0415

    with ConfigEditor(paths) as editor:
        editor.delete_workspace(name)
        editor.commit()
