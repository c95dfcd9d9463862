"""`jackin-capsule init`: headless PTY session, exit rules, signals and reaping."""

from __future__ import annotations

import json
import os
import signal
import stat
import sys
import time
from pathlib import Path

import pytest

from tests.capsule.support import (
    WAIT_FOR_GO,
    Capsule,
    children_of,
    finish,
    proc_stat,
    wait_for,
)

LINUX = sys.platform.startswith("linux") and Path("/proc/self/stat").exists()
linux_only = pytest.mark.skipif(not LINUX, reason="needs Linux /proc")

HEADLESS_AGENT = """
echo "hello from the agent"
[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo "stdio is a tty"
( : </dev/tty ) 2>/dev/null && echo "has a controlling tty"
echo "agent=$JACKIN_AGENT session=$JACKIN_SESSION_ID term=$TERM cwd=$(pwd -P)"
"""

# Makes the capsule a child subreaper before exec'ing it: orphans of its descendants are
# then re-parented to it, as they are to PID 1 in the container.
SUBREAPER = (
    sys.executable,
    "-c",
    "import ctypes, os, sys\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "assert libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'jackin_capsule', *sys.argv[1:]])\n",
)


def _cpu_ticks(pid: int) -> int:
    fields = proc_stat(pid)
    assert fields is not None
    return int(fields[11]) + int(fields[12])  # utime + stime


def _in_its_loop(pid: int) -> bool:
    """Whether `pid` catches SIGCHLD: init installs that handler just before its loop."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGCHLD - 1)))
    return False


def test_headless_agent_runs_in_a_pty_and_init_exits_when_it_ends(capsule: Capsule) -> None:
    capsule.config({"claude": capsule.script("agent.sh", HEADLESS_AGENT)})
    init = capsule.start("init", "--headless", "claude")
    code, _, err = finish(init)
    assert code == 0, err
    log = capsule.state_dir / "sessions" / "headless.log"
    text = log.read_text().replace("\r\n", "\n")
    assert "hello from the agent\n" in text
    assert "stdio is a tty\n" in text
    assert "has a controlling tty\n" in text
    expected = f"agent=claude session=1 term=xterm-256color cwd={capsule.work.resolve()}\n"
    assert expected in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert capsule.registrations() == {}
    assert "headless session ended (exit 0)" in err


def test_headless_session_is_registered_and_listed(capsule: Capsule) -> None:
    capsule.config({"claude": capsule.script("agent.sh", WAIT_FOR_GO)})
    init = capsule.start("init", "--headless", "claude")
    wait_for(capsule.path("ready").exists, what="the agent")
    sessions = json.loads(capsule.run("status", "--format", "json").stdout)["sessions"]
    assert len(sessions) == 1
    assert sessions[0]["agent"] == "claude"
    assert sessions[0]["headless"] is True
    assert sessions[0]["pid"] != init.pid
    if LINUX:
        assert sessions[0]["pid"] in children_of(init.pid)
    human = capsule.run("status").stdout.splitlines()
    assert human[1].endswith(" headless")
    capsule.path("go").touch()
    assert finish(init)[0] == 0


def test_init_waits_for_a_session_then_exits_when_it_ends(capsule: Capsule) -> None:
    capsule.config({"claude": capsule.script("agent.sh", WAIT_FOR_GO)})
    init = capsule.start("init")
    if LINUX:
        wait_for(lambda: _in_its_loop(init.pid), what="init to install its handlers")
        before = _cpu_ticks(init.pid)
        time.sleep(0.5)  # a few polls with no session at all
        assert _cpu_ticks(init.pid) - before <= 3, "init should idle, not spin"
    else:
        time.sleep(0.5)
    assert init.poll() is None

    session = capsule.start("session")
    wait_for(capsule.path("ready").exists, what="the agent")
    time.sleep(0.3)  # init has seen the session and keeps waiting for it
    assert init.poll() is None
    capsule.path("go").touch()
    assert finish(session)[0] == 0
    code, _, err = finish(init, timeout=2)
    assert code == 0, err


def test_init_notices_a_session_shorter_than_its_poll(capsule: Capsule) -> None:
    capsule.config({"claude": ["true"]})
    init = capsule.start("init")
    time.sleep(0.3)
    assert capsule.run("session").returncode == 0
    assert finish(init, timeout=2)[0] == 0


def test_sigterm_ends_every_session_and_exits_0(capsule: Capsule) -> None:
    capsule.config({"claude": ["sleep", "30"]})
    init = capsule.start("init", "--headless", "claude")
    session = capsule.start("session")
    wait_for(lambda: len(capsule.registrations()) == 2, what="two sessions")
    pids = list(capsule.registrations())
    started = time.monotonic()
    init.send_signal(signal.SIGTERM)
    code, _, err = finish(init, timeout=5)
    assert code == 0, err
    assert time.monotonic() - started < 1.5
    assert finish(session)[0] == 128 + signal.SIGTERM
    assert capsule.registrations() == {}
    for pid in pids:
        assert proc_stat(pid) is None if LINUX else True


def test_sessions_ignoring_sigterm_are_killed_after_the_grace(capsule: Capsule) -> None:
    agent = 'trap "" TERM\ntouch "$CAPSULE_TEST_DIR/ready"\nexec sleep 30\n'
    capsule.config({"claude": capsule.script("agent.sh", agent)})
    init = capsule.start("init", "--headless", "claude", "--stop-grace", "0.3")
    wait_for(capsule.path("ready").exists, what="the agent")
    (pid,) = capsule.registrations()
    started = time.monotonic()
    init.send_signal(signal.SIGINT)
    code, _, err = finish(init, timeout=5)
    assert code == 0, err
    assert 0.3 <= time.monotonic() - started < 1.5
    assert "ignored SIGTERM; killing it" in err
    assert capsule.registrations() == {}
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@linux_only
def test_orphans_are_reaped(capsule: Capsule) -> None:
    agent = '(sleep 30 &)\ntouch "$CAPSULE_TEST_DIR/ready"\nexec sleep 30\n'
    capsule.config({"claude": capsule.script("agent.sh", agent)})
    init = capsule.start("init", "--headless", "claude", command=SUBREAPER)
    wait_for(capsule.path("ready").exists, what="the agent")
    (headless,) = capsule.registrations()
    orphans: list[int] = []

    def orphan_adopted() -> bool:
        orphans[:] = [pid for pid in children_of(init.pid) if pid != headless]
        return bool(orphans)

    wait_for(orphan_adopted, what="the orphan to be re-parented to init")
    (orphan,) = orphans
    os.kill(orphan, signal.SIGKILL)
    wait_for(lambda: orphan not in children_of(init.pid), what="init to reap the orphan")
    assert "Z" not in children_of(init.pid).values()
    init.send_signal(signal.SIGTERM)
    assert finish(init)[0] == 0


@linux_only
def test_registrations_from_before_the_container_started_are_forgotten(
    capsule: Capsule,
) -> None:
    # A file left by an earlier run of the container whose pid is now someone else's
    # (here: this test process, which is alive): init must not wait for it.
    folder = capsule.run_dir / "sessions"
    folder.mkdir(mode=0o700)
    leftover = folder / f"{os.getpid()}.json"
    old = {"id": 9, "agent": "claude", "pid": os.getpid(), "headless": False}
    leftover.write_text(json.dumps({**old, "started": "2000-01-01T00:00:00.000+00:00"}))
    capsule.config({"claude": ["true"]})
    assert finish(capsule.start("init", "--headless", "claude"))[0] == 0
    assert not leftover.exists()
