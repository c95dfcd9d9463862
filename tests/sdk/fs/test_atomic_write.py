from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from jackin_sdk.fs import atomic_write_bytes, atomic_write_if_changed, atomic_write_text


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_is_private_and_complete(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    atomic_write_text(target, 'version = "v1alpha9"\n')
    assert target.read_text() == 'version = "v1alpha9"\n'
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_existing_mode_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("old")
    target.chmod(0o644)
    atomic_write_text(target, "new")
    assert (target.read_text(), _mode(target)) == ("new", 0o644)
    atomic_write_text(target, "secret", mode=0o600)
    assert (target.read_text(), _mode(target)) == ("secret", 0o600)


def test_replaces_atomically_keeping_old_inode_readers_whole(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    atomic_write_bytes(target, b"A" * 100_000)
    with target.open("rb") as reader:
        atomic_write_bytes(target, b"B" * 10)
        assert reader.read() == b"A" * 100_000  # the old file is untouched, not truncated
    assert target.read_bytes() == b"B" * 10


def test_failure_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "config.toml"
    target.write_text("keep me")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_text(target, "half")
    assert target.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_missing_folder_is_an_error_not_a_silent_create(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_text(tmp_path / "nope" / "x.toml", "x")


def test_write_if_changed_keeps_the_inode_of_unchanged_bytes(tmp_path: Path) -> None:
    target = tmp_path / "rows"
    assert atomic_write_if_changed(target, b"a\n", mode=0o644)
    inode = target.stat().st_ino
    target.chmod(0o600)
    assert not atomic_write_if_changed(target, b"a\n", mode=0o644)
    assert target.stat().st_ino == inode
    assert _mode(target) == 0o644
    assert atomic_write_if_changed(target, b"b\n", mode=0o644)
    assert target.read_bytes() == b"b\n"


def test_follow_symlinks_replaces_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "config.toml"
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "config" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    atomic_write_text(link, "new\n", follow_symlinks=True)
    assert link.is_symlink()
    assert link.readlink() == target
    assert (target.read_text(), _mode(target)) == ("new\n", 0o640)
    assert sorted(p.name for p in dotfiles.iterdir()) == ["config.toml"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["config.toml"]


def test_follow_symlinks_through_a_chain_of_relative_links(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "ws.toml").write_text("a")
    (tmp_path / "hop.toml").symlink_to("real/ws.toml")
    (tmp_path / "ws.toml").symlink_to("hop.toml")
    atomic_write_bytes(tmp_path / "ws.toml", b"b", follow_symlinks=True)
    assert (tmp_path / "ws.toml").is_symlink()
    assert (tmp_path / "hop.toml").is_symlink()
    assert (tmp_path / "real" / "ws.toml").read_bytes() == b"b"


def test_without_follow_symlinks_a_planted_link_is_replaced_not_followed(
    tmp_path: Path,
) -> None:
    """State folders a container can write must never redirect a host write."""
    victim = tmp_path / "victim"
    victim.write_text("host file")
    state = tmp_path / "state"
    state.mkdir()
    (state / "agent.env").symlink_to(victim)
    atomic_write_text(state / "agent.env", "secret", mode=0o600)
    assert victim.read_text() == "host file"
    assert not (state / "agent.env").is_symlink()
    assert (state / "agent.env").read_text() == "secret"
