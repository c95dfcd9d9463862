"""Start-up cost of the `jackin` command against a bare interpreter.

Run: `uv run python benchmarks/startup.py [--runs N]`. Numbers go into issue notes; they
are never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._bytecode import ensure_bytecode

WARMUP_RUNS = 2
MIN_RUNS = 10


def _commands() -> list[tuple[str, list[str]]]:
    """The timed commands: a bare interpreter first (the baseline), then jackin's."""
    jackin = str(Path(sys.executable).with_name("jackin"))
    role = str(Path(sys.executable).with_name("jackin-role"))
    return [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("jackin --help", [jackin, "--help"]),
        ("jackin --version", [jackin, "--version"]),
        ("jackin help doctor", [jackin, "help", "doctor"]),
        ("jackin help load", [jackin, "help", "load"]),
        ("jackin workspace --help", [jackin, "workspace", "--help"]),
        ("jackin-role validate --help", [role, "validate", "--help"]),
    ]


def _time_once(argv: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of `argv`, in milliseconds."""
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return (time.perf_counter() - started) * 1000


def _measure(argv: list[str], runs: int, env: dict[str, str]) -> list[float]:
    """`runs` timings of `argv` after `WARMUP_RUNS` untimed runs."""
    for _ in range(WARMUP_RUNS):
        _time_once(argv, env)
    return [_time_once(argv, env) for _ in range(runs)]


def _parse_runs() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help=f"timed runs (>= {MIN_RUNS})")
    runs: int = parser.parse_args().runs
    if runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    return runs


def main() -> int:
    """Time each command and print median, minimum and ratio to the bare interpreter."""
    runs = _parse_runs()
    ensure_bytecode()
    env = {**os.environ, "COLUMNS": "100"}  # help wraps the same on every run
    env.pop("JACKIN_DEBUG", None)  # debug mode bypasses the `--version` fast path
    rows: list[tuple[str, float, float]] = []
    for label, command in _commands():
        timings = _measure(command, runs, env)
        rows.append((label, statistics.median(timings), min(timings)))
    baseline = rows[0][1]
    print(f"{runs} runs each after {WARMUP_RUNS} warm-up runs")
    print(f"{'command':<30}{'median ms':>11}{'min ms':>9}{'x python':>10}")
    for label, median, fastest in rows:
        print(f"{label:<30}{median:>11.1f}{fastest:>9.1f}{median / baseline:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
