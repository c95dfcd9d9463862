"""The console's instance list refreshing with 50 instances: does any frame wait?

Run: `uv run python benchmarks/console_refresh.py [--runs N] [--seconds S]` (needs the
engine and the construct image `scripts/ci/build-test-images.sh` builds). Numbers go into
issue notes; they are never asserted in tests.

The setup is the real one, end to end: a temporary jackin home whose saved workspace
`alpha` has N instances in the instance index, each with a running role container (a
plain `sleep` container of the construct image carrying jackin's labels, as
`benchmarks/instances.py` makes them), and the real console (`python -m jackin_tui`) in
a 100x30 PTY talking to the real engine. The console polls the index and the engine
every 500 ms (B3) in a worker and applies the result to the sidebar on the UI thread;
the question is whether that ever holds a frame back.

`alpha` is selected and expanded (`→`), so its N instance rows are on screen and are
rebuilt by every refresh. Then, for `--seconds`, `↑` and `↓` move the selection between
`Current directory` and `alpha` in turn, each 50 ms after the previous press's frame,
so presses land at every phase of the refresh cycle. Each press is timed from the write
to the first change of the screen (pyte, colours included). A refresh that blocks the
UI thread shows up as a slow press. The same run with no instances is the baseline.

Goal: no frame over 100 ms while it refreshes (the max column). Every container is
removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._bytecode import ensure_bytecode
from benchmarks.console_frames import DOWN, UP, Program, Pty, pty_env
from tests.integration.launch_support import docker

from jackin_sdk.instances import (
    InstanceManifest,
    InstanceStore,
    container_base_name,
    new_instance_id,
)
from jackin_sdk.paths import JackinPaths

CONSTRUCT = "projectjackin/construct:trixie"
MIN_RUNS = 10
RIGHT = b"\x1b[C"
GAP = 0.05  # seconds between a press's frame and the next press


def _home(root: Path) -> Path:
    """A jackin home with the saved workspace `alpha`; returns the project folder."""
    project = root / "project"
    for folder in (root / "config" / "workspaces", root / "home", root / "host-home", project):
        folder.mkdir(parents=True)
    (root / "config" / "config.toml").write_text('version = "v1alpha10"\n')
    (root / "config" / "workspaces" / "alpha.toml").write_text(
        f'version = "v1alpha9"\nworkdir = "{project}"\n\n'
        f'[[mounts]]\nsrc = "{project}"\ndst = "{project}"\n'
    )
    return project


def _fill(root: Path, project: Path, count: int) -> list[str]:
    """`count` indexed instances of `alpha`, each with a running labelled container."""
    store = InstanceStore(JackinPaths(config_dir=root / "config", home_dir=root / "home"))
    names = []
    for _ in range(count):
        c = container_base_name(new_instance_id(), "stand-in")
        store.prepare_state_dir(c)
        store.write_manifest(
            InstanceManifest.new(
                c, workspace_name="alpha", workspace_label="alpha", workdir=str(project),
                role_key="stand-in", display_name="Stand-in", agent_runtime="claude",
                role_source_git="file:///bench", image_tag=CONSTRUCT,
            )
        )  # fmt: skip
        names.append(c)
        docker(
            "run", "-d", "--name", c, "--label", "jackin.managed=true",
            "--label", "jackin.kind=role", "--label", "jackin.class=stand-in",
            CONSTRUCT, "sleep", "3600", check=True,
        )  # fmt: skip
    return names


def _one_run(program: Program, seconds: float, expanded: list[str]) -> list[float]:
    """Key-press latencies of one console, `seconds` long, with `alpha` expanded."""
    term = Pty(program)
    try:
        term.wait_for(program.expect)
        term.settle()
        term.press(DOWN)  # select alpha
        if expanded:
            os.write(term.fd, RIGHT)
            deadline = time.perf_counter() + 20
            while not any(label in term.text() for label in expanded):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"alpha never expanded; screen:\n{term.text()}")
                term.pump(0.5)
        latencies: list[float] = []
        keys = (UP, DOWN)
        ends = time.perf_counter() + seconds
        while time.perf_counter() < ends:
            time.sleep(GAP)
            term.drain()
            latencies.append(term.press(keys[len(latencies) % 2]))
        return latencies
    finally:
        term.close()


def _row(label: str, latencies: list[float]) -> str:
    p95 = statistics.quantiles(latencies, n=20, method="inclusive")[18]
    slow = sum(1 for value in latencies if value > 0.1)
    return (
        f"{label:<28}{len(latencies):>8}{statistics.median(latencies) * 1000:>10.1f}"
        f"{p95 * 1000:>10.1f}{max(latencies) * 1000:>10.1f}{slow:>10}"
    )


def main() -> int:
    """Time key presses while the list refreshes, with 0 and with N instances."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10, help=f"consoles per case (>= {MIN_RUNS})")
    parser.add_argument("--seconds", type=float, default=3.0, help="presses per console, in s")
    parser.add_argument("--instances", type=int, default=50)
    args = parser.parse_args()
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    ensure_bytecode()
    results: list[tuple[str, list[float]]] = []
    for count in (0, args.instances):
        root = Path(tempfile.mkdtemp(prefix="jackin-bench-refresh-"))
        made: list[str] = []
        try:
            project = _home(root)
            made = _fill(root, project, count)
            program = Program(
                f"{count} instances", [sys.executable, "-m", "jackin_tui"], project,
                pty_env(root), [" jackin❯ ", "Current directory", "alpha"],
            )  # fmt: skip
            # Instance rows (`<instance-id> <role-key>`) show once `alpha` is expanded.
            expanded = [f"{name.split('-')[1]} stand-in" for name in made]
            latencies: list[float] = []
            for _ in range(args.runs):
                latencies += _one_run(program, args.seconds, expanded)
            results.append((program.label, latencies))
        finally:
            if made:
                docker("rm", "-f", *made)
            shutil.rmtree(root, ignore_errors=True)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{args.runs} consoles per case, {args.seconds:.0f} s of ↑/↓ each; PTY 100x30; "
          f"load average {load}")  # fmt: skip
    header = f"{'case':<28}{'presses':>8}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}"
    print(f"{header}{'> 100 ms':>10}")
    for label, latencies in results:
        print(_row(label, latencies))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
