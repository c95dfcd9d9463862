"""The per-instance DinD sidecar: network, container, readiness, and removal.

The sidecar `<c>-dind` runs `dockerd` on the instance network `<c>-net`, serving TLS on
port 2376 with jackin's own material (DECISIONS #3), mounted read-only from the instance
state. Its entrypoint is jackin's cgroup set-up (`_scripts.SETUP`), which then runs the
image's `dockerd-entrypoint.sh` when it has one (upstream `docker:dind`: its `dind`
helper, no generated certificates) or `dockerd` directly.

Ready means the nested engine can run a container: `docker version` answers, then a
container made from an image imported inside the sidecar runs (`_scripts.RUN_PROBE`).
`/var/lib/docker` stays where the image puts it: the container's own layer (Debian
images) or the anonymous volume of `docker:dind`'s `VOLUME`, both exec-capable and both
removed with the container (`remove_container` removes anonymous volumes).
"""

from __future__ import annotations

import contextlib
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from jackin_sdk.dind._privilege import SidecarPrivileges
from jackin_sdk.dind._scripts import RUN_PROBE, SETUP
from jackin_sdk.dind._tls import DindTlsMaterial
from jackin_sdk.docker import (
    Bind,
    ContainerSpec,
    Created,
    DockerApi,
    DockerConflict,
    DockerError,
    DockerNotFound,
    Running,
    Stopped,
)
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.limits import ResourceLimits
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import (
    LABEL_KIND,
    LABEL_MANAGED,
    LABEL_ROLE,
    InstanceResources,
    Ownership,
    ResourceKind,
    managed_labels,
    probe_labels,
)

__all__ = [
    "CLIENT_CERT_PATH",
    "DIND_PORT",
    "ReadinessPolicy",
    "SidecarEndpoint",
    "SidecarNotReady",
    "check_nested_run",
    "remove_instance_resources",
    "sidecar_command",
    "sidecar_endpoint",
    "sidecar_entrypoint",
    "start_sidecar",
]

DIND_PORT = 2376
CLIENT_CERT_PATH = "/jackin/run/dind-certs/client"
"""Where the role container finds its client certificate (`DOCKER_CERT_PATH`)."""
_SERVER_CERT_PATH = "/jackin/dind-certs"
_SOCKET = "unix:///var/run/docker.sock"
_READY_PROBE = ("docker", "--host", _SOCKET, "version", "--format", "{{.Server.Version}}")
_RUN_PROBE = ("sh", "-c", RUN_PROBE)
_LOG_LINES = 20
_PROBE_OUTPUT = 64 * 1024
"""Bytes of a probe's output read back: a version line or a failure message, never more
from an engine that works; the sidecar's engine is the agent's to drive."""
_EXCERPT = 500
"""Characters of a failed probe's reason quoted in the E010 message."""
_IDENTITY_LABELS = (LABEL_MANAGED, LABEL_KIND, LABEL_ROLE)
_NOT_READY_HINT = (
    'If this host refuses privileged containers, set `[docker] dind_privilege = "capabilities"`'
    " in config.toml; `jackin doctor` probes which mode works"
)


@dataclass(frozen=True, slots=True)
class ReadinessPolicy:
    """How long to wait for the sidecar's engine: `attempts` probes, waits ramping up."""

    attempts: int = 30
    first_interval: float = 0.2
    max_interval: float = 1.0

    def intervals(self) -> list[float]:
        """The wait after each failed probe but the last (x1.5 per attempt, capped)."""
        waits: list[float] = []
        wait = self.first_interval
        for _ in range(max(self.attempts - 1, 0)):
            waits.append(min(wait, self.max_interval))
            wait *= 1.5
        return waits


@dataclass(frozen=True, slots=True)
class SidecarEndpoint:
    """How the role container reaches its sidecar: join `network`, add `env` and `binds`."""

    hostname: str
    network: str
    env: Mapping[str, str] = field(default_factory=dict)
    binds: tuple[Bind, ...] = ()


