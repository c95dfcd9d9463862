"""Attaching to an instance and classifying how a session ended (spec runtime §2.13–2.14)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jackin_capsule.contract import CAPSULE_BIN, EXIT_MARKER, HOST_ALT_SCREEN_ENV, CapsuleExit
from jackin_sdk.dind import remove_instance_resources
from jackin_sdk.docker import (
    ContainerState,
    DockerApi,
    NotFound,
    Paused,
    Restarting,
    Running,
    Stopped,
)
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.keepawake import keep_awake_pid_file, release_keep_awake
from jackin_sdk.resources import InstanceResources
from jackin_sdk.vocab import PROVIDERS, check_provider

__all__ = [
    "CAPSULE",
    "CAPSULE_EXIT_MARKER",
    "HOST_ALT_SCREEN_ENV",
    "PROVIDERS",
    "SessionOutcome",
    "attach_argv",
    "check_provider",
    "finish_session",
]

CAPSULE = CAPSULE_BIN
"""The capsule's launcher in the container (`jackin_capsule.contract`)."""


def attach_argv(
    container: str,
    *,
    new: bool = False,
    agent: str | None = None,
    login_shell: bool = False,
    tty: bool = True,
    provider: str | None = None,
    focus: int | None = None,
    host_alt_screen: bool = False,
) -> list[str]:
    """`docker exec` argv of the capsule's attach client (no secret is ever in it).

    Plain: attach to the running multiplexer (`--focus` a session). `new`: open a tab
    with `agent` (the role's default when None) and, for Claude, an alternative
    `provider` (`zai`, `minimax`, `kimi`) whose key the capsule reads from the secrets
    file. `login_shell`: open a shell tab. `host_alt_screen`: the caller already holds
    the terminal's alternate screen, so the client must not switch to it again
    (`JACKIN_HOST_ALT_SCREEN=1`, upstream-capsule-tui.md B1).
    """
    argv = ["docker", "exec", "-i"]
    if tty:
        argv.append("-t")
    if host_alt_screen:
        argv += ["-e", f"{HOST_ALT_SCREEN_ENV}=1"]
    argv += [container, CAPSULE]
    if login_shell:
        return [*argv, "new"]
    if new or provider is not None:
        argv.append("new")
        if agent:
            argv.append(agent)
        if provider is not None:
            argv += ["--provider", check_provider(provider)]
        return argv
    if focus is not None:
        argv += ["--focus", str(focus)]
    return argv


CAPSULE_EXIT_MARKER = EXIT_MARKER
"""`capsule-exit.json`: the capsule's record of how it ended (`jackin_capsule.contract`)."""
_STOP_WAIT = 10.0
_STOP_POLL = 0.1


def _exit_marker(store: InstanceStore, container: str) -> Path:
    """Where the capsule leaves its exit marker: the instance's run dir on the host."""
    return store.paths.sockets_dir / container / CAPSULE_EXIT_MARKER


def _settled_state(docker: DockerApi, store: InstanceStore, container: str) -> ContainerState:
    """The container's state once the capsule is done with it.

    When the capsule ended (its last session closed, or it was told to stop) it leaves
    `capsule-exit.json` in the run dir before telling the client; the container stops
    a moment later, so wait for that (at most 10 s) rather than call it still running.
    A detached client leaves no marker and costs no wait.
    """
    import time  # noqa: PLC0415

    marker = _exit_marker(store, container)
    state = docker.inspect_container_state(container)
    deadline = time.monotonic() + _STOP_WAIT
    while isinstance(state, Running) and marker.exists() and time.monotonic() < deadline:
        time.sleep(_STOP_POLL)
        state = docker.inspect_container_state(container)
    return state


def _stopped_by_signal(store: InstanceStore, container: str) -> bool:
    """Whether the capsule's exit marker says a signal (not its last session) ended it."""
    marker = CapsuleExit.read(store.paths.sockets_dir / container)
    return marker is not None and marker.signal


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """What happened to the instance when the session ended."""

    status: InstanceStatus
    last_attach_outcome: str
    removed: tuple[str, ...] = ()
    messages: tuple[str, ...] = field(default=())


def finish_session(
    docker: DockerApi,
    store: InstanceStore,
    container: str,
    *,
    policy: str = "ask",
    interactive: bool = False,
) -> SessionOutcome:
    """Classify the instance after an attached session and tidy up.

    Still running (detached, other sessions) → `running`, everything kept. Stopped from
    outside (`docker stop`: the capsule's exit marker names a signal) →
    `restore_available`, everything kept. Stopped cleanly → isolated work assessed;
    Docker objects removed; state kept as `clean_exited` (or preserved/`restore_available`
    when work is at risk) for `jackin prune instances` to reclaim. Crashed → `crashed`,
    the container is kept so `jackin hardline` can restart it and its logs explain what
    happened.
    """
    from jackin_sdk.isolation import finalize  # noqa: PLC0415 - only when finishing

    state = _settled_state(docker, store, container)
    if isinstance(state, Running | Paused | Restarting):
        store.set_status(container, InstanceStatus.RUNNING, last_attach_outcome="running")
        return SessionOutcome(
            InstanceStatus.RUNNING,
            "running",
            messages=(f"{container} keeps running; reattach with `jackin hardline {container}`",),
        )
    state_dir = store.state_dir(container)
    if isinstance(state, Stopped) and state.exit_code == 0 and _stopped_by_signal(store, container):
        # `docker stop`, an engine restart or a host shutdown: the sessions did not end
        # on their own, so nothing is finished; keep everything for `hardline`.
        store.set_status(container, InstanceStatus.RESTORE_AVAILABLE, last_attach_outcome="stopped")
        return SessionOutcome(
            InstanceStatus.RESTORE_AVAILABLE,
            "stopped",
            messages=(
                f"{container} was stopped from outside; its state and container are kept. "
                f"Start it again with `jackin hardline {container}`",
            ),
        )
    if isinstance(state, Stopped) and (state.exit_code != 0 or state.oom_killed):
        outcome = "oom_killed" if state.oom_killed else f"exit:{state.exit_code}"
        finalize(state_dir, clean_exit=False, policy="keep")
        store.set_status(container, InstanceStatus.CRASHED, last_attach_outcome=outcome)
        return SessionOutcome(
            InstanceStatus.CRASHED,
            outcome,
            messages=(
                f"{container} stopped ({outcome}); its state and container are kept. "
                f"Restart it with `jackin hardline {container}`, or remove it with "
                f"`jackin eject {container} --purge`",
            ),
        )
    release_keep_awake(keep_awake_pid_file(state_dir))
    clean = isinstance(state, Stopped | NotFound)
    result = finalize(
        state_dir, clean_exit=clean, policy="keep" if policy == "ask" and not interactive
        else policy, interactive=interactive,  # type: ignore[arg-type]
    )  # fmt: skip
    removed = tuple(
        remove_instance_resources(docker, InstanceResources(container), store.ownership())
    )
    if result.decision == "cleaned":
        status = InstanceStatus.CLEAN_EXITED
    elif result.at_risk is not None:
        status = InstanceStatus(result.at_risk.value)
    else:
        status = InstanceStatus.RESTORE_AVAILABLE
    store.set_status(container, status, last_attach_outcome="exit:0")
    return SessionOutcome(status, "exit:0", removed, tuple(result.messages))
