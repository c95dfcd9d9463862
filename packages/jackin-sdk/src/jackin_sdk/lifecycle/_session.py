"""Attaching to an instance and classifying how a session ended (spec runtime §2.13–2.14)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jackin_sdk.dind import remove_instance_resources
from jackin_sdk.docker import DockerApi, NotFound, Paused, Restarting, Running, Stopped
from jackin_sdk.instances import InstanceStatus, InstanceStore
from jackin_sdk.resources import InstanceResources

__all__ = [
    "CAPSULE",
    "PROVIDERS",
    "SessionOutcome",
    "attach_argv",
    "check_provider",
    "finish_session",
]

CAPSULE = "/jackin/runtime/jackin-capsule"
PROVIDERS = ("zai", "minimax", "kimi")


def check_provider(name: str) -> str:
    """`name` if it is a known alternative provider, else a usage error."""
    from jackin_sdk.errors import UsageError  # noqa: PLC0415

    if name not in PROVIDERS:
        raise UsageError(f"unknown provider {name!r}; choose one of: {', '.join(PROVIDERS)}")
    return name


def attach_argv(
    container: str,
    *,
    agent: str | None = None,
    login_shell: bool = False,
    tty: bool = True,
    provider: str | None = None,
) -> list[str]:
    """`docker exec` argv that opens a session in the instance (no secret is ever in it).

    `provider` (`zai`, `minimax`, `kimi`) points this Claude session at an alternative
    provider; its key comes from the secrets file inside the container.
    """
    argv = ["docker", "exec", "-i"]
    if tty:
        argv.append("-t")
    if provider is not None:
        argv += ["-e", f"JACKIN_PROVIDER={check_provider(provider)}"]
    argv += [container, CAPSULE, "session"]
    if login_shell:
        argv.append("--shell")
    elif agent:
        argv.append(agent)
    return argv


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

    Still running (detached, other sessions) → `running`, everything kept. Stopped
    cleanly → isolated work assessed; Docker objects removed; state kept as
    `clean_exited` (or preserved/`restore_available` when work is at risk) for `jackin
    prune instances` to reclaim. Crashed → `crashed`, the container is kept so `jackin
    hardline` can restart it and its logs explain what happened.
    """
    from jackin_sdk.isolation import finalize  # noqa: PLC0415 - gitpython

    state = docker.inspect_container_state(container)
    if isinstance(state, Running | Paused | Restarting):
        store.set_status(container, InstanceStatus.RUNNING, last_attach_outcome="running")
        return SessionOutcome(
            InstanceStatus.RUNNING,
            "running",
            messages=(f"{container} keeps running; reattach with `jackin hardline {container}`",),
        )
    state_dir = store.state_dir(container)
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
    from jackin_sdk.launch._entry import release_keep_awake  # noqa: PLC0415

    release_keep_awake(state_dir / ".jackin" / "keep-awake.pid")
    clean = isinstance(state, Stopped | NotFound)
    result = finalize(
        state_dir, clean_exit=clean, policy="keep" if policy == "ask" and not interactive
        else policy, interactive=interactive,  # type: ignore[arg-type]
    )  # fmt: skip
    removed = tuple(remove_instance_resources(docker, InstanceResources(container)))
    if result.decision == "cleaned":
        status = InstanceStatus.CLEAN_EXITED
    elif result.at_risk is not None:
        status = InstanceStatus(result.at_risk.value)
    else:
        status = InstanceStatus.RESTORE_AVAILABLE
    store.set_status(container, status, last_attach_outcome="exit:0")
    return SessionOutcome(status, "exit:0", removed, tuple(result.messages))
