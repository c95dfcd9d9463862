"""The console in a real PTY: first frame, and key press to next frame.

Run: `uv run python benchmarks/console_frames.py [--runs N] [--presses N]`. Numbers go
into issue notes; they are never asserted in tests.

Every program runs in a pseudo-terminal of 100x30 (`TERM=xterm-256color`, no `CI`) whose
output is fed into a pyte screen, so "a frame" is what a terminal would show, not bytes:

- first frame: from just before `fork` to the first moment the screen shows each
  `--expect` text (by default the brand ` jackin❯ `, drawn with the first frame, and the
  first screen's `Current directory` row, drawn once its first refresh is back). The
  console (`python -m jackin_tui`, what bare `jackin` execs) runs in a temporary jackin
  home whose project folder is the working directory. Baselines in
  the same run: `python -c pass`, `python -c "import textual.app"` (time to exit, no PTY
  needed) and a minimal Textual app (a one-line header and a two-row `OptionList`) to its
  first frame, so the difference says what is the console's own.
- key press: once the first frame is up and the program has been quiet for 0.3 s, `↓`
  and `↑` are sent in turn (the selection moves between the first two rows and back),
  each timed from the write to the first screen change; before each press the program
  must be quiet again. Reported as median and p95 of all presses of all runs, for the
  console and for the minimal app.

Each program is killed (SIGKILL) after it is measured. Two untimed warm-up runs first.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._bytecode import ensure_bytecode

COLUMNS = 100
ROWS = 30
WARMUP_RUNS = 2
MIN_RUNS = 10
QUIET = 0.3  # seconds without output before a key press
TIMEOUT = 20.0  # seconds to wait for any one frame
DOWN = b"\x1b[B"
UP = b"\x1b[A"

MINIMAL_APP = """
from textual.app import App
from textual.widgets import OptionList, Static

class Minimal(App[None]):
    def compose(self):
        yield Static(" jackin❯ · minimal")
        yield OptionList("Current directory", "+ New workspace")

Minimal().run()
"""


@dataclass
class Program:
    """What to spawn, in which folder and environment, and what its first frame shows."""

    label: str
    argv: list[str]
    cwd: Path
    env: dict[str, str]
    expect: Sequence[str]


class Pty:
    """One program on a pseudo-terminal, its output kept on a pyte screen."""

    def __init__(self, program: Program) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: a session of its own with the PTY as its terminal
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                os.chdir(program.cwd)
                os.execve(program.argv[0], program.argv, program.env)  # noqa: S606
            finally:
                os._exit(127)
        os.close(slave)
        self.pid = pid
        self.fd = master

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def cells(self) -> tuple[tuple[object, ...], ...]:
        """Every written cell with its colours and attributes (a selection may only recolour)."""
        return tuple(tuple(line.items()) for _, line in sorted(self.screen.buffer.items()))

    def pump(self, timeout: float) -> bool:
        """Feed what the program writes within `timeout` seconds; False when nothing came."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the program exited
            data = b""
        if not data:
            raise RuntimeError(f"the program exited; screen:\n{self.text()}")
        self.stream.feed(data)
        return True

    def wait_for(self, expect: Sequence[str]) -> list[float]:
        """Seconds from the spawn until the screen first showed each text of `expect`."""
        deadline = time.perf_counter() + TIMEOUT
        seen: dict[str, float] = {}
        while True:
            screen = self.text()
            now = time.perf_counter() - self.started
            seen.update({text: now for text in expect if text not in seen and text in screen})
            if len(seen) == len(expect):
                return [seen[text] for text in expect]
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{list(expect)} never appeared; screen:\n{screen}")
            self.pump(0.5)

    def settle(self) -> None:
        """Read until the program has written nothing for `QUIET` seconds."""
        deadline = time.perf_counter() + TIMEOUT
        while self.pump(QUIET):
            if time.perf_counter() > deadline:
                raise RuntimeError("the program never went quiet")

    def drain(self) -> None:
        """Feed whatever the program has written already, without waiting."""
        while self.pump(0):
            pass

    def press(self, key: bytes) -> float:
        """Seconds from writing `key` to the first change of the screen (text or colour)."""
        before = self.cells()
        started = time.perf_counter()
        os.write(self.fd, key)
        deadline = started + TIMEOUT
        while self.cells() == before:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{key!r} changed nothing; screen:\n{self.text()}")
            self.pump(0.5)
        return time.perf_counter() - started

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def _first_frame(program: Program, presses: int) -> tuple[list[float], list[float]]:
    """One run: seconds until each expected text showed, then each key press's latency."""
    term = Pty(program)
    try:
        first = term.wait_for(program.expect)
        latencies = []
        for index in range(presses):
            term.settle()
            latencies.append(term.press(DOWN if index % 2 == 0 else UP))
        return first, latencies
    finally:
        term.close()


