"""The doctor's Docker-in-Docker check: which privilege mode works, and whether a container
runs inside a sidecar started in that mode.

The privilege probe always runs afresh here and refreshes the launch's cache. Then a
throwaway sidecar of the DinD image (`[docker] dind_image`, else `JACKIN_DIND_IMAGE`,
else the default) is started in the recommended mode and must run a container inside
(`check_nested_run`): an engine that answers `docker version` but cannot start
containers is a failure, not a working mode.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from jackin_sdk.dind import (
    DEFAULT_DIND_IMAGE,
    PRIVILEGE_CACHE_FILE,
    DindPrivilegeMode,
    PrivilegeProbe,
    SidecarPrivileges,
    cached_dind_privilege,
    check_nested_run,
    select_probe_image,
)
from jackin_sdk.docker import DockerApi, DockerError
from jackin_sdk.doctor._report import CheckResult, CheckStatus
from jackin_sdk.errors import JackinError
from jackin_sdk.paths import HomeIdentity, JackinPaths, home_identity

__all__ = ["check_dind"]

_NAME = "dind_privilege"
_OFF_HINT = "Turn DinD off for workspaces on this host (`[docker] dind = false`)"


def _dind_image(paths: JackinPaths, env: Mapping[str, str]) -> str:
    """The DinD image a launch uses by default: config.toml, the environment, the default."""
    from jackin_sdk.config import load_operator_config  # noqa: PLC0415

    try:
        configured = load_operator_config(paths, write=False).app.docker
    except JackinError:
        configured = None  # the config check reports it
    if configured is not None and configured.dind_image:
        return configured.dind_image
    from jackin_sdk.settings import JackinSettings  # noqa: PLC0415 - only where it is read

    return JackinSettings.read(env).dind_image or DEFAULT_DIND_IMAGE


def _privileges(probe: PrivilegeProbe) -> SidecarPrivileges:
    if probe.recommended_mode is DindPrivilegeMode.PRIVILEGED:
        return SidecarPrivileges.for_privileged()
    return SidecarPrivileges.for_capabilities(probe.dropped_capabilities)


def _probe(
    docker: DockerApi, paths: JackinPaths, env: Mapping[str, str], dind_image: str
) -> tuple[PrivilegeProbe, HomeIdentity] | CheckResult:
    """A fresh probe (cached for launches) and the home whose labels its containers carry,
    or the check result saying why there is none."""
    try:
        home = home_identity(paths.home_dir)
        assert home is not None
    except JackinError as exc:
        return CheckResult(_NAME, CheckStatus.WARN, f"probe not run: {exc}")
    try:
        image = dind_image if docker.image_exists(dind_image) else select_probe_image(docker, env)
        if image is None:
            return CheckResult(
                _NAME, CheckStatus.SKIP, "no local image to probe with; checked at the next load"
            )
        probe = cached_dind_privilege(
            docker, image, paths.cache_dir / PRIVILEGE_CACHE_FILE, home=home, refresh=True
        )
    except DockerError as exc:
        return CheckResult(_NAME, CheckStatus.WARN, f"probe failed: {exc.message}")
    return probe, home


def check_dind(
    docker: DockerApi | None, paths: JackinPaths, env: Mapping[str, str] | None = None
) -> CheckResult:
    """Probe the privilege mode (refreshing the cache), then run a container in a sidecar."""
    env = os.environ if env is None else env
    if docker is None:
        return CheckResult(_NAME, CheckStatus.SKIP, "Docker daemon not reachable")
    dind_image = _dind_image(paths, env)
    probed = _probe(docker, paths, env, dind_image)
    if isinstance(probed, CheckResult):
        return probed
    probe, home = probed
    details: dict[str, object] = {
        "image": probe.image,
        "privileged": probe.privileged_works,
        "capabilities_mode": probe.capabilities_mode_works,
        "dropped_capabilities": list(probe.dropped_capabilities),
        "recommended_mode": probe.recommended_mode.value if probe.recommended_mode else None,
    }
    if not probe.privileged_works:
        details["privileged_error"] = probe.privileged_error
    if probe.recommended_mode is None:
        details["capabilities_error"] = probe.capabilities_error
        return CheckResult(
            _NAME,
            CheckStatus.FAIL,
            f"Docker-in-Docker cannot run here: {probe.privileged_error}",
            _OFF_HINT,
            details,
        )
    nested = _nested(docker, dind_image, probe, details, home)
    if nested is not None:
        return nested
    if probe.privileged_works:
        return CheckResult(_NAME, CheckStatus.OK, "privileged containers work", details=details)
    dropped = ", ".join(probe.dropped_capabilities) or "none"
    return CheckResult(
        _NAME,
        CheckStatus.WARN,
        "privileged containers are refused by this host; capabilities mode works "
        f"(all capabilities except {dropped}; seccomp and AppArmor unconfined)",
        "Docker-in-Docker sidecars run in capabilities mode on this host",
        details,
    )


def _nested(
    docker: DockerApi,
    dind_image: str,
    probe: PrivilegeProbe,
    details: dict[str, object],
    home: HomeIdentity,
) -> CheckResult | None:
    """A failed check when no container runs inside a sidecar in the probed mode."""
    mode = probe.recommended_mode
    assert mode is not None
    details["nested_image"] = dind_image
    if not docker.image_exists(dind_image):
        details["nested_run"] = f"not checked: {dind_image} is not present locally"
        return None
    error = check_nested_run(docker, dind_image, _privileges(probe), home=home)
    details["nested_run"] = "ok" if error is None else error
    if error is None:
        return None
    return CheckResult(
        _NAME,
        CheckStatus.FAIL,
        f"a Docker-in-Docker sidecar in {mode.value} mode starts, but containers cannot run "
        f"inside it: {error}",
        f"{_OFF_HINT}, or rerun with `jackin --debug doctor` and report the sidecar's logs",
        details,
    )