class SidecarNotReady(CodedError):
    """E010: the sidecar exited or its engine never answered; `logs` are its last lines."""

    def __init__(self, sidecar: str, reason: str, logs: str) -> None:
        tail = logs.rstrip("\n")
        detail = f"sidecar {sidecar} never became ready ({reason})"
        detail += f"; its last log lines:\n{tail}" if tail else "; it wrote no logs"
        super().__init__(ErrorCode.E010, detail=detail, hint=_NOT_READY_HINT)
        self.sidecar = sidecar
        self.reason = reason
        self.logs = logs


def sidecar_endpoint(resources: InstanceResources, material: DindTlsMaterial) -> SidecarEndpoint:
    """The endpoint `start_sidecar` returns for this instance, without starting anything."""
    host = resources.sidecar
    return SidecarEndpoint(
        hostname=host,
        network=resources.network,
        env={
            "DOCKER_HOST": f"tcp://{host}:{DIND_PORT}",
            "DOCKER_TLS_VERIFY": "1",
            "DOCKER_CERT_PATH": CLIENT_CERT_PATH,
            "JACKIN_DIND_HOSTNAME": host,
        },
        binds=(Bind(str(material.client_dir), CLIENT_CERT_PATH, read_only=True),),
    )


def sidecar_entrypoint() -> tuple[str, ...]:
    """The sidecar's entrypoint: cgroup set-up in `sh`, then the command (`sidecar_command`)."""
    return ("sh", "-c", SETUP, "jackin-dind")


def sidecar_command() -> tuple[str, ...]:
    """The sidecar's command: `dockerd` on the socket and on TLS port 2376."""
    return (
        "dockerd",
        "--host", _SOCKET,
        "--host", f"tcp://0.0.0.0:{DIND_PORT}",
        "--tlsverify",
        "--tlscacert", f"{_SERVER_CERT_PATH}/ca.pem",
        "--tlscert", f"{_SERVER_CERT_PATH}/cert.pem",
        "--tlskey", f"{_SERVER_CERT_PATH}/key.pem",
        "--storage-driver", "vfs",
    )  # fmt: skip


def _sidecar_spec(
    resources: InstanceResources,
    image: str,
    privileges: SidecarPrivileges,
    material: DindTlsMaterial,
    *,
    home: HomeIdentity,
    limits: ResourceLimits,
) -> ContainerSpec:
    spec = ContainerSpec(
        image=image,
        name=resources.sidecar,
        entrypoint=sidecar_entrypoint(),
        command=sidecar_command(),
        labels=managed_labels(resources.container, ResourceKind.DIND, home=home),
        network=resources.network,
        binds=(Bind(str(material.server_dir), _SERVER_CERT_PATH, read_only=True),),
        privileged=privileges.privileged,
        cap_add=privileges.cap_add,
        cap_drop=privileges.sidecar_cap_drop,
        security_opt=privileges.security_opt,
    )
    return limits.apply_to(spec)


def _launching(resources: InstanceResources, home: HomeIdentity) -> Ownership:
    """What a start of this home's instance may reuse: objects labelled with its id, and
    unlabelled ones of this instance (an older jackin made them; the launch holds its name)."""
    return Ownership(home.id, adopts=lambda c: c == resources.container)


def _ensure_network(docker: DockerApi, resources: InstanceResources, home: HomeIdentity) -> None:
    identity = {LABEL_MANAGED: "true", LABEL_ROLE: resources.container}
    owners = _launching(resources, home)

    def exists() -> bool:
        for network in docker.list_networks(identity):
            if network.name == resources.network:
                owners.check("network", network.name, network.labels)
                return True
        return False

    if exists():
        return
    try:
        labels = managed_labels(resources.container, home=home)
        docker.create_network(resources.network, labels=labels)
    except DockerConflict:
        if exists():
            return  # created meanwhile by a concurrent start of the same instance
        raise _not_ours("network", resources.network, "docker network rm") from None


