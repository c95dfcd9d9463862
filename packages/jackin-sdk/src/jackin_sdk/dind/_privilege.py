"""How a Docker-in-Docker sidecar can run on this host: privileged, or capabilities mode.

Some hosts (nested sandboxes, rootless setups) refuse `--privileged` because the engine
itself lacks a capability (here CAP_SYS_RESOURCE). A nested `dockerd` still runs with every
capability the host *can* grant and seccomp/AppArmor unconfined: that is capabilities mode.
The probe runs a throwaway container that mounts a tmpfs, the least a nested engine needs;
it carries `probe_labels(home)` (`jackin.kind=probe` and the home's id), so GC and `prune`
of that home remove it if the process running the probe dies. Whether containers then
run *inside* a sidecar started this way is checked by `check_nested_run` (the doctor) and
by every sidecar's readiness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.docker import ContainerStartError, DockerApi, DockerError, RunSpec
from jackin_sdk.resources import probe_labels

if TYPE_CHECKING:
    from jackin_sdk.paths import HomeIdentity

__all__ = [
    "COMMONLY_REFUSED_CAPABILITIES",
    "DEFAULT_DIND_IMAGE",
    "DIND_IMAGE_ENV",
    "UNNEEDED_CAPABILITIES",
    "DindPrivilegeMode",
    "PrivilegeProbe",
    "SidecarPrivileges",
    "local_refused_capabilities",
    "probe_dind_privilege",
    "select_probe_image",
]

DEFAULT_DIND_IMAGE = "docker:29-dind"
DIND_IMAGE_ENV = "JACKIN_DIND_IMAGE"
_UNCONFINED = ("seccomp=unconfined", "apparmor=unconfined")
_PROBE_COMMAND = (
    "sh",
    "-c",
    "mkdir -p /tmp/jackin-probe && mount -t tmpfs jackin-probe /tmp/jackin-probe",
)
# Linux capability numbers (include/uapi/linux/capability.h), as Docker names them.
_CAPABILITY_NAMES = (
    "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID",
    "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN",
    "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE",
    "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME",
    "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
    "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ",
    "PERFMON", "BPF", "CHECKPOINT_RESTORE",
)  # fmt: skip
COMMONLY_REFUSED_CAPABILITIES = ("SYS_RESOURCE", "SYS_MODULE", "SYS_TIME", "SYS_BOOT")
"""Tried cumulatively, in this order, when the engine is not local or the guess fails."""
UNNEEDED_CAPABILITIES = (
    "SYS_MODULE", "SYS_RAWIO", "SYS_TIME", "SYS_BOOT", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND",
    "SYS_PACCT", "AUDIT_CONTROL", "AUDIT_READ", "DAC_READ_SEARCH",
)  # fmt: skip
"""Dropped from a capabilities-mode sidecar, and so from every container inside it: the
nested engine, its builds and its containers run without them, and each acts on the host
kernel rather than on the sidecar (loading modules, raw I/O ports, the host clock, kexec,
the kernel log, suspend, process accounting, the audit system, `open_by_handle_at` on the
host's file systems). Docker's default container capabilities are all kept, so the
agent's `docker run` works as on any engine."""


class DindPrivilegeMode(StrEnum):
    """How the DinD sidecar is started."""

    PRIVILEGED = "privileged"
    CAPABILITIES = "capabilities"


@dataclass(frozen=True, slots=True)
class PrivilegeProbe:
    """What the probe found out about this host's engine."""

    image: str
    privileged_works: bool
    privileged_error: str | None
    capabilities_mode_works: bool
    dropped_capabilities: tuple[str, ...]
    capabilities_error: str | None

    @property
    def recommended_mode(self) -> DindPrivilegeMode | None:
        """The mode to start sidecars in, or None when neither works."""
        if self.privileged_works:
            return DindPrivilegeMode.PRIVILEGED
        if self.capabilities_mode_works:
            return DindPrivilegeMode.CAPABILITIES
        return None


@dataclass(frozen=True, slots=True)
class SidecarPrivileges:
    """The container options that give a nested engine what it needs."""

    privileged: bool = False
    cap_add: tuple[str, ...] = ()
    cap_drop: tuple[str, ...] = ()
    security_opt: tuple[str, ...] = ()

    @classmethod
    def for_privileged(cls) -> SidecarPrivileges:
        """`--privileged`."""
        return cls(privileged=True)

    @classmethod
    def for_capabilities(cls, dropped: Sequence[str]) -> SidecarPrivileges:
        """Every capability but `dropped`, seccomp and AppArmor unconfined."""
        return cls(cap_add=("ALL",), cap_drop=tuple(dropped), security_opt=_UNCONFINED)

    @property
    def sidecar_cap_drop(self) -> tuple[str, ...]:
        """What a sidecar drops: `cap_drop`, and in capabilities mode `UNNEEDED_CAPABILITIES`."""
        if "ALL" not in self.cap_add:
            return self.cap_drop
        return self.cap_drop + tuple(c for c in UNNEEDED_CAPABILITIES if c not in self.cap_drop)

    def run_spec(self, image: str, entrypoint: tuple[str, ...], home: HomeIdentity) -> RunSpec:
        """A `run_once` spec for `entrypoint` in `image` with these privileges: a probe
        container of `home`."""
        return RunSpec(
            image=image,
            entrypoint=entrypoint,
            privileged=self.privileged,
            cap_add=self.cap_add,
            cap_drop=self.cap_drop,
            security_opt=self.security_opt,
            labels=probe_labels(home),
            user="0",
        )


def local_refused_capabilities(status_file: Path = Path("/proc/self/status")) -> tuple[str, ...]:
    """Capabilities missing from this process's bounding set (what a local engine can't grant)."""
    try:
        lines = status_file.read_text().splitlines()
    except OSError:
        return ()
    for line in lines:
        if line.startswith("CapBnd:"):
            bounding = int(line.split()[1], 16)
            return tuple(
                name for bit, name in enumerate(_CAPABILITY_NAMES) if not bounding >> bit & 1
            )
    return ()


def select_probe_image(docker: DockerApi, env: Mapping[str, str] | None = None) -> str | None:
    """A local image to probe with: the DinD image, else the construct, else any image."""
    from jackin_sdk.settings import JackinSettings  # noqa: PLC0415 - only where it is read

    dind = JackinSettings.read(env).dind_image or DEFAULT_DIND_IMAGE
    candidates = [dind, "projectjackin/construct:trixie"]
    for candidate in candidates:
        if docker.image_exists(candidate):
            return candidate
    tags = [tag for tag in docker.image_tags() if not tag.startswith("<none>")]
    return tags[0] if tags else None


def _attempt(docker: DockerApi, spec: RunSpec) -> str | None:
    """Run the probe; None when it worked, else why not."""
    try:
        outcome = docker.run_once(spec, timeout=30)
    except ContainerStartError as exc:
        return exc.message
    except DockerError as exc:
        return exc.message
    if outcome.exit_code == 0:
        return None
    last = outcome.output.strip().splitlines()
    return f"probe exited {outcome.exit_code}" + (f": {last[0]}" if last else "")


def probe_dind_privilege(
    docker: DockerApi,
    image: str,
    *,
    home: HomeIdentity,
    local_guess: Sequence[str] | None = None,
) -> PrivilegeProbe:
    """Find out whether privileged containers work here and, if not, capabilities mode.

    `local_guess` is the set of capabilities to drop first (by default read from this
    process when the engine is on a local socket); after that, commonly refused
    capabilities are dropped one more at a time.
    """
    privileged_error = _attempt(
        docker, SidecarPrivileges.for_privileged().run_spec(image, _PROBE_COMMAND, home)
    )
    if privileged_error is None:
        return PrivilegeProbe(image, True, None, False, (), None)

    if local_guess is None:
        local_guess = local_refused_capabilities() if docker.endpoint.startswith("unix://") else ()
    attempts: list[tuple[str, ...]] = [tuple(local_guess)] if local_guess else [()]
    cumulative: list[str] = list(local_guess)
    for cap in COMMONLY_REFUSED_CAPABILITIES:
        if cap not in cumulative:
            cumulative.append(cap)
            attempts.append(tuple(cumulative))
    error: str | None = None
    for dropped in attempts:
        spec = SidecarPrivileges.for_capabilities(dropped).run_spec(image, _PROBE_COMMAND, home)
        error = _attempt(docker, spec)
        if error is None:
            return PrivilegeProbe(image, False, privileged_error, True, dropped, None)
    return PrivilegeProbe(image, False, privileged_error, False, (), error)
