"""The real daemon in a subprocess, driven over its socket (spec A2, A4–A8)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import stat
import subprocess
from pathlib import Path

from jackin_capsule.protocol import (
    AgentsRequest,
    Detach,
    Input,
    Resize,
    Shutdown,
    SnapshotRequest,
    SpawnAgent,
    SpawnShell,
    StatusRequest,
    UnknownReply,
    UnknownRequest,
    Welcome,
    frame_control,
)
from tests.capsule.daemon.harness import Home, Viewer, wait_until
from tests.capsule.support import CAPSULE

ECHO_AGENT = """printf 'agent ready\\n'
while IFS= read -r line; do printf 'got %s\\n' "$line"; done
"""


def test_socket_and_run_dir_are_private(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    assert stat.S_IMODE(home.run.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(home.socket).stat().st_mode) == 0o600


def test_first_pane_waits_for_the_first_attach(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    assert home.sessions() == 0
    viewer = Viewer(home, rows=30, cols=100)
    viewer.wait_for("agent ready")
    assert isinstance(viewer.frames[0], Welcome)
    assert home.sessions() == 1
    assert "jackin❯" in viewer.screen.display[0]
    assert "k3x9ab2c" in viewer.screen.display[-1], "instance id in the context bar"


def test_spawn_now_starts_headless_and_status_lists_it(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude", "--spawn-now")
    wait_until(lambda: home.sessions() == 1, what="the headless session")
    (info,) = home.ask(StatusRequest()).sessions
    assert (info.id, info.agent, info.label, info.active) == (1, "claude", "Claude", True)
    snapshot = home.ask(SnapshotRequest())
    assert [t.label for t in snapshot.tabs] == ["Claude"]
    (record,) = home.ask(AgentsRequest()).records
    assert (record.codename, record.agent, record.status) == ("badger", "claude", "running")
    assert isinstance(home.ask(UnknownRequest("nope")), UnknownReply)


def test_typing_reaches_the_agent_and_its_output_the_screen(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    viewer = Viewer(home)
    viewer.wait_for("agent ready")
    viewer.send(Input(b"ping\r"))
    viewer.wait_for("got ping")


def test_detach_keeps_sessions_and_reattach_shows_the_same_screen(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    first = Viewer(home)
    first.wait_for("agent ready")
    first.send(Input(b"one\r"))
    first.wait_for("got one")
    first.send(Detach())
    assert first.shutdown().reason is None
    assert home.sessions() == 1
    second = Viewer(home)
    second.wait_for("got one")
    assert second.screen.display[2:10] == first.screen.display[2:10]


def test_a_second_client_takes_over_and_the_first_is_told(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    first = Viewer(home)
    first.wait_for("agent ready")
    second = Viewer(home)
    second.wait_for("agent ready")
    assert first.shutdown().reason is None
    second.send(Input(b"still here\r"))
    second.wait_for("got still here")


def test_a_client_killed_mid_frame_leaves_the_daemon_serving(home: Home) -> None:
    home.config(
        {"claude": home.script("a.sh", "yes 'flood of output' | head -c 3000000\n" + ECHO_AGENT)}
    )
    home.daemon("claude")
    first = Viewer(home)
    first.pump(0.3)
    first.close()  # gone without a word, maybe in the middle of a frame
    second = Viewer(home)
    second.wait_for("agent ready", timeout=20)
    second.send(Input(b"after\r"))
    second.wait_for("got after")


def test_resize_reaches_the_pane(home: Home) -> None:
    agent = (
        'trap \'printf "size %s\\\\n" "$(stty size)"\' WINCH\n'
        "printf 'agent ready\\n'\n"
        "while :; do sleep 0.05; done\n"
    )
    home.config({"claude": home.script("a.sh", agent)})
    home.daemon("claude")
    viewer = Viewer(home, rows=30, cols=100)
    viewer.wait_for("agent ready")
    viewer.send(Resize(40, 120))
    # content rows = 40 - 6, minus the border; columns minus the border
    viewer.screen.resize(40, 120)
    viewer.wait_for("size 32 118")


def test_shell_tab_from_hello_and_env_without_agent(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude", "--spawn-now")
    wait_until(lambda: home.sessions() == 1)
    Viewer(home, spawn=SpawnShell())
    shell_record = home.root / "entry-.txt"  # a shell pane has no JACKIN_SESSION_ID (A3)
    wait_until(
        lambda: shell_record.exists() and "colorterm=" in shell_record.read_text(),
        what="the shell tab's entrypoint record",
    )
    fields = dict(line.split("=", 1) for line in shell_record.read_text().splitlines())
    assert fields["agent"] == "<unset>"
    assert fields["term"] == "xterm-256color"


def test_last_session_ending_stops_the_daemon_and_tells_the_client(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    daemon = home.daemon("claude")
    viewer = Viewer(home)
    viewer.wait_for("agent ready")
    viewer.send(Input(b"\x04"))  # EOF: the agent's read loop ends and it exits 0
    assert viewer.shutdown().reason is None
    assert daemon.wait(timeout=5) == 0
    assert not Path(home.socket).exists()
    marker = json.loads((home.run / "capsule-exit.json").read_text())
    assert marker == {"reason": "", "signal": False}, "the host sees it ended by itself"


def test_a_crashing_agent_says_why(home: Home) -> None:
    home.config({"claude": home.script("a.sh", "printf 'boom: disk on fire\\n'\nexit 3\n")})
    daemon = home.daemon("claude")
    viewer = Viewer(home)
    reason = viewer.shutdown().reason
    assert reason is not None
    assert "exited with code 3" in reason
    assert "boom: disk on fire" in reason
    assert daemon.wait(timeout=5) == 0


def test_sigterm_ends_sessions_tells_the_client_and_exits_0(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    daemon = home.daemon("claude")
    viewer = Viewer(home)
    viewer.wait_for("agent ready")
    daemon.send_signal(signal.SIGTERM)
    assert isinstance(viewer.shutdown(), Shutdown)
    assert daemon.wait(timeout=5) == 0
    assert json.loads((home.run / "capsule-exit.json").read_text())["signal"] is True


def test_malformed_control_json_is_dropped_without_a_reply(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(home.socket)
        sock.sendall(frame_control(b"{not json"))
        assert _dropped(sock)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(home.socket)
        sock.sendall(b"\x7fgarbage")  # neither channel
        assert _dropped(sock)
    assert home.sessions() == 0, "still serving"


def _dropped(sock: socket.socket) -> bool:
    """Closed by the daemon without a reply (a reset when our bytes were unread)."""
    try:
        return sock.recv(100) == b""
    except ConnectionResetError:
        return True


def test_status_command_prints_the_reference_format(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude", "--spawn-now")
    wait_until(lambda: home.sessions() == 1)
    human = subprocess.run(
        [*CAPSULE, "status"], env=home.env, capture_output=True, text=True, check=True
    )
    assert re.fullmatch(
        r"Sessions: 1\n  \[1\] Claude \(claude\) state=(working|done) active=true\n", human.stdout
    ), human.stdout
    raw = subprocess.run(
        [*CAPSULE, "snapshot"], env=home.env, capture_output=True, text=True, check=True
    )
    assert json.loads(raw.stdout)["type"] == "snapshot"


def test_orphans_are_reaped_without_stealing_the_session_status(home: Home) -> None:
    agent = '(sleep 30 &)\nprintf "agent ready\\n"\nread -r line\nexit 5\n'
    home.config({"claude": home.script("a.sh", agent)})
    daemon = home.daemon("claude", subreaper=True)
    viewer = Viewer(home)
    viewer.wait_for("agent ready")
    (agent_pid,) = [
        pid for pid in _children(daemon.pid) if b"a.sh" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]

    def orphans() -> list[int]:
        return [pid for pid in _children(daemon.pid) if pid != agent_pid]

    wait_until(orphans, what="the orphan to be re-parented to the daemon")
    (orphan,) = orphans()
    os.kill(orphan, signal.SIGKILL)
    wait_until(lambda: orphan not in _children(daemon.pid), what="the daemon to reap it")
    assert "Z" not in _children(daemon.pid).values()
    viewer.send(Input(b"bye\r"))
    reason = viewer.shutdown().reason
    assert reason is not None
    assert "exited with code 5" in reason, "the session's own status was kept"
    assert daemon.wait(timeout=5) == 0


def _children(pid: int) -> dict[int, str]:
    """Pid → state of every child of `pid` (Linux /proc)."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                raw = (entry / "stat").read_text()
            except OSError:
                continue
            fields = raw[raw.rindex(")") + 2 :].split()
            if int(fields[1]) == pid:
                found[int(entry.name)] = fields[0]
    return found


