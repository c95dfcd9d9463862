from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from jackin_sdk.docker import ContainerSpec
from jackin_sdk.errors import CodedError, ErrorCode, JackinError, UsageError
from jackin_sdk.fs import FileLock, LockTimeout
from jackin_sdk.instances import ClaimedInstance, InstanceStore
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.testing import FakeDocker, FakeDockerHost
from tests.sdk.instances.support import IMAGE, run_role_container

IDS = ["aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd"]


def ids(*values: str) -> Callable[[], str]:
    pending = iter(values)
    return lambda: next(pending)


def name(instance_id: str) -> str:
    return f"jk-{instance_id}-proj-agentsmith"


def claim(
    store: InstanceStore, docker: FakeDocker, *values: str, attempts: int = 64
) -> ClaimedInstance:
    return store.claim_new(
        docker, role_name="agent-smith", workspace="proj", attempts=attempts, new_id=ids(*values)
    )


_HOLDER = """
import sys, time
from pathlib import Path
from jackin_sdk.fs import FileLock
with FileLock(Path(sys.argv[1]), purpose="using instance"):
    print("ready", flush=True)
    time.sleep(60)
"""


@contextmanager
def held_elsewhere(lock_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding `lock_path` until the block ends."""
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


def test_a_free_name_is_claimed_and_locked(store: InstanceStore, docker: FakeDocker) -> None:
    with claim(store, docker, "aaaaaaaa") as claimed:
        assert claimed.container == name("aaaaaaaa")
        assert claimed.instance_id == "aaaaaaaa"
        assert claimed.state_dir == store.paths.data_dir / name("aaaaaaaa")
        assert claimed.lock_path == store.paths.data_dir / f"{name('aaaaaaaa')}.lock"
        assert (claimed.held, store.is_claimed(claimed.container)) == (True, True)
        assert claimed.lock_path.read_text().strip() == str(os.getpid())
        with pytest.raises(LockTimeout):
            FileLock(claimed.lock_path, timeout=0).acquire()
    assert not claimed.held
    assert not store.is_claimed(claimed.container)
    assert claimed.lock_path.exists()  # removed only by purge or reaping


def test_a_running_container_makes_the_name_occupied(
    store: InstanceStore, docker: FakeDocker
) -> None:
    run_role_container(docker, name("aaaaaaaa"))
    with claim(store, docker, "aaaaaaaa", "bbbbbbbb") as claimed:
        assert claimed.container == name("bbbbbbbb")
    assert name("aaaaaaaa") in {c.name for c in docker.list_containers()}


def test_a_cleanly_exited_container_is_removed(store: InstanceStore, docker: FakeDocker) -> None:
    run_role_container(docker, name("aaaaaaaa"), store.home())
    docker.exit_container(name("aaaaaaaa"), 0)
    with claim(store, docker, "aaaaaaaa") as claimed:
        assert claimed.container == name("aaaaaaaa")
    assert docker.list_containers() == []


@pytest.mark.parametrize(("code", "oom"), [(1, False), (137, False), (0, True)])
def test_crashed_or_oom_containers_are_kept(
    store: InstanceStore, docker: FakeDocker, code: int, oom: bool
) -> None:
    run_role_container(docker, name("aaaaaaaa"))
    docker.exit_container(name("aaaaaaaa"), code, oom_killed=oom)
    with claim(store, docker, "aaaaaaaa", "bbbbbbbb") as claimed:
        assert claimed.container == name("bbbbbbbb")
    assert len(docker.list_containers()) == 1


def test_created_container_is_occupied(store: InstanceStore, docker: FakeDocker) -> None:
    docker.create_container(ContainerSpec(image=IMAGE, name=name("aaaaaaaa")))
    with claim(store, docker, "aaaaaaaa", "bbbbbbbb") as claimed:
        assert claimed.container == name("bbbbbbbb")


def test_existing_state_makes_the_name_occupied(store: InstanceStore, docker: FakeDocker) -> None:
    store.prepare_state_dir(name("aaaaaaaa"))
    with claim(store, docker, "aaaaaaaa", "bbbbbbbb") as claimed:
        assert claimed.container == name("bbbbbbbb")


def test_a_name_locked_by_another_process_is_skipped(
    store: InstanceStore, docker: FakeDocker
) -> None:
    store.paths.data_dir.mkdir(parents=True)
    lock_path = store.lock_path(name("aaaaaaaa"))
    with held_elsewhere(lock_path) as holder, claim(store, docker, "aaaaaaaa", "bbbbbbbb") as c:
        assert c.container == name("bbbbbbbb")
        assert lock_path.read_text().strip() == str(holder.pid)  # not unlinked


def test_running_out_of_attempts_is_e009(store: InstanceStore, docker: FakeDocker) -> None:
    run_role_container(docker, name("aaaaaaaa"))
    run_role_container(docker, name("bbbbbbbb"))
    with pytest.raises(CodedError) as caught:
        claim(store, docker, "aaaaaaaa", "bbbbbbbb", attempts=2)
    assert caught.value.code is ErrorCode.E009
    assert "after 2 attempts" in str(caught.value)
    assert not store.is_claimed(name("aaaaaaaa"))


def test_an_unreachable_engine_raises_and_releases(store: InstanceStore) -> None:
    docker = FakeDocker(host=FakeDockerHost(reachable=False))
    with pytest.raises(JackinError, match=f"cannot tell whether container {name('aaaaaaaa')}"):
        claim(store, docker, "aaaaaaaa")
    assert not store.is_claimed(name("aaaaaaaa"))


def test_fresh_names_are_random_by_default(store: InstanceStore, docker: FakeDocker) -> None:
    with (
        store.claim_new(docker, role_name="agent-smith") as first,
        store.claim_new(docker, role_name="agent-smith") as second,
    ):
        assert first.container != second.container
        assert first.container.startswith("jk-")
        assert first.container.endswith("-agentsmith")


def test_restore_claims_a_missing_container(store: InstanceStore, docker: FakeDocker) -> None:
    with store.claim_existing(docker, name("aaaaaaaa")) as claimed:
        assert claimed.held
        assert store.is_claimed(name("aaaaaaaa"))


@pytest.mark.parametrize("exit_code", [None, 0, 1])
def test_restore_refuses_a_live_container(
    store: InstanceStore, docker: FakeDocker, exit_code: int | None
) -> None:
    run_role_container(docker, name("aaaaaaaa"))
    if exit_code is not None:
        docker.exit_container(name("aaaaaaaa"), exit_code)
    with pytest.raises(JackinError) as caught:
        store.claim_existing(docker, name("aaaaaaaa"))
    assert f"instance {name('aaaaaaaa')} is live in Docker" in str(caught.value)
    assert f"`jackin hardline {name('aaaaaaaa')}`" in str(caught.value)
    assert not store.is_claimed(name("aaaaaaaa"))
    assert len(docker.list_containers()) == 1  # never removed on restore


def test_restore_refuses_a_name_another_process_holds(
    store: InstanceStore, docker: FakeDocker
) -> None:
    store.paths.data_dir.mkdir(parents=True)
    with held_elsewhere(store.lock_path(name("aaaaaaaa"))) as holder:
        with pytest.raises(LockTimeout) as caught:
            store.claim_existing(docker, name("aaaaaaaa"))
        assert caught.value.holder_pid == holder.pid
        assert f"pid {holder.pid}" in str(caught.value)


def test_restore_refuses_a_name_this_process_holds(
    store: InstanceStore, docker: FakeDocker
) -> None:
    with claim(store, docker, "aaaaaaaa"), pytest.raises(LockTimeout):
        store.claim_existing(docker, name("aaaaaaaa"))


def test_restore_validates_the_name(store: InstanceStore, docker: FakeDocker) -> None:
    with pytest.raises(UsageError, match="not an instance container name"):
        store.claim_existing(docker, "../../etc")


def test_another_homes_cleanly_exited_container_is_kept_and_its_name_skipped(
    store: InstanceStore, docker: FakeDocker
) -> None:
    other = HomeIdentity("b" * 32, Path("/homes/b"))
    run_role_container(docker, name("aaaaaaaa"), other)
    docker.exit_container(name("aaaaaaaa"), 0)
    run_role_container(docker, name("bbbbbbbb"))  # unlabelled, and no record of this home
    docker.exit_container(name("bbbbbbbb"), 0)
    with claim(store, docker, "aaaaaaaa", "bbbbbbbb", "cccccccc") as claimed:
        assert claimed.container == name("cccccccc")
    assert len(docker.list_containers()) == 2
