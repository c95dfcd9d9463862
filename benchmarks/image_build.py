"""Derived-image timings on the real engine, with the stand-in test role.

Run: `uv run python benchmarks/image_build.py [--runs N]` (needs the construct image
that `scripts/ci/build-test-images.sh` builds). Prints the median of N runs for:
- cold: role base and overlay built from nothing;
- overlay on a warm base: the base is reused, the overlay is built with no cached RUN step
  (each run uses a host UID of its own);
- hook change: only the overlay's payload layers are rebuilt;
- reuse: the decision alone (labels match, nothing is built).
Numbers go into issue notes; they are never asserted in tests.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import tempfile
import time
import tomllib
import uuid
from collections.abc import Callable
from pathlib import Path

from jackin_sdk.docker import EngineDocker
from jackin_sdk.images import RoleImage, RoleImageRequest, ensure_role_image
from jackin_sdk.roles import RoleManifest, RoleSelector

FIXTURE = Path(__file__).parents[1] / "tests" / "fixtures" / "roles" / "stand-in"


def _timed(action: Callable[[], RoleImage]) -> tuple[float, RoleImage]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _one_run(engine: EngineDocker, scratch: Path) -> dict[str, float]:
    role = scratch / f"role-{uuid.uuid4().hex[:6]}"
    shutil.copytree(FIXTURE, role)
    selector = RoleSelector.parse(f"bench-{uuid.uuid4().hex[:8]}")
    manifest = RoleManifest.model_validate(tomllib.loads((role / "jackin.role.toml").read_text()))
    # A host UID of its own makes every RUN step of the overlay miss the layer cache, as
    # on a host that never built this role.
    uid = 20000 + random.randrange(10000)  # noqa: S311 - not a secret
    request = RoleImageRequest(selector, role, manifest, "b" * 40, host_uid=uid, env={})
    timings: dict[str, float] = {}
    try:
        timings["cold"], image = _timed(lambda: ensure_role_image(engine, request))
        subprocess.run(["docker", "rmi", image.image], check=True, capture_output=True)
        timings["overlay on a warm base"], _ = _timed(lambda: ensure_role_image(engine, request))
        (role / "hooks" / "preflight.sh").write_text("#!/bin/sh\necho changed\n")
        timings["hook change"], _ = _timed(lambda: ensure_role_image(engine, request))
        timings["reuse"], again = _timed(lambda: ensure_role_image(engine, request))
        assert not again.built
    finally:
        found = subprocess.run(
            ["docker", "images", "--format", "{{.Repository}}:{{.Tag}}"],
            capture_output=True, text=True, check=False,
        ).stdout.split()  # fmt: skip
        mine = [ref for ref in found if ref.startswith(f"jk_{selector.slug}")]
        if mine:
            subprocess.run(["docker", "rmi", "-f", *mine], check=False, capture_output=True)
    return timings


def main() -> None:
    """Run the benchmark and print medians in milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    engine = EngineDocker()
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(args.runs):
            runs.append(_one_run(engine, Path(scratch)))
    print(f"derived image timings, median of {args.runs} runs")
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"  {key:<24} {statistics.median(values) * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
