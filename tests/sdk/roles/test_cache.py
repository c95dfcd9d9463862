"""`RoleCache`: clone, TTL refresh, branch caches, integrity checks and locking."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from jackin_sdk.errors import UsageError
from jackin_sdk.fs import LockTimeout
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import CachedRole, RoleCache, RoleCacheError, RoleSelector, url_matches
from tests.sdk.roles.conftest import Clock, Upstream, git

ROLE = RoleSelector.parse("acme/tools")


def _url(upstream: Upstream, form: str) -> str:
    return upstream.file_url if form == "file" else str(upstream.path)


@pytest.mark.parametrize("form", ["path", "file"])
def test_fresh_clone(cache: RoleCache, upstream: Upstream, form: str) -> None:
    role = cache.ensure(ROLE, _url(upstream, form))
    assert role == CachedRole(cache.checkout_dir(ROLE), upstream.head(), refreshed=True)
    assert role.path.name == "default"
    assert (role.path / "jackin.role.toml").read_text() == 'version = "v1alpha6"\n'
    assert [p.name for p in role.path.parent.iterdir()] == ["default"]  # no staging left


def test_within_ttl_does_not_fetch(cache: RoleCache, upstream: Upstream) -> None:
    first = cache.ensure(ROLE, str(upstream.path))
    upstream.commit("new.txt", "new")
    second = cache.ensure(ROLE, str(upstream.path))
    assert second == CachedRole(first.path, first.commit, refreshed=False)
    assert not (second.path / "new.txt").exists()


def test_past_ttl_fetches(cache: RoleCache, upstream: Upstream, clock: Clock) -> None:
    cache.ensure(ROLE, str(upstream.path))
    head = upstream.commit("new.txt", "new")
    clock.offset = 61
    role = cache.ensure(ROLE, str(upstream.path))
    assert (role.commit, role.refreshed) == (head, True)
    assert (role.path / "new.txt").read_text() == "new"
    clock.offset = 0  # the fetch restarted the TTL
    upstream.commit("later.txt", "later")
    assert cache.ensure(ROLE, str(upstream.path)).commit == head


@pytest.mark.parametrize("how", ["force_refresh", "ttl_zero"])
def test_forced_refresh(tmp_path: Path, cache: RoleCache, upstream: Upstream, how: str) -> None:
    if how == "ttl_zero":
        paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
        cache = RoleCache(paths, refresh_ttl=0)
    cache.ensure(ROLE, str(upstream.path))
    head = upstream.commit("new.txt", "new")
    role = cache.ensure(ROLE, str(upstream.path), force_refresh=how == "force_refresh")
    assert (role.commit, role.refreshed) == (head, True)


def test_branch_cache_has_its_own_dir_and_always_fetches(
    cache: RoleCache, upstream: Upstream
) -> None:
    upstream.commit("feature.txt", "v1", branch="feature/x")
    default = cache.ensure(ROLE, str(upstream.path))
    branch = cache.ensure(ROLE, str(upstream.path), branch="feature/x")
    assert branch.path == cache.checkout_dir(ROLE).parent / "branches" / "feature" / "x"
    assert (branch.branch, branch.commit) == ("feature/x", upstream.head("feature/x"))
    assert (branch.path / "feature.txt").read_text() == "v1"
    assert not (default.path / "feature.txt").exists()
    head = upstream.commit("feature.txt", "v2", branch="feature/x")
    again = cache.ensure(ROLE, str(upstream.path), branch="feature/x")  # within the TTL
    assert (again.commit, again.refreshed) == (head, True)
    assert (again.path / "feature.txt").read_text() == "v2"


def test_rewritten_upstream_history_resets_to_the_new_head(
    cache: RoleCache, upstream: Upstream
) -> None:
    upstream.commit("a.txt", "a")
    cache.ensure(ROLE, str(upstream.path))
    git(upstream.path, "reset", "-q", "--hard", "HEAD~1")  # a force-push, seen from here
    head = upstream.commit("b.txt", "b")
    role = cache.ensure(ROLE, str(upstream.path), force_refresh=True)
    assert role.commit == head
    assert (role.path / "b.txt").exists()
    assert not (role.path / "a.txt").exists()


def test_origin_mismatch_is_refused(
    cache: RoleCache, upstream: Upstream, make_upstream: Callable[[str], Upstream]
) -> None:
    role = cache.ensure(ROLE, str(upstream.path))
    other = make_upstream("other")
    with pytest.raises(RoleCacheError) as caught:
        cache.ensure(ROLE, str(other.path), force_refresh=True)
    message = str(caught.value)
    assert f"the role cache at {role.path} points at {upstream.path}" in message
    assert f"configured for {other.path}" in message
    assert f"remove the folder {role.path}" in message
    assert git(role.path, "rev-parse", "HEAD") == role.commit


@pytest.mark.parametrize("change", ["modified", "untracked"])
def test_local_changes_are_never_overwritten(
    cache: RoleCache, upstream: Upstream, change: str
) -> None:
    role = cache.ensure(ROLE, str(upstream.path))
    name = "jackin.role.toml" if change == "modified" else "notes.txt"
    (role.path / name).write_text("mine\n")
    upstream.commit("jackin.role.toml", "theirs\n")
    with pytest.raises(RoleCacheError, match="cached role repo contains local changes") as caught:
        cache.ensure(ROLE, str(upstream.path), force_refresh=True)
    assert str(role.path) in str(caught.value)
    assert name in str(caught.value)
    assert (role.path / name).read_text() == "mine\n"


def test_missing_remote_fails_cleanly(cache: RoleCache, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(RoleCacheError) as caught:
        cache.ensure(ROLE, str(missing))
    message = str(caught.value)
    assert message.startswith(f"could not clone role acme/tools from {missing}: ")
    assert "does not exist" in message
    assert not cache.checkout_dir(ROLE).exists()
    assert not (tmp_path / "home" / "roles" / "acme").exists()


def test_missing_branch_fails_cleanly(cache: RoleCache, upstream: Upstream) -> None:
    with pytest.raises(RoleCacheError, match=r"could not clone role acme/tools@nope from"):
        cache.ensure(ROLE, str(upstream.path), branch="nope")
    assert not cache.checkout_dir(ROLE, "nope").exists()


def test_tokens_in_urls_stay_out_of_errors_and_logs(
    cache: RoleCache, caplog: pytest.LogCaptureFixture
) -> None:
    url = "https://someone:s3cr3t-t0ken@127.0.0.1:9/acme/tools.git"  # nothing listens on 9
    with (
        caplog.at_level(logging.DEBUG, logger="jackin.roles"),
        pytest.raises(RoleCacheError) as caught,
    ):
        cache.ensure(ROLE, url)
    assert "s3cr3t-t0ken" not in str(caught.value)
    assert any(r.getMessage().startswith("$ git clone") for r in caplog.records)
    assert not any("s3cr3t-t0ken" in r.getMessage() for r in caplog.records)
    assert "https://someone:***@127.0.0.1:9/acme/tools.git" in str(caught.value)


@pytest.mark.parametrize("source", ["env", "config"])
def test_git_runs_without_prompts(
    cache: RoleCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    ssh = tmp_path / "fake-ssh"
    ssh.write_text(
        f'#!/bin/sh\necho "$@" >> {tmp_path}/ssh-args\nenv >> {tmp_path}/ssh-env\nexit 255\n'
    )
    ssh.chmod(0o755)
    if source == "env":
        monkeypatch.setenv("GIT_SSH_COMMAND", str(ssh))
    else:
        git(tmp_path, "config", "--global", "core.sshCommand", str(ssh))
    with pytest.raises(RoleCacheError, match="could not clone role acme/tools"):
        cache.ensure(ROLE, "git@example.invalid:acme/tools.git")
    assert "-o BatchMode=yes" in (tmp_path / "ssh-args").read_text()
    env = (tmp_path / "ssh-env").read_text().splitlines()
    assert {"GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "GCM_INTERACTIVE=never"} <= set(env)


def test_concurrent_ensures_share_one_clone(cache: RoleCache, upstream: Upstream) -> None:
    results: list[CachedRole] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(cache.ensure(ROLE, str(upstream.path)))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(r.refreshed for r in results) == [False, True]
    assert {r.commit for r in results} == {upstream.head()}
    path = cache.checkout_dir(ROLE)
    assert sorted(p.name for p in path.parent.iterdir()) == ["default"]
    assert git(path, "status", "--porcelain") == ""


def test_locked_holds_the_role_lock(tmp_path: Path, cache: RoleCache, upstream: Upstream) -> None:
    paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    impatient = RoleCache(paths, lock_timeout=0)
    with cache.locked(ROLE, str(upstream.path)) as role:
        assert role.refreshed
        with pytest.raises(LockTimeout, match="is updating the role cache for acme/tools"):
            impatient.ensure(ROLE, str(upstream.path))
        impatient.ensure(ROLE, str(upstream.path), branch="main")  # another lock
    assert impatient.ensure(ROLE, str(upstream.path)).commit == role.commit


def test_layout_and_lock_paths(cache: RoleCache, tmp_path: Path) -> None:
    roles, data = tmp_path / "home" / "roles", tmp_path / "home" / "data"
    flat = RoleSelector.parse("smith")
    assert cache.checkout_dir(flat) == roles / "smith" / "default"
    assert cache.checkout_dir(ROLE) == roles / "acme" / "tools" / "default"
    assert cache.checkout_dir(ROLE, "fix/a.b") == roles / "acme/tools/branches/fix/a.b"
    assert cache.lock_path(flat) == data / "smith.repo.lock"
    assert cache.lock_path(ROLE) == data / "acme_tools.repo.lock"
    assert cache.lock_path(ROLE, "fix/x") == data / "acme_tools.locks" / "fix" / "x.repo.lock"


@pytest.mark.parametrize(
    "branch",
    ["", "-x", "--upload-pack=evil", "a/../b", "..", "/abs", "a//b", "a/", ".hidden",
     "a/.git", "x.lock", "a b", "a:b", "a~1", "a^", "a?", "a*", "a[", "a\\b", "@", "a@{1}"],
)  # fmt: skip
def test_invalid_branch_names_are_rejected(cache: RoleCache, branch: str) -> None:
    with pytest.raises(UsageError, match="invalid role branch"):
        cache.checkout_dir(ROLE, branch)


def test_a_cache_inside_another_cache_is_refused(cache: RoleCache, upstream: Upstream) -> None:
    cache.ensure(RoleSelector.parse("acme"), str(upstream.path))
    nested = RoleSelector.parse("acme/default")  # <roles>/acme/default/default
    with pytest.raises(RoleCacheError, match="would sit inside the cached repo"):
        cache.ensure(nested, str(upstream.path))


def test_a_folder_that_is_not_a_checkout_is_refused(cache: RoleCache, upstream: Upstream) -> None:
    directory = cache.checkout_dir(ROLE)
    directory.mkdir(parents=True)
    (directory / "stray.txt").write_text("x")
    with pytest.raises(RoleCacheError, match="is not a git checkout"):
        cache.ensure(ROLE, str(upstream.path))
    assert (directory / "stray.txt").read_text() == "x"


@pytest.mark.parametrize(
    ("configured", "origin", "expected"),
    [
        ("https://github.com/acme/tools.git", "git@github.com:acme/tools.git", True),
        ("https://github.com/acme/tools", "git@github.com:acme/tools", True),
        ("https://github.com/acme/tools.git", "ssh://git@github.com/acme/tools", True),
        ("https://github.com/acme/tools/", "https://github.com/acme/tools.git", True),
        ("https://github.com/Acme/Tools.git", "https://github.com/acme/tools", True),
        ("https://x-access-token:t@github.com/acme/tools", "https://github.com/acme/tools", True),
        ("ssh://git@github.com:22/acme/tools.git", "git@github.com:acme/tools.git", True),
        ("https://github.com/acme/tools.git", "https://github.com/acme/other.git", False),
        ("https://github.com/acme/tools.git", "https://gitlab.com/acme/tools.git", False),
        ("https://git.example.com/Acme/Tools", "https://git.example.com/acme/tools", False),
        ("/srv/roles/tools", "file:///srv/roles/tools", True),
        ("/srv/roles/tools/", "/srv/roles/./tools", True),
        ("file:///srv/roles/tools", "file://localhost/srv/roles/tools", True),
        ("/srv/roles/tools", "/srv/roles/other", False),
        ("/srv/roles/tools", "https://github.com/srv/roles/tools", False),
    ],
)
def test_url_matches(configured: str, origin: str, expected: bool) -> None:
    assert url_matches(configured, origin) is expected
    assert url_matches(origin, configured) is expected


def test_importing_roles_does_not_import_gitpython() -> None:
    code = "import sys, jackin_sdk.roles; sys.exit('git' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], env=os.environ.copy(), check=False)
    assert done.returncode == 0