def test_client_without_a_terminal_pipes_keys_and_prints_frames(home: Home) -> None:
    agent = ECHO_AGENT.replace("do printf", 'do [ "$line" = exit ] && exit 0; printf')
    home.config({"claude": home.script("a.sh", agent)})
    daemon = home.daemon("claude", "--spawn-now")
    wait_until(lambda: home.sessions() == 1)
    done = subprocess.run(
        [*CAPSULE],
        input=b"ping\nexit\n",
        env=home.env,
        capture_output=True,
        timeout=20,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"got ping" in done.stdout, "the pane's last output is drawn before it goes"
    assert b"\x1b[?1049h" not in done.stdout, "no alternate screen without a terminal"
    assert daemon.wait(timeout=5) == 0


def test_a_paste_larger_than_the_pty_buffer_arrives_whole(home: Home) -> None:
    agent = (
        "stty -icanon -echo min 1\n"
        "printf 'agent ready\\n'\n"
        'head -c 300000 > "$CAPSULE_TEST_DIR/pasted"\n'
        "printf 'pasted all\\n'\n"
        "sleep 30\n"
    )
    home.config({"claude": home.script("a.sh", agent)})
    home.daemon("claude")
    viewer = Viewer(home)
    viewer.wait_for("agent ready")
    payload = bytes(ord("a") + i % 26 for i in range(300_000))
    for start in range(0, len(payload), 60_000):
        viewer.send(Input(payload[start : start + 60_000]))
    viewer.wait_for("pasted all", timeout=20)
    assert (home.root / "pasted").read_bytes() == payload


def test_pane_state_follows_output_and_whether_it_was_seen(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude", "--spawn-now")
    wait_until(lambda: home.sessions() == 1)
    wait_until(lambda: home.ask(StatusRequest()).sessions[0].state == "working", timeout=5)
    wait_until(lambda: home.ask(StatusRequest()).sessions[0].state == "done", timeout=5)
    viewer = Viewer(home)  # the operator looks at it
    viewer.wait_for("agent ready")
    wait_until(lambda: home.ask(StatusRequest()).sessions[0].state == "idle", timeout=5)


def test_an_agent_outside_the_allowlist_is_refused_with_a_notice(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude", "--spawn-now")
    wait_until(lambda: home.sessions() == 1)
    viewer = Viewer(home, spawn=SpawnAgent("codex"))
    viewer.wait_for("Spawn failed")
    viewer.wait_for("'codex'")
    assert home.sessions() == 1, "no PTY was opened for it"
    viewer.send(Input(b"\r"))  # Enter dismisses the notice
    viewer.wait_for("agent ready")


def test_rename_tab_from_the_menu_and_back_to_the_automatic_label(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    viewer = Viewer(home)
    viewer.wait_for("agent ready")
    viewer.send(Input(b"\x1c"))  # the menu
    viewer.wait_for("Rename tab")
    viewer.send(Input(b"rename\r"))
    viewer.wait_for("Rename tab")
    viewer.send(Input(b"reviewing the long label\r"))  # kept to 16 characters
    viewer.wait_for(" reviewing the l")
    assert home.ask(SnapshotRequest()).tabs[0].label == "reviewing the lo"
    viewer.send(Input(b"\x1c"))
    viewer.wait_for("Rename tab")
    viewer.send(Input(b"rename\r"))
    viewer.wait_for("reviewing the lo")
    viewer.send(Input(b"\x7f" * 16 + b"\r"))  # emptied: the automatic label again
    wait_until(lambda: home.ask(SnapshotRequest()).tabs[0].label == "Claude")


def test_close_from_the_menu_asks_pane_or_tab_when_there_are_several(home: Home) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    viewer = Viewer(home)
    viewer.wait_for("agent ready")
    for keys in (b"\x1c", b"split pane\r", b"right\r", b"claude\r"):
        viewer.send(Input(keys))
        viewer.pump(0.2)
    wait_until(lambda: len(home.ask(SnapshotRequest()).tabs[0].panes) == 2)
    viewer.send(Input(b"\x1c"))
    viewer.wait_for("Close")
    viewer.send(Input(b"close\r"))
    viewer.wait_for("Close pane")
    viewer.send(Input(b"pane\r"))
    viewer.wait_for("Close pane?")
    viewer.send(Input(b"y"))
    wait_until(lambda: len(home.ask(SnapshotRequest()).tabs[0].panes) == 1)
