from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from jackin_sdk.fs import FileLock, LockTimeout

_HOLDER = """
import sys, time
from pathlib import Path
from jackin_sdk.fs import FileLock
with FileLock(Path(sys.argv[1]), purpose="editing the config"):
    print("ready", flush=True)
    time.sleep(60)
"""


@contextmanager
def _holder(lock_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock until killed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(lock_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        proc.kill()
        proc.communicate()


def test_timeout_names_the_holder_pid(tmp_path: Path) -> None:
    lock_path = tmp_path / "config.lock"
    with _holder(lock_path) as holder:
        with pytest.raises(LockTimeout) as caught:
            FileLock(lock_path, purpose="editing the config", timeout=0.2).acquire()
        assert caught.value.holder_pid == holder.pid
        message = str(caught.value)
        assert f"another jackin process (pid {holder.pid}) is editing the config" in message
        assert str(lock_path) in message


def test_lock_is_released_when_the_holder_dies(tmp_path: Path) -> None:
    lock_path = tmp_path / "x.lock"
    with _holder(lock_path):
        pass  # killed on exit
    with FileLock(lock_path, timeout=2) as lock:
        assert lock.held
        assert lock_path.read_text().strip() == str(os.getpid())


def test_exclusive_excludes_within_one_process_and_releases(tmp_path: Path) -> None:
    lock_path = tmp_path / "a.lock"
    first = FileLock(lock_path, timeout=0.1)
    with first, pytest.raises(LockTimeout):
        FileLock(lock_path, timeout=0.1).acquire()
    with FileLock(lock_path, timeout=0.1):
        pass
    assert not first.held


def test_shared_locks_coexist_but_block_writers(tmp_path: Path) -> None:
    lock_path = tmp_path / "s.lock"
    with (
        FileLock(lock_path, shared=True),
        FileLock(lock_path, shared=True, timeout=0.1),
        pytest.raises(LockTimeout),
    ):
        FileLock(lock_path, timeout=0.1).acquire()


def test_double_acquire_is_a_programming_error(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "d.lock")
    with lock, pytest.raises(RuntimeError):
        lock.acquire()
