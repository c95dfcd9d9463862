"""Time from "create DinD sidecar" to "sidecar ready", and TLS material generation.

Needs a Docker engine and the local DinD test image (scripts/ci/build-test-images.sh).
Run: `uv run python benchmarks/dind_ready.py [--runs 5]`. Each run is what a launch
waits for: `start_sidecar` creating the instance network and sidecar, starting it and
polling until its engine can run a container (`docker version` answers, then a container
of an image imported inside runs). For comparison, each run also times a sidecar made the
same way but ready as soon as `docker version` answers (the readiness before issue 18
item 2), interleaved so that both see the same machine load. Everything is removed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from jackin_sdk.dind import (
    DindPrivilegeMode,
    DindTlsMaterial,
    ReadinessPolicy,
    SidecarPrivileges,
    ensure_tls_material,
    probe_dind_privilege,
    remove_instance_resources,
    start_sidecar,
)
from jackin_sdk.dind._sidecar import _READY_PROBE, _ensure_network, _ensure_sidecar, _sidecar_spec
from jackin_sdk.docker import DockerApi, EngineDocker
from jackin_sdk.limits import ResourceLimits
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import InstanceResources, Ownership

IMAGE = os.environ.get("JACKIN_DIND_IMAGE", "jackin-test/dind:bookworm")
# A home of the benchmark's own: its objects carry this id, and only they are removed.
HOME = HomeIdentity(uuid.uuid4().hex, Path(tempfile.gettempdir()) / "jackin-bench-home")
OWNERS = Ownership(HOME.id)


def _privileges(engine: DockerApi) -> SidecarPrivileges:
    probe = probe_dind_privilege(engine, IMAGE, home=HOME)
    if probe.recommended_mode is DindPrivilegeMode.PRIVILEGED:
        return SidecarPrivileges.for_privileged()
    if probe.recommended_mode is DindPrivilegeMode.CAPABILITIES:
        return SidecarPrivileges.for_capabilities(probe.dropped_capabilities)
    raise SystemExit(f"no DinD mode works here: {probe}")


def _ready(engine: DockerApi, privileges: SidecarPrivileges, state: Path) -> float:
    resources = InstanceResources(f"jk-bench-{uuid.uuid4().hex[:8]}")
    material: DindTlsMaterial = ensure_tls_material(state, resources.sidecar)
    started = time.perf_counter()
    try:
        start_sidecar(
            engine, resources, image=IMAGE, privileges=privileges, material=material, home=HOME
        )
        return time.perf_counter() - started
    finally:
        remove_instance_resources(engine, resources, OWNERS)


def _answers(engine: DockerApi, privileges: SidecarPrivileges, state: Path) -> float:
    """The same sidecar, ready once `docker version` answers inside (no container run)."""
    resources = InstanceResources(f"jk-bench-{uuid.uuid4().hex[:8]}")
    material: DindTlsMaterial = ensure_tls_material(state, resources.sidecar)
    waits = ReadinessPolicy().intervals()
    started = time.perf_counter()
    try:
        _ensure_network(engine, resources, HOME)
        spec = _sidecar_spec(
            resources, IMAGE, privileges, material, home=HOME, limits=ResourceLimits()
        )
        _ensure_sidecar(engine, spec, OWNERS)
        for wait in [*waits, 0.0]:
            if engine.exec_capture(resources.sidecar, _READY_PROBE).exit_code == 0:
                return time.perf_counter() - started
            time.sleep(wait)
        raise SystemExit("the sidecar's engine never answered")
    finally:
        remove_instance_resources(engine, resources, OWNERS)


def _report(label: str, timings: list[float]) -> None:
    runs = ", ".join(f"{t * 1000:.0f}" for t in timings)
    print(f"  {label}: median {statistics.median(timings) * 1000:.0f} ms (runs: {runs} ms)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp, EngineDocker() as engine:
        timings = []
        for index in range(runs):
            begin = time.perf_counter()
            ensure_tls_material(Path(tmp) / str(index), "jk-bench-dind")
            timings.append(time.perf_counter() - begin)
        print(f"TLS material: median {statistics.median(timings) * 1000:.1f} ms")
        privileges = _privileges(engine)
        answers: list[float] = []
        ready: list[float] = []
        for i in range(runs):
            answers.append(_answers(engine, privileges, Path(tmp) / f"answers-{i}"))
            ready.append(_ready(engine, privileges, Path(tmp) / f"ready-{i}"))
    mode = "privileged" if privileges.privileged else "capabilities"
    print(f"sidecar create -> ready ({IMAGE}, {mode} mode), {runs} interleaved runs:")
    _report("engine answers `docker version`", answers)
    _report("a container ran inside (start_sidecar)", ready)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
