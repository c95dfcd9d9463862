"""jackin-capsule against tmux on this machine: throughput, keystroke latency, idle CPU.

Run: `uv run python benchmarks/capsule.py [--mb 20] [--keys 200]` (needs tmux). Numbers
go into issue notes; nothing here is asserted. Compose times per frame are measured by
`benchmarks/capsule_compose.py`, the emulator alone by `benchmarks/capsule_terminal.py`.

- cat: a session runs `cat` of an N MB text file; the time `cat` takes is measured inside
  the session (it is throttled by whoever drains the PTY). Three ways: a bare PTY drained
  by this script, a tmux session with an attached client, and a capsule session with the
  real attach client on a PTY. Both multiplexers draw a 120x40 terminal.
- keys: one character at a time is typed into the attach client's terminal while the
  pane runs `cat` (the pane's terminal echoes it); the time until the character comes
  back out of the client is the keystroke-to-echo latency. Same for tmux.
- idle: four idle panes (sleep) with a client attached; CPU time of the daemon over 10 s.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._bytecode import ensure_bytecode
from tests.capsule.daemon.harness import Home

ROWS, COLS = 40, 120
CAPSULE = (sys.executable, "-m", "jackin_capsule")


def _text_file(path: Path, megabytes: int) -> None:
    line = b"".join(bytes([33 + (i * 7) % 90]) for i in range(78)) + b"\n"
    colour = b"\x1b[32mok\x1b[0m " + line[:72] + b"\n"
    block = (line * 15 + colour) * 64
    with path.open("wb") as out:
        for _ in range(megabytes * 1024 * 1024 // len(block)):
            out.write(block)


class PtyProcess:
    """A command on a PTY of ROWS x COLS whose output this process drains."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = bytearray()
        self.answered = False

    def drain(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return b""
        if not self.answered and b"\x1b[c" in chunk:  # the capsule client's colour probe
            self.answered = True
            os.write(self.master, b"\x1b[?62;c")
        return chunk

    def pump_until(self, done: Callable[[], object], timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("benchmark step timed out")
            self.output += self.drain(0.05)
            del self.output[:-4096]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)


def _cat_script(root: Path, big: Path) -> str:
    return (
        f'while [ ! -e "{root}/go" ]; do sleep 0.01; done\n'
        "s=$(date +%s%N)\n"
        f"cat {big}\n"
        "e=$(date +%s%N)\n"
        f'echo $(( (e - s) / 1000000 )) > "{root}/result.tmp"\n'
        f'mv "{root}/result.tmp" "{root}/result"\n'
        "sleep 600\n"
    )


def _result(root: Path, drain: PtyProcess) -> float:
    (root / "go").touch()
    result = root / "result"
    drain.pump_until(result.exists)
    ms = float(result.read_text())
    result.unlink()
    (root / "go").unlink()
    return ms


def bench_cat(megabytes: int) -> None:
    with tempfile.TemporaryDirectory(prefix="jcb") as scratch:
        root = Path(scratch)
        big = root / "big.txt"
        _text_file(big, megabytes)
        script = root / "cat.sh"
        script.write_text(_cat_script(root, big))
        env = {**os.environ, "TERM": "xterm-256color"}

        bare = PtyProcess(["/bin/sh", str(script)], env)
        bare_ms = _result(root, bare)
        bare.close()

        name = f"jcbench{os.getpid()}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", name, "-x", str(COLS), "-y", str(ROWS),
             f"/bin/sh {script}"], check=True)  # fmt: skip
        client = PtyProcess(["tmux", "attach", "-t", name], env)
        client.pump_until(lambda: len(client.output) > 0)
        tmux_ms = _result(root, client)
        client.close()
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)

        home = Home()
        try:
            home.config({"claude": ["/bin/sh", str(script)]})
            home.daemon("claude", "--spawn-now")
            client = PtyProcess([*CAPSULE], home.env | {"TERM": "xterm-256color"})
            client.pump_until(lambda: b"\x1b[?1049h" in client.output)
            capsule_ms = _result(root, client)
            client.close()
        finally:
            home.cleanup()
    print(f"cat {megabytes} MB ({ROWS}x{COLS}):  bare PTY {bare_ms:.0f} ms   tmux {tmux_ms:.0f} ms"
          f"   capsule {capsule_ms:.0f} ms   ({capsule_ms / tmux_ms:.2f}x tmux)")  # fmt: skip


def _latencies(client: PtyProcess, count: int) -> list[float]:
    times: list[float] = []
    alphabet = b"abcdefghijklmnopqrstuvwxyz"
    for i in range(count):
        key = alphabet[i % len(alphabet) : i % len(alphabet) + 1]
        if i and i % 60 == 0:
            os.write(client.master, b"\r")
            time.sleep(0.05)
            while client.drain(0.01):
                pass
        start = time.perf_counter()
        os.write(client.master, key)
        seen = b""
        while key not in seen:
            chunk = client.drain(1.0)
            if not chunk and time.perf_counter() - start > 5:
                raise TimeoutError("no echo")
            seen += chunk
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.01)
    return times


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_keys(count: int) -> None:
    env = {**os.environ, "TERM": "xterm-256color"}
    name = f"jckeys{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(COLS), "-y", str(ROWS),
                    "cat"], check=True)  # fmt: skip
    client = PtyProcess(["tmux", "attach", "-t", name], env)
    client.pump_until(lambda: len(client.output) > 0)
    time.sleep(0.5)
    while client.drain(0.05):
        pass
    tmux = _latencies(client, count)
    client.close()
    subprocess.run(["tmux", "kill-session", "-t", name], check=False)

    home = Home()
    try:
        home.config({"claude": ["cat"]})
        home.daemon("claude")
        client = PtyProcess([*CAPSULE], home.env | {"TERM": "xterm-256color"})
        client.pump_until(lambda: b"\x1b[?1049h" in client.output)
        time.sleep(0.5)
        while client.drain(0.05):
            pass
        ours = _latencies(client, count)
        client.close()
    finally:
        home.cleanup()
    for label, values in (("tmux", tmux), ("capsule", ours)):
        print(f"keystroke to echo, {label:<8} p50 {_pct(values, 0.5):6.2f} ms   "
              f"p95 {_pct(values, 0.95):6.2f} ms   (n={len(values)})")  # fmt: skip


def bench_idle(seconds: float) -> None:
    home = Home()
    try:
        home.config({"claude": ["sleep", "600"]})
        daemon = home.daemon("claude")
        client = PtyProcess([*CAPSULE], home.env | {"TERM": "xterm-256color"})
        client.pump_until(lambda: b"\x1b[?1049h" in client.output)
        for _ in range(3):  # three more panes: prefix-free, through the palette
            for keys in (b"\x1c", b"split pane\r", b"right\r", b"claude\r"):
                os.write(client.master, keys)
                time.sleep(0.3)
                while client.drain(0.05):
                    pass
        panes = home.sessions()
        time.sleep(1)

        def cpu() -> float:
            fields = Path(f"/proc/{daemon.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

        before, start = cpu(), time.monotonic()
        deadline = start + seconds
        while time.monotonic() < deadline:
            client.drain(0.1)
        used = cpu() - before
        elapsed = time.monotonic() - start
        print(f"idle: {panes} panes, client attached: daemon CPU {100 * used / elapsed:.2f} % "
              f"of a core over {elapsed:.0f} s")  # fmt: skip
        client.close()
    finally:
        home.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for the comparison")
    ensure_bytecode()
    bench_cat(args.mb)
    bench_keys(args.keys)
    bench_idle(args.idle)
    print(f"single runs (rerun for spread); python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
