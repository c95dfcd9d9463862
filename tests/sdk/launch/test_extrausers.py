"""The host uid and gid get names inside the container through extrausers files."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.launch import LaunchOptions, launch, resolve_target
from jackin_sdk.launch._extrausers import GROUP_TARGET, PASSWD_TARGET, write_extrausers
from tests.sdk.launch.conftest import World


def test_rows_name_the_uid_agent_and_the_gid_agent_host(tmp_path: Path) -> None:
    files = write_extrausers(tmp_path / "extrausers", 4242, 4343)
    assert files is not None
    assert files.passwd.read_text() == "agent:x:4242:4343:agent:/home/agent:/bin/zsh\n"
    assert files.group.read_text() == "agent-host:x:4343:agent\n"
    assert files.passwd.stat().st_mode & 0o777 == 0o644


def test_unchanged_rows_keep_the_file_a_running_container_mounted(tmp_path: Path) -> None:
    first = write_extrausers(tmp_path, 4242, 4343)
    assert first is not None
    inode = first.passwd.stat().st_ino
    write_extrausers(tmp_path, 4242, 4343)
    assert first.passwd.stat().st_ino == inode
    write_extrausers(tmp_path, 4242, 5000)
    assert first.passwd.read_text() == "agent:x:4242:5000:agent:/home/agent:/bin/zsh\n"


def test_root_needs_no_rows(tmp_path: Path) -> None:
    assert write_extrausers(tmp_path / "x", 0, 0) is None
    assert not (tmp_path / "x").exists()


def test_the_role_container_mounts_them_read_only(world: World) -> None:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    result = launch(target, LaunchOptions(detach=True), world.context(host_uid=4242, host_gid=4343))
    spec = next(x for x in world.docker.containers.values() if x.name == result.container).spec
    assert spec is not None
    binds = {b.target: b for b in spec.binds}
    folder = world.paths.home_dir / "extrausers"
    assert binds[PASSWD_TARGET].source == str(folder / "passwd")
    assert binds[GROUP_TARGET].source == str(folder / "group")
    assert binds[PASSWD_TARGET].read_only
    assert binds[GROUP_TARGET].read_only
    assert spec.user == "4242:4343"
    assert (folder / "passwd").read_text().startswith("agent:x:4242:4343:")


def test_a_root_operator_gets_no_extrausers_binds(world: World) -> None:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    result = launch(target, LaunchOptions(detach=True), world.context(host_uid=0, host_gid=0))
    spec = next(x for x in world.docker.containers.values() if x.name == result.container).spec
    assert spec is not None
    assert PASSWD_TARGET not in {b.target for b in spec.binds}
