"""`jackin hardline`: find the instance, report it, and bring it back to life (§6.4)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.docker import (
    ContainerState,
    Created,
    DockerApi,
    NotFound,
    Paused,
    Restarting,
    Running,
    Stopped,
)
from jackin_sdk.errors import JackinError
from jackin_sdk.instances import InstanceManifest, InstanceStatus, InstanceStore
from jackin_sdk.lifecycle._select import check_owned, select_instances
from jackin_sdk.mounts import Isolation, Mount
from jackin_sdk.resources import InstanceResources
from jackin_sdk.roles import RoleSelector

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.launch import LaunchContext, LaunchResult, LaunchTarget
    from jackin_sdk.roles import Confirm

__all__ = [
    "inspect_lines",
    "reconnect",
    "resolve_hardline",
    "restore_instance",
    "session_summary",
    "target_from_manifest",
]


def resolve_hardline(
    docker: DockerApi,
    store: InstanceStore,
    selector: str | None,
    *,
    cwd: Path,
    foreign: bool = False,
) -> str:
    """The one instance `selector` (or, without one, the current directory) names.

    `ForeignObject` (E021) when its container, sidecar or network on the engine is
    another jackin home's (or an older jackin's that this home's records do not name),
    unless `foreign` (the operator's `--foreign`).
    """
    container = _resolve(docker, store, selector, cwd=cwd)
    check_owned(docker, store.ownership(foreign=foreign, create=False), container)
    return container


def _resolve(docker: DockerApi, store: InstanceStore, selector: str | None, *, cwd: Path) -> str:
    if selector is not None:
        found = select_instances(docker, store, selector, include_state=True)
        if not found:
            raise JackinError(f"no instance matches {selector}; list them with `jackin status`")
        return found[0]
    here = str(cwd.resolve())
    rows = [
        r
        for r in store.index()
        if r.status is not InstanceStatus.PURGED
        and (here == r.workspace_label or here.startswith(r.workspace_label.rstrip("/") + "/"))
    ]
    if len(rows) == 1:
        return rows[0].container_base
    if not rows:
        raise JackinError(
            "no instance belongs to the current directory; name one: `jackin hardline <id>` "
            "(see `jackin status`)"
        )
    names = ", ".join(r.container_base for r in rows)
    raise JackinError(f"several instances belong to the current directory ({names}); name one")


#: `jackin-capsule status` in the container is the agent's to replace: its answer is read
#: at most this much, for at most `STATUS_TIMEOUT` seconds. A real one is a few lines.
STATUS_OUTPUT_LIMIT = 64 * 1024
STATUS_TIMEOUT = 5.0


def session_summary(docker: DockerApi, container: str) -> str | None:
    """The capsule's session list in one line (None when the container is not running).

    The container's `jackin-capsule status` is not trusted to be short or to end: one that
    floods or never ends reads as `unavailable` (`hardline --inspect` still reports).
    """
    from jackin_sdk.docker import DockerError  # noqa: PLC0415
    from jackin_sdk.lifecycle._session import CAPSULE  # noqa: PLC0415

    if not isinstance(docker.inspect_container_state(container), Running):
        return None
    try:
        result = docker.exec_capture(
            container,
            [CAPSULE, "status"],
            max_output=STATUS_OUTPUT_LIMIT,
            timeout=STATUS_TIMEOUT,
        )
    except DockerError as exc:
        return f"unavailable: {exc}"
    if result.timed_out:
        return f"unavailable (no answer in {STATUS_TIMEOUT:g} s)"
    if result.truncated:
        return f"unavailable (more than {STATUS_OUTPUT_LIMIT // 1024} KiB of output)"
    lines = result.output.strip().splitlines()
    listed = "; ".join(line.strip() for line in lines[1:])
    return listed or "none detected" if result.exit_code == 0 else "unavailable"


def inspect_lines(
    docker: DockerApi | None, store: InstanceStore, container: str, *, sessions: str | None = None
) -> list[str]:
    """The `hardline --inspect` report; works from the manifest alone when Docker is down."""
    lines = [f"Instance: {container}", f"State directory: {store.state_dir(container)}"]
    try:
        manifest = store.read_manifest(container)
    except JackinError as exc:
        manifest = None
        lines.append(f"Manifest: unreadable ({exc})")
    if manifest is not None:
        lines += [
            f"Instance ID: {manifest.instance_id}",
            f"Workspace: {manifest.workspace_name or manifest.workspace_label}",
            f"Role: {manifest.role_key} ({manifest.display_name})",
            f"Agent: {manifest.agent_runtime}",
            f"Status: {manifest.status.value}",
            f"Updated: {manifest.updated_at:%Y-%m-%dT%H:%M:%SZ}",
        ]
        if manifest.last_attach_outcome:
            lines.append(f"Last attach outcome: {manifest.last_attach_outcome}")
        ref = f" ({manifest.role_source_ref})" if manifest.role_source_ref else ""
        lines.append(f"Role source: {manifest.role_source_git}{ref}")
    elif not any(line.startswith("Manifest:") for line in lines):
        lines.append("Manifest: missing")
    resources = InstanceResources(container)

    def state_of(name: str) -> str:
        if docker is None:
            return "Docker unavailable"
        return docker.inspect_container_state(name).label

    lines.append(f"Role container: {container} ({state_of(container)})")
    lines.append(f"Agent sessions: {sessions or 'not running'}")
    dind = manifest.dind_enabled if manifest is not None else True
    lines.append(
        f"DinD container: {resources.sidecar} ({state_of(resources.sidecar)})"
        if dind
        else "DinD container: disabled"
    )
    network = "Docker unavailable" if docker is None else (
        "present" if docker.network_exists(resources.network) else "missing")  # fmt: skip
    lines.append(f"Docker network: {resources.network} ({network})")
    if manifest is not None and manifest.mounts:
        summary = ", ".join(
            f"{m.get('dst')} ({m.get('isolation', 'shared')})" for m in manifest.mounts
        )
        lines.append(f"Mounts: {summary}")
    return lines


def target_from_manifest(manifest: InstanceManifest, config: OperatorConfig) -> LaunchTarget:
    """The launch target an instance was made from, to rebuild it around its state."""
    from jackin_sdk.launch import LaunchTarget  # noqa: PLC0415 - loaded only to rebuild

    mounts = tuple(
        Mount(
            str(m["src"]),
            str(m["dst"]),
            bool(m.get("readonly", False)),
            Isolation(str(m.get("isolation", "shared"))),
        )
        for m in manifest.mounts
    )
    workspace = None
    if manifest.workspace_name is not None:
        workspace = config.workspaces.get(manifest.workspace_name)
    return LaunchTarget(
        role=RoleSelector.parse(manifest.role_key),
        workspace_name=manifest.workspace_name,
        workspace_label=manifest.workspace_label,
        workdir=manifest.workdir,
        mounts=mounts,
        workspace=workspace,
    )


def restore_instance(
    manifest: InstanceManifest, ctx: LaunchContext, *, confirm: Confirm | None = None
) -> LaunchResult:
    """Rebuild an instance whose container is gone around its kept state and agent."""
    from jackin_sdk.auth import Agent  # noqa: PLC0415
    from jackin_sdk.launch import LaunchOptions, launch  # noqa: PLC0415

    options = LaunchOptions(agent=Agent(manifest.agent_runtime), confirm=confirm)
    return launch(target_from_manifest(manifest, ctx.config), options, ctx)


def reconnect(
    docker: DockerApi,
    store: InstanceStore,
    container: str,
    *,
    restore: Callable[[InstanceManifest], None],
    foreign: bool = False,
) -> str:
    """Make the instance attachable: `attach` (live), `restarted` (was stopped) or `restored`.

    A stopped instance (crashed, or stopped by the engine) is started again with its
    sidecar; a missing container whose state is kept is rebuilt by `restore`. Another
    jackin home's instance is refused (`ForeignObject`, E021) unless `foreign`.
    """
    check_owned(docker, store.ownership(foreign=foreign, create=False), container)
    state: ContainerState = docker.inspect_container_state(container)
    manifest = store.read_manifest(container)
    if isinstance(state, Running | Paused | Restarting):
        return "attach"
    if isinstance(state, Stopped | Created):
        sidecar = InstanceResources(container).sidecar
        if manifest is None or manifest.dind_enabled:
            sidecar_state = docker.inspect_container_state(sidecar)
            if isinstance(sidecar_state, NotFound) and manifest is not None:
                raise JackinError(
                    f"the DinD sidecar of {container} is gone; `jackin eject {container}` then "
                    f"`jackin hardline {container}` rebuilds both around the kept state"
                )
            if not isinstance(sidecar_state, NotFound):
                docker.start_container(sidecar)
        docker.start_container(container)
        if manifest is not None:
            store.set_status(container, InstanceStatus.RUNNING)
        return "restarted"
    if isinstance(state, NotFound):
        if manifest is None or not manifest.status.is_restore_candidate:
            raise JackinError(
                f"container '{container}' not found; use `jackin load` to start a new session"
            )
        store.set_status(container, InstanceStatus.RESTORE_AVAILABLE)
        restore(manifest)
        return "restored"
    raise JackinError(
        f"container '{container}' is not running (state: {state.label}); use `jackin load` "
        "or `jackin eject` it"
    )
