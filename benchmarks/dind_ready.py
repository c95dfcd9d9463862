"""Time from "create DinD sidecar" to "sidecar ready", and TLS material generation.

Needs a Docker engine and the local DinD test image (scripts/ci/build-test-images.sh).
Run: `uv run python benchmarks/dind_ready.py [--runs 5]`. Readiness is what the launcher
will wait for: `docker info` answering inside the sidecar.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from jackin_sdk.dind import (
    DindPrivilegeMode,
    ensure_tls_material,
    probe_dind_privilege,
)
from jackin_sdk.docker import EngineDocker

IMAGE = os.environ.get("JACKIN_DIND_IMAGE", "jackin-test/dind:bookworm")


def _flags() -> list[str]:
    with EngineDocker() as engine:
        probe = probe_dind_privilege(engine, IMAGE)
    if probe.recommended_mode is DindPrivilegeMode.PRIVILEGED:
        return ["--privileged"]
    drops = [f"--cap-drop={c}" for c in probe.dropped_capabilities]
    unconfined = ["--security-opt=seccomp=unconfined", "--security-opt=apparmor=unconfined"]
    return ["--cap-add=ALL", *drops, *unconfined]


def _once(flags: list[str], certs: Path) -> float:
    name = f"jk-bench-{uuid.uuid4().hex[:8]}-dind"
    started = time.perf_counter()
    subprocess.run(
        ["docker", "run", "-d", "--name", name, *flags, "-v", f"{certs}:/certs:ro", IMAGE,
         "dockerd", "--host", "unix:///var/run/docker.sock", "--host", "tcp://0.0.0.0:2376",
         "--tlsverify", "--tlscacert", "/certs/ca.pem", "--tlscert", "/certs/cert.pem",
         "--tlskey", "/certs/key.pem", "--storage-driver", "vfs"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        for _ in range(300):
            ready = subprocess.run(
                ["docker", "exec", name, "docker", "info"], capture_output=True, check=False
            )
            if ready.returncode == 0:
                return time.perf_counter() - started
            time.sleep(0.1)
        raise RuntimeError("sidecar never became ready")
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True, check=False)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        timings = []
        for index in range(runs):
            begin = time.perf_counter()
            material = ensure_tls_material(Path(tmp) / str(index), "jk-bench-dind")
            timings.append(time.perf_counter() - begin)
        print(f"TLS material: median {statistics.median(timings) * 1000:.1f} ms")
        flags = _flags()
        ready = [_once(flags, material.server_dir) for _ in range(runs)]
    print(f"sidecar create -> ready ({' '.join(flags) or 'default'}):")
    print(f"  median {statistics.median(ready) * 1000:.0f} ms over {runs} runs")
    print(f"  runs: {', '.join(f'{r * 1000:.0f}' for r in ready)} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
