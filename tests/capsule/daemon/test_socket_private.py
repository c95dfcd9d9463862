"""The control socket is never open to other users, not even between `bind()` and the
daemon's chmod (security: the capsule socket's bind→listen gap).

What closes the gap, measured here: the socket is bound under umask 177, so its file is
0600 from birth whatever umask the container gave PID 1; and until `listen()`, which
comes after the chmod, every connect is refused anyway. The run folder is 0700 too.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_capsule.daemon._server import bind_private
from jackin_capsule.protocol import StatusRequest
from tests.capsule.daemon.harness import Home

ECHO_AGENT = "printf 'agent ready\\n'\nwhile IFS= read -r line; do :; done\n"


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Umask 0: a file made without an explicit mode is 0777 (or 0666) for everyone."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path | str) -> int:
    return stat.S_IMODE(Path(path).stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_the_socket_file_is_private_from_its_birth(home: Home) -> None:
    plain = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    plain.bind(str(home.run / "plain.sock"))  # what bind() alone leaves under this umask
    plain.close()
    assert _mode(home.run / "plain.sock") == 0o777

    listener = bind_private(home.socket)
    try:
        assert _mode(home.socket) == 0o600
        assert os.umask(0) == 0  # the process's umask is back as it was
    finally:
        listener.close()


def test_a_bound_socket_refuses_every_connection_until_it_listens(home: Home) -> None:
    listener = bind_private(home.socket)
    try:
        with (
            socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as early,
            pytest.raises(ConnectionRefusedError),
        ):
            early.connect(home.socket)
        listener.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as late:
            late.connect(home.socket)
    finally:
        listener.close()


@pytest.mark.usefixtures("open_umask")
def test_the_daemon_under_umask_0_keeps_its_socket_and_run_folder_private(home: Home) -> None:
    home.run.chmod(0o777)
    home.config({"claude": home.script("a.sh", ECHO_AGENT)})
    home.daemon("claude")
    assert _mode(home.run) == 0o700
    assert _mode(home.socket) == 0o600
    assert home.ask(StatusRequest()) is not None  # and this user still reaches it
