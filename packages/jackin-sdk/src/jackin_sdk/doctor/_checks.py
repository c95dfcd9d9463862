"""The host checks behind `jackin doctor` and the launch pre-flight gate."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Mapping
from pathlib import Path

from jackin_sdk._components import Components, loaded_components
from jackin_sdk.docker import DockerApi
from jackin_sdk.doctor._dind import check_dind
from jackin_sdk.doctor._report import CheckResult, CheckStatus, DoctorReport
from jackin_sdk.doctor._versions import check_versions
from jackin_sdk.errors import DockerUnavailable, JackinError
from jackin_sdk.paths import JackinPaths

__all__ = ["MIN_FREE_BYTES", "PREFLIGHT_CHECKS", "run_doctor"]

MIN_FREE_BYTES = 1 << 30
_MIN_CLOCK = 1_700_000_000
PREFLIGHT_CHECKS = ("docker_daemon", "disk_space", "config_dir", "jackin_dir")
_DOCKER_HINT = "Start Docker Desktop, OrbStack, or `colima start`; check `DOCKER_HOST`"


def _check_docker_daemon(docker: DockerApi | None, error: str | None) -> CheckResult:
    if docker is None:
        return CheckResult("docker_daemon", CheckStatus.FAIL, error or "unreachable", _DOCKER_HINT)
    return CheckResult("docker_daemon", CheckStatus.OK, f"reachable at {docker.endpoint}")


def _check_docker_version(docker: DockerApi | None) -> CheckResult:
    if docker is None:
        return CheckResult("docker_version", CheckStatus.SKIP, "Docker daemon not reachable")
    try:
        version = docker.server_version()
    except JackinError as exc:
        return CheckResult("docker_version", CheckStatus.WARN, f"could not read: {exc.message}")
    if not version:
        return CheckResult("docker_version", CheckStatus.WARN, "the server reported no version")
    return CheckResult("docker_version", CheckStatus.OK, f"Docker server {version}")


def _existing_ancestor(path: Path) -> Path | None:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return None


def _check_disk_space(paths: JackinPaths) -> CheckResult:
    where = _existing_ancestor(paths.home_dir)
    if where is None:
        return CheckResult("disk_space", CheckStatus.SKIP, "free space unknown")
    free = shutil.disk_usage(where).free
    message = f"{free // (1 << 20)} MiB free on the filesystem of {paths.home_dir}"
    if free < MIN_FREE_BYTES:
        return CheckResult(
            "disk_space",
            CheckStatus.WARN,
            message,
            "Free space with `jackin prune` or `docker system prune`",
            {"free_bytes": free},
        )
    return CheckResult("disk_space", CheckStatus.OK, message, details={"free_bytes": free})


def _check_config_dir(paths: JackinPaths) -> CheckResult:
    path = paths.config_dir
    if not path.exists():
        return CheckResult(
            "config_dir", CheckStatus.WARN, f"{path} does not exist yet", f"mkdir -p {path}"
        )
    probe = path / f".doctor-probe.{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return CheckResult(
            "config_dir",
            CheckStatus.FAIL,
            f"{path} is not writable ({exc.strerror})",
            f"Fix the ownership or permissions of {path}",
        )
    return CheckResult("config_dir", CheckStatus.OK, f"{path} is writable")


def _check_jackin_dir(paths: JackinPaths) -> CheckResult:
    path = paths.home_dir
    if not path.is_dir():
        return CheckResult(
            "jackin_dir",
            CheckStatus.WARN,
            f"{path} does not exist yet",
            f"mkdir -p {path} && chmod 700 {path}",
        )
    return CheckResult("jackin_dir", CheckStatus.OK, f"{path} exists")


def _check_config_files(paths: JackinPaths) -> CheckResult:
    """Load the operator config read-only: migrations happen in memory, nothing is written."""
    from jackin_sdk.config import load_operator_config  # noqa: PLC0415

    try:
        loaded = load_operator_config(paths, write=False)
    except JackinError as exc:
        return CheckResult(
            "config_files",
            CheckStatus.FAIL,
            str(exc).splitlines()[0],
            "Fix the file named above; `jackin --debug doctor` shows the full error",
        )
    count = len(loaded.workspaces)
    return CheckResult(
        "config_files", CheckStatus.OK, f"config.toml and {count} workspace file(s) are valid"
    )


def _check_clock(now: float) -> CheckResult:
    if now < _MIN_CLOCK:
        return CheckResult(
            "clock_skew",
            CheckStatus.FAIL,
            "the system clock is before November 2023",
            "Set the system clock (TLS certificates for DinD depend on it)",
        )
    return CheckResult("clock_skew", CheckStatus.OK, "system clock looks sane")


def _check_instances(paths: JackinPaths, docker: DockerApi | None) -> CheckResult:
    if docker is None:
        return CheckResult("instances", CheckStatus.SKIP, "Docker daemon not reachable")
    from jackin_sdk.instances import InstanceStore  # noqa: PLC0415

    try:
        report = InstanceStore(paths).drift(docker)
    except JackinError as exc:
        return CheckResult(
            "instances", CheckStatus.WARN, exc.message, "Run `jackin prune instances` to repair"
        )
    others = {
        key: names
        for key, names in (
            ("foreign_containers", [c.name for c in report.foreign_containers]),
            ("legacy_containers", [c.name for c in report.legacy_containers]),
        )
        if names
    }
    aside = _others_note(others)
    if report.clean:
        return CheckResult(
            "instances", CheckStatus.OK, f"index agrees with Docker{aside}", details=others
        )
    details = {
        "missing_containers": [r.container_base for r in report.missing_containers],
        "stale_rows": [r.container for r in report.stale_rows],
        "orphan_containers": [c.name for c in report.orphan_containers],
        "unreadable_manifests": [str(p) for p in report.unreadable_manifests],
    }
    problems = ", ".join(f"{len(v)} {k.replace('_', ' ')}" for k, v in details.items() if v)
    return CheckResult(
        "instances",
        CheckStatus.WARN,
        f"index and Docker disagree: {problems}{aside}",
        "Run `jackin prune instances` to repair the index (containers are never deleted)",
        {**details, **others},
    )


def _others_note(others: dict[str, list[str]]) -> str:
    """`; left alone: N of other jackin homes, M unlabelled (older jackin)`, or ""."""
    parts = []
    if "foreign_containers" in others:
        parts.append(f"{len(others['foreign_containers'])} of other jackin homes")
    if "legacy_containers" in others:
        parts.append(f"{len(others['legacy_containers'])} unlabelled (an older jackin)")
    return f"; role containers left alone: {', '.join(parts)}" if parts else ""


def run_doctor(
    paths: JackinPaths,
    docker: DockerApi,
    *,
    env: Mapping[str, str] | None = None,
    now: float | None = None,
    probe_dind: bool = True,
    components: Components | None = None,
) -> DoctorReport:
    """Run every host check in the documented order and return the report.

    `components` stands for the package versions this process loads (tests pass others).
    """
    env = os.environ if env is None else env
    reachable: DockerApi | None = None
    error: str | None = None
    try:
        docker.ping()
        reachable = docker
    except DockerUnavailable as exc:
        error = f"not reachable at {exc.endpoint}: {exc.reason}"
    except JackinError as exc:
        error = exc.message
    checks = [
        _check_docker_daemon(reachable, error),
        _check_docker_version(reachable),
        _check_disk_space(paths),
        _check_config_dir(paths),
        _check_jackin_dir(paths),
        _check_config_files(paths),
        _check_clock(time.time() if now is None else now),
        _check_instances(paths, reachable),
        check_versions(loaded_components() if components is None else components),
    ]
    if probe_dind:
        checks.append(check_dind(reachable, paths, env))
    return DoctorReport(tuple(checks))
