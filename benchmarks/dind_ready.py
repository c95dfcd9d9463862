"""Time from "create DinD sidecar" to "sidecar ready", and TLS material generation.

Needs a Docker engine and the local DinD test image (scripts/ci/build-test-images.sh).
Run: `uv run python benchmarks/dind_ready.py [--runs 5]`. Each run is what a launch
waits for: `start_sidecar` creating the instance network and sidecar, starting it and
polling until its engine answers; everything is removed afterwards.
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
    SidecarPrivileges,
    ensure_tls_material,
    probe_dind_privilege,
    remove_instance_resources,
    start_sidecar,
)
from jackin_sdk.docker import DockerApi, EngineDocker
from jackin_sdk.resources import InstanceResources

IMAGE = os.environ.get("JACKIN_DIND_IMAGE", "jackin-test/dind:bookworm")


def _privileges(engine: DockerApi) -> SidecarPrivileges:
    probe = probe_dind_privilege(engine, IMAGE)
    if probe.recommended_mode is DindPrivilegeMode.PRIVILEGED:
        return SidecarPrivileges.for_privileged()
    if probe.recommended_mode is DindPrivilegeMode.CAPABILITIES:
        return SidecarPrivileges.for_capabilities(probe.dropped_capabilities)
    raise SystemExit(f"no DinD mode works here: {probe}")


def _once(engine: DockerApi, privileges: SidecarPrivileges, state: Path) -> float:
    resources = InstanceResources(f"jk-bench-{uuid.uuid4().hex[:8]}")
    material: DindTlsMaterial = ensure_tls_material(state, resources.sidecar)
    started = time.perf_counter()
    try:
        start_sidecar(engine, resources, image=IMAGE, privileges=privileges, material=material)
        return time.perf_counter() - started
    finally:
        remove_instance_resources(engine, resources)


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
        ready = [_once(engine, privileges, Path(tmp) / f"run-{i}") for i in range(runs)]
    mode = "privileged" if privileges.privileged else "capabilities"
    print(f"sidecar create -> ready with start_sidecar ({IMAGE}, {mode} mode):")
    print(f"  median {statistics.median(ready) * 1000:.0f} ms over {runs} runs")
    print(f"  runs: {', '.join(f'{r * 1000:.0f}' for r in ready)} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
