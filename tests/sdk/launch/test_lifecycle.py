"""Eject, purge, prune, status, reconnect and session endings on FakeDocker."""

from __future__ import annotations

import json

import pytest

from jackin_sdk.errors import JackinError
from jackin_sdk.instances import InstanceManifest, InstanceStatus, InstanceStore
from jackin_sdk.launch import LaunchOptions, LaunchResult, launch, resolve_target
from jackin_sdk.lifecycle import (
    CAPSULE_EXIT_MARKER,
    PurgeRefused,
    attach_argv,
    eject,
    finish_session,
    list_instances,
    prune_images,
    prune_instances,
    purge,
    reconnect,
    select_instances,
)
from tests.sdk.launch.conftest import World


def _running(world: World) -> LaunchResult:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    return launch(target, LaunchOptions(detach=True), world.context())


def _store(world: World) -> InstanceStore:
    return InstanceStore(world.paths)


def test_attach_argv_reaches_the_capsule_client_without_env_values() -> None:
    capsule = ["jk-a-b", "/jackin/runtime/jackin-capsule"]
    assert attach_argv("jk-a-b", tty=True) == ["docker", "exec", "-i", "-t", *capsule]
    assert attach_argv("jk-a-b", focus=3)[-2:] == ["--focus", "3"]
    assert attach_argv("jk-a-b", new=True, agent="codex")[-3:] == [*capsule[1:], "new", "codex"]
    assert attach_argv("jk-a-b", new=True)[-1] == "new"
    assert attach_argv("jk-a-b", login_shell=True, tty=False) == [
        "docker", "exec", "-i", *capsule, "new",
    ]  # fmt: skip


def test_attach_argv_tells_the_client_the_host_holds_the_alternate_screen() -> None:
    """B1: the console keeps one alternate screen; the client must not switch again."""
    from jackin_capsule.client._attach import ALT_SCREEN_ENV  # noqa: PLC0415

    capsule = ["jk-a-b", "/jackin/runtime/jackin-capsule"]
    held = ["-e", "JACKIN_HOST_ALT_SCREEN=1"]
    assert held[1].partition("=")[0] == ALT_SCREEN_ENV, "the name the capsule client reads"
    assert attach_argv("jk-a-b", host_alt_screen=True) == [
        "docker", "exec", "-i", "-t", *held, *capsule,
    ]  # fmt: skip
    assert attach_argv("jk-a-b", login_shell=True, host_alt_screen=True)[4:] == [
        *held, *capsule, "new",
    ]  # fmt: skip
    assert "-e" not in attach_argv("jk-a-b"), "a plain attach switches screens itself"


def test_status_joins_the_index_with_container_states(world: World) -> None:
    first = _running(world)
    second = _running(world)
    world.docker.exit_container(second.container, 0)
    views = {v.row.container_base: v for v in list_instances(world.docker, _store(world))}
    assert views[first.container].state == "running"
    assert views[second.container].state == "stopped"
    assert views[first.container].to_dict()["workspace"] == str(world.project)


def test_selectors_id_container_and_role(world: World) -> None:
    first = _running(world)
    second = _running(world)
    store = _store(world)
    assert select_instances(world.docker, store, first.instance_id) == [first.container]
    assert select_instances(world.docker, store, second.container) == [second.container]
    with pytest.raises(JackinError, match="several instances of role stand-in"):
        select_instances(world.docker, store, "stand-in")
    assert len(select_instances(world.docker, store, "stand-in", all_=True)) == 2


def test_eject_keeps_state_and_purge_is_refused_until_then(world: World) -> None:
    result = _running(world)
    store = _store(world)
    with pytest.raises(PurgeRefused, match="still exists"):
        purge(world.docker, store, result.container, discard_isolated=False)
    removed = eject(world.docker, store, result.container)
    assert result.container in removed
    assert f"{result.container}-net" in removed
    assert result.state_dir.exists()
    manifest = store.read_manifest(result.container)
    assert manifest is not None
    assert manifest.status is InstanceStatus.RESTORE_AVAILABLE
    purge(world.docker, store, result.container, discard_isolated=False)
    assert not result.state_dir.exists()
    assert [r.status for r in store.index()] == [InstanceStatus.PURGED]