def _exit_time(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def pty_env(root: Path) -> dict[str, str]:
    """This environment with a jackin home under `root`, a colour terminal and no CI."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("JACKIN_")}
    env.pop("CI", None)  # the console refuses to open under CI (B1)
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(ROWS),
        JACKIN_CONFIG_DIR=str(root / "config"),
        JACKIN_HOME_DIR=str(root / "home"),
        HOME=str(root / "host-home"),
    )
    return env


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def _p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10, help=f"timed runs (>= {MIN_RUNS})")
    parser.add_argument("--presses", type=int, default=10, help="key presses per run")
    parser.add_argument(
        "--expect",
        action="append",
        help="text the console's first frame shows (repeatable; "
        "default: ' jackin❯ ' and 'Current directory')",
    )
    args = parser.parse_args()
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    return args


def main() -> int:
    """Time the console and its baselines; print medians (and p95 of key presses)."""
    args = _parse()
    ensure_bytecode()
    scratch = Path(tempfile.mkdtemp(prefix="jackin-bench-console-"))
    try:
        for folder in ("config", "home", "host-home", "project"):
            (scratch / folder).mkdir()
        env = pty_env(scratch)
        programs = [
            Program(
                "minimal Textual app", [sys.executable, "-c", MINIMAL_APP],
                scratch / "project", env, [" jackin❯ · minimal", "Current directory"],
            ),
            Program(
                "console (python -m jackin_tui)", [sys.executable, "-m", "jackin_tui"],
                scratch / "project", env, args.expect or [" jackin❯ ", "Current directory"],
            ),
        ]  # fmt: skip
        exits = {
            "python -c pass": [sys.executable, "-c", "pass"],
            'python -c "import textual.app"': [sys.executable, "-c", "import textual.app"],
        }
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"{args.runs} runs each after {WARMUP_RUNS} warm-up runs; PTY {COLUMNS}x{ROWS}; "
              f"load average {load}")  # fmt: skip
        print(f"{'to exit':<40}{'median ms':>10}{'min ms':>10}")
        for label, argv in exits.items():
            for _ in range(WARMUP_RUNS):
                _exit_time(argv, env)
            times = [_exit_time(argv, env) for _ in range(args.runs)]
            print(f"{label:<40}{_ms(statistics.median(times)):>10}{_ms(min(times)):>10}")
        results = []
        for program in programs:
            for _ in range(WARMUP_RUNS):
                _first_frame(program, 0)
            runs = [_first_frame(program, args.presses) for _ in range(args.runs)]
            results.append((program.label, runs))
        print(f"{'to first frame showing':<40}{'median ms':>10}{'min ms':>10}")
        for program, (label, runs) in zip(programs, results, strict=True):
            print(label)
            for index, text in enumerate(program.expect):
                shown = [marks[index] for marks, _ in runs]
                median, fastest = _ms(statistics.median(shown)), _ms(min(shown))
                print(f"  {text!r:<38}{median:>10}{fastest:>10}")
        print(f"{'key press to next frame (↓/↑)':<40}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}")
        for label, runs in results:
            presses = [latency for _, latencies in runs for latency in latencies]
            if len(presses) < 2:
                continue
            print(
                f"{label:<40}{_ms(statistics.median(presses)):>10}"
                f"{_ms(_p95(presses)):>10}{_ms(max(presses)):>10}"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
