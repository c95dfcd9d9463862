"""What one background refresh of the workspace manager reads (B3), on a worker thread:
the config (when asked), the overview and every entry's detail blocks, and the selected
instance's session tree. Errors are collected, not raised: the screen shows them once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.overview import DetailBlock, InstanceEntry, Overview, SessionTree
    from jackin_tui._services import ConsoleServices

__all__ = ["Refreshed", "read_refresh"]


@dataclass(slots=True)
class Refreshed:
    """What one background refresh read."""

    config: OperatorConfig | None
    overview: Overview | None
    details: dict[str, tuple[DetailBlock, ...]]
    container: str | None
    tree: SessionTree | None
    errors: list[str] = field(default_factory=list)


def read_refresh(
    svc: ConsoleServices,
    config: OperatorConfig | None,
    want_config: bool,
    instance: InstanceEntry | None,
    *,
    use_socket: bool,
) -> Refreshed:
    """Read the overview (and the config when `want_config` or none is known yet), and
    `instance`'s session tree through the capsule's socket or `docker exec`."""
    from jackin_sdk.instances import InstanceStore  # noqa: PLC0415
    from jackin_sdk.overview import (  # noqa: PLC0415
        load_overview,
        read_session_tree,
        workspace_details,
    )

    found = Refreshed(config, None, {}, None, None)
    try:
        if want_config or found.config is None:
            found.config = svc.config()
        try:
            docker = svc.docker()
        except Exception as exc:
            docker = None
            found.errors.append(str(exc))
        store = InstanceStore(svc.paths)
        found.overview = load_overview(found.config, store, docker, cwd=svc.cwd)
        found.details = {
            entry.key: workspace_details(found.config, entry) for entry in found.overview.entries
        }
        if instance is not None:
            found.container = instance.container
            found.tree = read_session_tree(
                docker, store, instance.container, running=instance.live, use_socket=use_socket
            )
    except Exception as exc:
        found.errors.append(str(exc))
    return found