def test_prune_instances_purges_only_finished_ones(world: World) -> None:
    keep = _running(world)
    done = _running(world)
    store = _store(world)
    eject(world.docker, store, done.container)
    store.set_status(done.container, InstanceStatus.CLEAN_EXITED)
    report = prune_instances(world.docker, store)
    assert report.summary == "pruned 1 instance(s)"
    assert [r.container_base for r in store.index()] == [keep.container]


def test_prune_images_keeps_what_a_role_container_uses(world: World) -> None:
    result = _running(world)
    world.docker.add_image("jk_old:1234567")
    report = prune_images(world.docker)
    outcomes = {a.target: a.outcome for a in report.actions}
    assert outcomes["jk_old:1234567"] == "OK"
    assert outcomes[result.image] == "SKIP"
    assert world.docker.image_exists(result.image)


def test_reconnect_branches(world: World) -> None:
    store = _store(world)
    live = _running(world)
    restored: list[InstanceManifest] = []
    assert reconnect(world.docker, store, live.container, restore=restored.append) == "attach"
    world.docker.exit_container(live.container, 137)
    assert reconnect(world.docker, store, live.container, restore=restored.append) == ("restarted")
    assert world.docker.inspect_container_state(live.container).label == "running"
    world.docker.remove_container(live.container)
    assert reconnect(world.docker, store, live.container, restore=restored.append) == "restored"
    assert [m.container_base for m in restored] == [live.container]
    store.set_status(live.container, InstanceStatus.CLEAN_EXITED)
    with pytest.raises(JackinError, match="not found"):
        reconnect(world.docker, store, live.container, restore=restored.append)


def test_session_endings(world: World) -> None:
    store = _store(world)
    live = _running(world)
    assert finish_session(world.docker, store, live.container).status is InstanceStatus.RUNNING

    crashed = _running(world)
    world.docker.exit_container(crashed.container, 137)
    outcome = finish_session(world.docker, store, crashed.container)
    assert (outcome.status, outcome.last_attach_outcome) == (InstanceStatus.CRASHED, "exit:137")
    assert world.docker.inspect_container_state(crashed.container).label == "stopped exit:137"

    clean = _running(world)
    world.docker.exit_container(clean.container, 0)
    outcome = finish_session(world.docker, store, clean.container)
    assert outcome.status is InstanceStatus.CLEAN_EXITED
    assert clean.container in outcome.removed
    assert clean.state_dir.exists(), "state stays until `jackin prune instances`"


def test_a_capsule_stopped_by_a_signal_is_kept_for_hardline(world: World) -> None:
    store = _store(world)
    stopped = _running(world)
    world.docker.exit_container(stopped.container, 0)
    marker = world.paths.sockets_dir / stopped.container / CAPSULE_EXIT_MARKER
    marker.write_text(json.dumps({"reason": "", "signal": True}))
    outcome = finish_session(world.docker, store, stopped.container)
    assert (outcome.status, outcome.last_attach_outcome) == (
        InstanceStatus.RESTORE_AVAILABLE,
        "stopped",
    )
    assert outcome.removed == ()
    assert world.docker.inspect_container_state(stopped.container).label == "stopped exit:0"


def test_a_capsule_that_ended_by_itself_is_a_clean_exit(world: World) -> None:
    store = _store(world)
    ended = _running(world)
    world.docker.exit_container(ended.container, 0)
    marker = world.paths.sockets_dir / ended.container / CAPSULE_EXIT_MARKER
    marker.write_text(json.dumps({"reason": "", "signal": False}))
    assert finish_session(world.docker, store, ended.container).status is (
        InstanceStatus.CLEAN_EXITED
    )


def test_a_provider_opens_a_new_tab_naming_only_the_provider() -> None:
    argv = attach_argv("jk-a-b", agent="claude", provider="zai")
    assert argv[-4:] == ["new", "claude", "--provider", "zai"]
    assert not any("=" in part for part in argv)
    with pytest.raises(JackinError, match="unknown provider 'acme'"):
        attach_argv("jk-a-b", agent="claude", provider="acme")
