"""`jackin status` against `docker ps`, and a warm `jackin load --detach` against `docker run`.

Run: `uv run python benchmarks/instances.py [--runs N]` (needs the engine and the
construct image that `scripts/ci/build-test-images.sh` builds). It works in a temporary
jackin home and removes every container it makes. Numbers go into issue notes; they are
never asserted in tests.

- status: N instances (N = 1, 10, 50) are indexed and have a running role container (a
  plain `sleep` container carrying our labels), then `jackin status --format json` and
  `docker ps --filter label=jackin.managed=true --format json` are timed in turn.
- load: the stand-in role's image is built once; then rounds of `jackin load stand-in
  --detach` (image reused, role cached, DinD off), `docker run -d` of the same image
  with the same command, and the same run on a freshly created network (jackin gives
  every instance its own network, `<c>-net`, as the reference does).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from benchmarks._bytecode import ensure_bytecode
from tests.integration.launch_support import JACKIN, Home, docker, make_home

from jackin_sdk.instances import (
    InstanceManifest,
    InstanceStore,
    container_base_name,
    new_instance_id,
)
from jackin_sdk.paths import JackinPaths

CONSTRUCT = "projectjackin/construct:trixie"


def _timed(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=True, timeout=300)
    return time.perf_counter() - start


def _fill(home: Home, count: int) -> list[str]:
    paths = JackinPaths(config_dir=home.root / "config", home_dir=home.root / "home")
    store = InstanceStore(paths)
    names = []
    for _ in range(count):
        c = container_base_name(new_instance_id(), "stand-in")
        store.prepare_state_dir(c)
        store.write_manifest(
            InstanceManifest.new(
                c, workspace_name=None, workspace_label=str(home.project),
                workdir=str(home.project), role_key="stand-in", display_name="Stand-in",
                agent_runtime="claude", role_source_git="file:///bench", image_tag=CONSTRUCT,
            )
        )  # fmt: skip
        docker(
            "run", "-d", "--name", c, "--label", "jackin.managed=true",
            "--label", "jackin.kind=role", "--label", "jackin.class=stand-in",
            CONSTRUCT, "sleep", "3600", check=True,
        )  # fmt: skip
        names.append(c)
    return names


def _median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms"


def bench_status(runs: int) -> None:
    print("status (median of", runs, "runs)")
    print(f"  {'instances':>9}  {'jackin status':>14}  {'docker ps':>10}")
    for count in (1, 10, 50):
        with tempfile.TemporaryDirectory() as scratch:
            home = make_home(Path(scratch))
            made = _fill(home, count)
            try:
                ours = [_timed([JACKIN, "status", "--format", "json"], home.env, home.project)
                        for _ in range(runs)]  # fmt: skip
                theirs = [
                    _timed(["docker", "ps", "--filter", "label=jackin.managed=true",
                            "--format", "json"], home.env, home.project)
                    for _ in range(runs)
                ]  # fmt: skip
            finally:
                docker("rm", "-f", *made)
            print(f"  {count:>9}  {_median_ms(ours):>14}  {_median_ms(theirs):>10}")


def _docker_run(image: str, network: str | None = None) -> float:
    """Seconds for `docker run -d` of the capsule (on `network` when given); removes it."""
    start = time.perf_counter()
    if network is not None:
        docker("network", "create", network, check=True)
    name = docker(
        "run", "-d", "--label", "jackin.bench=1",
        *(["--network", network] if network else []),
        image, "daemon", "claude", "--spawn-now",
    ).stdout.strip()  # fmt: skip
    took = time.perf_counter() - start
    docker("rm", "-f", name)
    if network is not None:
        docker("network", "rm", network)
    return took


def bench_load(runs: int) -> None:
    """Rounds of: jackin load --detach, docker run -d, network create + docker run -d.

    Each instance is ejected and purged after it is timed, so every round starts from
    the same engine state (running containers and networks slow the engine down).
    """
    with tempfile.TemporaryDirectory() as scratch:
        home = make_home(Path(scratch))
        try:
            first = home.jackin("load", "stand-in", "--detach").stdout.strip()
            image = docker("inspect", "-f", "{{.Config.Image}}", first).stdout.strip()
            home.jackin("eject", first, "--purge")
            ours, plain, networked = [], [], []
            for _ in range(runs):
                start = time.perf_counter()
                name = subprocess.run(
                    [JACKIN, "load", "stand-in", "--detach"], env=home.env, cwd=home.project,
                    capture_output=True, text=True, check=True, timeout=300,
                ).stdout.strip()  # fmt: skip
                ours.append(time.perf_counter() - start)
                home.jackin("eject", name, "--purge")
                plain.append(_docker_run(image))
                networked.append(_docker_run(image, network=f"jackin-bench-{uuid.uuid4().hex[:8]}"))
            goal = 1.5 * statistics.median(plain) + 0.3
            print(f"warm load --detach (median of {runs}):")
            print(f"  jackin load --detach                    {_median_ms(ours)}")
            print(f"  docker run -d                           {_median_ms(plain)}")
            print(f"  docker network create + run -d --network {_median_ms(networked)}")
            print(f"  goal (1.5 x docker run + 300 ms)        {goal * 1000:7.0f} ms")
        finally:
            home.cleanup()


def main() -> None:
    """Run both benchmarks (or the one `--only` names)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=("status", "load"), help="Run one benchmark.")
    args = parser.parse_args()
    os.environ.pop("JACKIN_DEBUG", None)
    ensure_bytecode()
    if args.only in (None, "status"):
        bench_status(args.runs)
    if args.only in (None, "load"):
        bench_load(args.runs)


if __name__ == "__main__":
    main()