def _not_ours(kind: str, name: str, remove: str) -> CodedError:
    return CodedError(
        ErrorCode.E009,
        detail=f"{kind} {name} exists but is not this instance's (jackin labels missing)",
        hint=f"Remove it with `{remove} {name}` if it is not yours, then rerun",
    )


def _ensure_sidecar(docker: DockerApi, spec: ContainerSpec, owners: Ownership) -> None:
    """Reuse a stopped or running sidecar of this instance; create one otherwise."""
    name = spec.name or ""
    try:
        info = docker.inspect_container(name)
    except DockerNotFound:
        docker.create_container(spec)
        docker.start_container(name)
        return
    identity = {k: v for k, v in spec.labels.items() if k in _IDENTITY_LABELS}
    if not identity.items() <= info.labels.items():
        raise _not_ours("container", name, "docker rm -f")
    owners.check("container", name, info.labels)
    if info.image == spec.image and isinstance(info.state, Running | Stopped | Created):
        try:
            docker.start_container(name)
        except DockerNotFound:
            pass  # its network was recreated since; the container must be too
        else:
            return
    docker.remove_container(name)
    docker.create_container(spec)
    docker.start_container(name)


def _wait_ready(
    docker: DockerApi,
    sidecar: str,
    policy: ReadinessPolicy,
    sleep: Callable[[float], None],
) -> None:
    """Until `docker version` answers inside, then once: a container runs inside."""
    waits = policy.intervals()
    last = "no probe ran"
    for attempt in range(policy.attempts):
        state = docker.inspect_container_state(sidecar)
        if not isinstance(state, Running):
            raise SidecarNotReady(sidecar, f"it is {state.label}", _logs(docker, sidecar))
        try:
            result = docker.exec_capture(sidecar, _READY_PROBE, max_output=_PROBE_OUTPUT)
        except DockerConflict as exc:  # stopped between the state check and the exec
            last = exc.message
        else:
            if result.exit_code == 0:
                _check_run(docker, sidecar)
                return
            last = _failure("`docker version`", result.exit_code, result.output)
        if attempt < len(waits):
            sleep(waits[attempt])
    reason = f"no answer after {policy.attempts} attempts; last: {last}"
    raise SidecarNotReady(sidecar, reason, _logs(docker, sidecar))


def _failure(what: str, exit_code: int, output: str) -> str:
    """`<what> exited N: <why>`: the CLI's last error line (`docker: …`), else its last line.

    The CLI follows its error with "See '… --help'." and sometimes a log line. `why` is
    the probe's own output, which the agent's engine controls: at most `_EXCERPT` chars
    of it go into the E010 message, cut with `…` (the probe's output is kept nowhere else).
    """
    lines = [line for line in output.strip().splitlines() if not line.startswith("See '")]
    errors = [line for line in lines if line.startswith(("docker:", "Error"))]
    why = (errors or lines)[-1] if lines else ""
    if len(why) > _EXCERPT:
        why = why[:_EXCERPT] + f"… [{len(why) - _EXCERPT} more characters cut]"
    return f"{what} exited {exit_code}" + (f": {why}" if why else "")


def _check_run(docker: DockerApi, sidecar: str) -> None:
    """Run a container inside the answering engine; `SidecarNotReady` when it cannot."""
    try:
        result = docker.exec_capture(sidecar, _RUN_PROBE, max_output=_PROBE_OUTPUT)
    except DockerConflict as exc:
        raise SidecarNotReady(sidecar, exc.message, _logs(docker, sidecar)) from None
    if result.exit_code != 0:
        why = _failure("`docker run`", result.exit_code, result.output)
        reason = f"its engine answers but cannot run a container ({why})"
        raise SidecarNotReady(sidecar, reason, _logs(docker, sidecar))


def _logs(docker: DockerApi, sidecar: str) -> str:
    try:
        return docker.container_logs(sidecar, tail=_LOG_LINES, max_output=_PROBE_OUTPUT)
    except DockerError as exc:
        return f"(logs unavailable: {exc.message})"


