"""The role's Dockerfile is read again when the base image is built: bounded like every
file jackin reads from a role, so a FIFO or `/dev/zero` put in its place after validation
is a coded error naming it, never a hang or a memory balloon."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from jackin_sdk.fs import MAX_TEXT_FILE_BYTES, UnreadableFile
from jackin_sdk.images import ensure_role_image
from jackin_sdk.testing import FakeDocker
from tests.sdk.images.conftest import request_for

HANG_GUARD = 10.0


def _build_guarded(fake: FakeDocker, role_dir: Path) -> BaseException | None:
    """`ensure_role_image` in a thread: a read that blocks fails the test, not the run."""
    raised: list[BaseException | None] = []
    request = request_for(role_dir)

    def build() -> None:
        try:
            ensure_role_image(fake, request)
        except BaseException as exc:
            raised.append(exc)
        else:
            raised.append(None)

    worker = threading.Thread(target=build, daemon=True)
    worker.start()
    worker.join(HANG_GUARD)
    if worker.is_alive():
        dockerfile = role_dir / "Dockerfile"
        if dockerfile.is_fifo():  # release the blocked open so the thread can end
            os.close(os.open(dockerfile, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"ensure_role_image blocked for {HANG_GUARD:g} s reading the Dockerfile")
    [result] = raised
    return result


def test_a_fifo_for_a_dockerfile_is_refused_without_blocking(
    fake: FakeDocker, role_dir: Path
) -> None:
    (role_dir / "Dockerfile").unlink()
    os.mkfifo(role_dir / "Dockerfile")
    raised = _build_guarded(fake, role_dir)
    assert isinstance(raised, UnreadableFile)
    assert "named pipe (FIFO)" in str(raised)
    assert raised.location is not None
    assert raised.location.file == role_dir / "Dockerfile"
    assert fake.builder.builds == []


def test_a_dockerfile_over_the_cap_is_refused_unread(fake: FakeDocker, role_dir: Path) -> None:
    dockerfile = role_dir / "Dockerfile"
    with dockerfile.open("a") as grown:
        grown.write("#" * MAX_TEXT_FILE_BYTES + "\n")
    raised = _build_guarded(fake, role_dir)
    assert isinstance(raised, UnreadableFile)
    assert "larger than 1024 KiB" in str(raised)
    assert fake.builder.builds == []
