"""`read_bounded_text`: regular files (and symlinks to them) only, never blocking, never
reading more than the cap, and UTF-8 errors with their line and column."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jackin_sdk.fs import (
    MAX_TEXT_FILE_BYTES,
    UnreadableFile,
    read_bounded_bytes,
    read_bounded_text,
)


def _refusal(path: Path, **kwargs: int) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_bounded_text(path, **kwargs)
    assert caught.value.location is not None
    assert caught.value.location.file == path
    return caught.value


def test_a_regular_file_and_a_symlink_to_one_are_read(tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "config.toml"
    target.parent.mkdir()
    target.write_text('version = "v1alpha10"\n# é\n', encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    assert read_bounded_text(target) == read_bounded_text(link) == 'version = "v1alpha10"\n# é\n'


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    # In a child process so a regression (an open that blocks forever) fails, not hangs.
    code = (
        "import sys; from pathlib import Path; from jackin_sdk.fs import UnreadableFile, "
        "read_bounded_text\ntry:\n    read_bounded_text(Path(sys.argv[1]))\n"
        "except UnreadableFile as e:\n    print(e.message)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(fifo)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "is a named pipe (FIFO), not a regular file", done.stderr


def test_a_symlink_to_dev_zero_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to("/dev/zero")
    assert _refusal(link).message == "is a character device, not a regular file"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()
    assert _refusal(folder).message == "is a directory, not a regular file"


def test_a_missing_file_is_an_unreadable_file(tmp_path: Path) -> None:
    assert "No such file" in _refusal(tmp_path / "absent.toml").message


def test_a_dangling_symlink_is_an_unreadable_file(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to(tmp_path / "gone.toml")
    assert "No such file" in _refusal(link).message


def test_files_over_the_cap_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"#" * (MAX_TEXT_FILE_BYTES + 1))
    assert "larger than 1024 KiB" in _refusal(path).message
    path.write_bytes(b"#" * MAX_TEXT_FILE_BYTES)
    assert len(read_bounded_bytes(path)) == MAX_TEXT_FILE_BYTES
    assert read_bounded_bytes(path, limit=10 * 1024 * 1024) == b"#" * MAX_TEXT_FILE_BYTES
    assert "larger than" in _refusal(path, limit=1024).message


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "jackin.role.toml"
    path.write_bytes(b'version = "v1alpha6"\ndockerfile = "Dockerfile"\n# caf\xe9\n')
    error = _refusal(path)
    assert error.message == "is not valid UTF-8 (byte 0xe9 at line 3, column 6)"
    assert error.location is not None
    assert (error.location.line, error.location.column) == (3, 6)
    assert str(error).startswith(f"{path}:3:6: ")


def test_invalid_utf8_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xff")
    location = _refusal(path).location
    assert location is not None
    assert (location.line, location.column) == (1, 1)
