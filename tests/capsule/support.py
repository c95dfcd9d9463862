"""Run the real `jackin-capsule` in subprocesses against temporary run/state dirs."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from jackin_capsule.contract import LAUNCH_CONFIG, LaunchConfig

CAPSULE = (sys.executable, "-m", "jackin_capsule")

# Records what it was started with into `$CAPSULE_TEST_DIR/entry-<session id>.txt`,
# then runs its arguments (or, with none, stands in for the login shell and exits 0).
ENTRYPOINT = """#!/bin/sh
{
    echo "argc=$#"
    echo "args=$*"
    echo "agent=${JACKIN_AGENT-<unset>}"
    echo "auth=${JACKIN_AUTH_MODE-<unset>}"
    echo "session=$JACKIN_SESSION_ID"
    echo "cwd=$(pwd -P)"
    echo "term=$TERM"
    echo "colorterm=$COLORTERM"
} > "$CAPSULE_TEST_DIR/entry-$JACKIN_SESSION_ID.txt"
[ "$#" -eq 0 ] && exit 0
exec "$@"
"""

# An agent that says it is ready, then runs until the test creates `go`.
WAIT_FOR_GO = """touch "$CAPSULE_TEST_DIR/ready"
while [ ! -e "$CAPSULE_TEST_DIR/go" ]; do sleep 0.01; done
"""


def wait_for(predicate: Callable[[], object], *, timeout: float = 3.0, what: str = "") -> None:
    """Poll `predicate` every 10 ms until it is truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        time.sleep(0.01)


class Capsule:
    """Temporary `/jackin/run`, `/jackin/state`, workdir and entrypoint for one test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.run_dir = root / "run"
        self.state_dir = root / "state"
        self.work = root / "work"
        self.entrypoint = root / "entrypoint.sh"
        for folder in (self.run_dir, self.state_dir, self.work):
            folder.mkdir()
        self.entrypoint.write_text(ENTRYPOINT)
        self.entrypoint.chmod(0o755)
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key
            not in {"TERM", "COLORTERM", "JACKIN_AGENT", "JACKIN_AUTH_MODE", "JACKIN_SESSION_ID"}
        }
        self.env.update(
            {
                "JACKIN_CAPSULE_RUN_DIR": str(self.run_dir),
                "JACKIN_CAPSULE_STATE_DIR": str(self.state_dir),
                "JACKIN_CAPSULE_ENTRYPOINT": str(self.entrypoint),
                "CAPSULE_TEST_DIR": str(root),
                "HOME": str(root),
                "JACKIN_ATTACH_WAIT": "0",
            }
        )
        self.started: list[subprocess.Popen[str]] = []

    def config(
        self,
        argv: Mapping[str, Sequence[str]],
        *,
        agents: Sequence[str] | None = None,
        workdir: Path | None = None,
        auth_modes: Mapping[str, str] | None = None,
    ) -> None:
        """Write `agent.toml` as the host does (agents default to the keys of `argv`)."""
        config = LaunchConfig(
            role="stand-in",
            workdir=str(workdir or self.work),
            agents=tuple(agents if agents is not None else argv),
            argv={name: tuple(args) for name, args in argv.items()},
            auth_modes=dict(auth_modes or {}),
        )
        (self.run_dir / LAUNCH_CONFIG).write_text(config.to_toml())

    def script(self, name: str, body: str) -> list[str]:
        """An agent command: `sh <root>/<name>` running `body`."""
        path = self.root / name
        path.write_text(body)
        return ["/bin/sh", str(path)]

    def path(self, name: str) -> Path:
        """A file in the test's root (where scripts drop their markers)."""
        return self.root / name

    def run(
        self, *args: str, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run the capsule to completion."""
        return subprocess.run(
            [*CAPSULE, *args],
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )

    def start(self, *args: str, command: Sequence[str] | None = None) -> subprocess.Popen[str]:
        """Start the capsule in its own session (like `docker exec`), output captured."""
        process = subprocess.Popen(
            [*(command or CAPSULE), *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.started.append(process)
        return process

    def record(self, session_id: int) -> dict[str, str]:
        """What the entrypoint of session `session_id` recorded."""
        text = (self.root / f"entry-{session_id}.txt").read_text()
        return dict(line.split("=", 1) for line in text.splitlines())

    def cleanup(self) -> None:
        """Kill the process groups of whatever this test started and left running."""
        for process in self.started:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=5)


def finish(process: subprocess.Popen[str], timeout: float = 3.0) -> tuple[int, str, str]:
    """Wait for `process`; its exit code, stdout and stderr."""
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def proc_stat(pid: int) -> list[str] | None:
    """`/proc/<pid>/stat` fields from the state on (index 0 = state), or None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def children_of(pid: int) -> dict[int, str]:
    """Pid → state of every process whose parent is `pid` (Linux `/proc`)."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = proc_stat(int(entry.name))
            if fields is not None and int(fields[1]) == pid:
                found[int(entry.name)] = fields[0]
    return found
