"""Removed frames end to end (jackin#16 item 7): the real daemon drops a client that
sends one, with a Shutdown naming the error, and keeps serving; the real attach client
stops on a daemon that sends one and writes nothing that followed it."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

from jackin_capsule.client import attach
from jackin_capsule.protocol import FrameDecoder, Input, Output, Shutdown, Welcome, encode
from tests.capsule.daemon.harness import Home, Viewer

ECHO_AGENT = """printf 'agent ready\\n'
while IFS= read -r line; do printf 'got %s\\n' "$line"; done
"""


def frame(tag: int, payload: bytes) -> bytes:
    return bytes([tag]) + len(payload).to_bytes(4, "big") + payload


def test_the_daemon_drops_a_client_sending_a_removed_frame_and_keeps_serving(
    home: Home,
) -> None:
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    hostile = Viewer(home)
    hostile.wait_for("agent ready")
    hostile.sock.sendall(frame(0x08, b"\x01\x89PNG"))  # the old ClipboardImage
    reason = hostile.shutdown().reason
    assert reason is not None
    assert "unknown_tag" in reason
    assert "0x08" in reason
    other = Viewer(home)
    other.wait_for("agent ready")
    other.send(Input(b"still here\r"))
    other.wait_for("got still here")


def _serve_once(listener: socket.socket, script: bytes, hello_seen: threading.Event) -> None:
    conn, _ = listener.accept()
    with conn:
        decoder = FrameDecoder("client")
        while not decoder.feed(conn.recv(65536)):
            pass
        hello_seen.set()
        conn.sendall(script)
        # Hold the connection until the client hangs up, as a real daemon would.
        while conn.recv(65536):
            pass


def test_the_attach_client_stops_on_a_removed_host_acting_frame(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    listener.settimeout(10)
    script = (
        encode(Welcome(1))
        + encode(Output(b"before"))
        + frame(0x86, b"https://attacker.example/")  # the old HostOpenUrl
        + encode(Output(b"AFTER"))
        + encode(Shutdown(None))
    )
    hello_seen = threading.Event()
    server = threading.Thread(target=_serve_once, args=(listener, script, hello_seen))
    server.start()
    keys_r, keys_w = os.pipe()
    out_r, out_w = os.pipe()
    try:
        outcome = attach(path, env={"JACKIN_ATTACH_WAIT": "5"}, in_fd=keys_r, out_fd=out_w)
    finally:
        os.close(out_w)
        os.close(keys_w)
        os.close(keys_r)
        server.join(timeout=10)
        listener.close()
    with os.fdopen(out_r, "rb") as out:
        written = out.read()
    assert hello_seen.is_set()
    assert outcome.code == 1
    assert outcome.message is not None
    assert "unknown_tag" in outcome.message
    assert "0x86" in outcome.message
    assert b"AFTER" not in written, "nothing after the refused frame reaches the terminal"