def start_sidecar(
    docker: DockerApi,
    resources: InstanceResources,
    *,
    image: str,
    privileges: SidecarPrivileges,
    material: DindTlsMaterial,
    home: HomeIdentity,
    readiness: ReadinessPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    limits: ResourceLimits | None = None,
) -> SidecarEndpoint:
    """Create (or reuse) the instance network and sidecar, start it, wait until it answers.

    The sidecar gets `limits` (by default the pids limit alone), as the role container
    does: the agent's nested engine and builds run in it.

    Both carry `home`'s labels. A network or sidecar of the same name that another
    jackin home made is never reused (E021); an unlabelled one (an older jackin) is.
    Raises `SidecarNotReady` (E010) when the sidecar exits or never answers; what was
    created is left in place for the caller's cleanup (`remove_instance_resources`).
    """
    _ensure_network(docker, resources, home)
    spec = _sidecar_spec(
        resources, image, privileges, material, home=home, limits=limits or ResourceLimits()
    )
    _ensure_sidecar(docker, spec, _launching(resources, home))
    _wait_ready(docker, resources.sidecar, readiness or ReadinessPolicy(), sleep)
    return sidecar_endpoint(resources, material)


def check_nested_run(
    docker: DockerApi,
    image: str,
    privileges: SidecarPrivileges,
    *,
    home: HomeIdentity,
    readiness: ReadinessPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> str | None:
    """Start a throwaway sidecar of `image` with `privileges`; can a container run inside?

    None when it can, else why not. The sidecar is set up as an instance's is (same
    entrypoint, same readiness) but serves only its socket, on no network; it carries
    `probe_labels(home)` so GC and `prune` of that home remove it if this process dies,
    and is removed here.
    """
    name = f"jackin-probe-{secrets.token_hex(4)}"
    spec = ContainerSpec(
        image=image,
        name=name,
        entrypoint=sidecar_entrypoint(),
        command=("dockerd", "--host", _SOCKET, "--storage-driver", "vfs"),
        labels=probe_labels(home),
        network="none",
        privileged=privileges.privileged,
        cap_add=privileges.cap_add,
        cap_drop=privileges.sidecar_cap_drop,
        security_opt=privileges.security_opt,
    )
    try:
        docker.create_container(spec)
        docker.start_container(name)
        _wait_ready(docker, name, readiness or ReadinessPolicy(), sleep)
    except SidecarNotReady as exc:
        return exc.reason
    except DockerError as exc:
        return exc.message
    finally:
        with contextlib.suppress(DockerError):
            docker.remove_container(name, force=True)
    return None


def remove_instance_resources(
    docker: DockerApi, resources: InstanceResources, owners: Ownership
) -> list[str]:
    """Remove the instance's role container, sidecar, certs volume and network.

    What is missing is skipped, and so is what `owners` may not act on: a container or
    network without the `jackin.managed` label, or another jackin home's; returns the
    names removed. The reference's `<c>-dind-certs` volume carries no labels and is
    removed by name when `owners` adopts the instance.
    """
    removed: list[str] = []
    for name in (resources.container, resources.sidecar):
        try:
            labels = docker.inspect_container(name).labels
        except DockerNotFound:
            continue
        if (
            labels.get(LABEL_MANAGED) == "true"
            and owners.owns(name, labels)
            and docker.remove_container(name)
        ):
            removed.append(name)
    if owners.owns(resources.certs_volume, {LABEL_ROLE: resources.container}) and (
        docker.remove_volume(resources.certs_volume)
    ):
        removed.append(resources.certs_volume)
    identity = {LABEL_MANAGED: "true", LABEL_ROLE: resources.container}
    for network in docker.list_networks(identity):
        if (
            network.name == resources.network
            and owners.owns(network.name, network.labels)
            and docker.remove_network(network.name)
        ):
            removed.append(network.name)
    return removed
