"""`jackin load --detach` to `eject --purge` on the real engine, with the stand-in agent."""

from __future__ import annotations

import concurrent.futures
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.conftest import TEST_CONSTRUCT_IMAGE, TEST_DIND_IMAGE, require_image
from tests.integration.launch_support import Home, docker, git, make_home

pytestmark = pytest.mark.docker


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    made = make_home(tmp_path)
    try:
        yield made
    finally:
        made.cleanup()


def _inspect(container: str) -> dict[str, object]:
    data = json.loads(docker("inspect", container, check=True).stdout)
    assert isinstance(data, list)
    return dict(data[0])


def test_adhoc_detach_status_kill_hardline_eject_purge(home: Home) -> None:
    c = home.jackin("load", "stand-in", "--detach").stdout.strip()
    assert c.startswith("jk-")
    assert c.endswith("-standin")
    [row] = home.status()
    assert (row["container_base"], row["state"], row["workspace"]) == (
        c,
        "running",
        str(home.project),
    )

    [record] = home.wait_records(c, 1)
    inspected = home.jackin("hardline", c, "--inspect").stdout
    assert "Agent sessions: [1] Claude (claude) state=" in inspected, inspected
    assert "argv: --settings" in record
    assert "--dangerously-skip-permissions" in record
    assert f"cwd: {home.project}" in record
    assert "env: PLAIN_SETTING=visible" in record
    assert "env: SERVICE_TOKEN=tok-secret-0123456789" in record, "the agent gets the secret"
    assert "env: GIT_AUTHOR_NAME=Op Erator" in record
    assert f"mount: {home.project}" in record
    config = json.dumps(_inspect(c)["Config"])
    assert "tok-secret-0123456789" not in config, "the secret is not in docker inspect"
    assert "PLAIN_SETTING" not in config, "every operator value travels in the secrets file"

    docker("kill", c, check=True)
    # Without a terminal the capsule's client prints frames and sends the piped keys.
    restored = home.jackin("hardline", c, stdin="ping\nexit\n")
    assert "echo: ping" in restored.stdout
    assert f"{c}: restarted" in restored.stderr
    assert len(home.records(c)) >= 2
    # `exit` ended the only session: the capsule stopped, and the clean exit removed the
    # Docker objects while the state stays for `prune instances` (or purge).
    assert docker("inspect", c).returncode != 0
    assert [r["status"] for r in home.status()] == ["clean_exited"]

    ejected = home.jackin("eject", c, "--purge")
    assert ejected.stdout.strip() == f"Ejected and purged {c}."
    assert docker("inspect", c).returncode != 0
    assert docker("network", "inspect", f"{c}-net").returncode != 0
    assert docker("volume", "ls", "-q", "--filter", f"label=jackin.role={c}").stdout == ""
    assert not (home.data / c).exists()
    assert not (home.data / f"{c}.lock").exists()
    assert not (home.root / "home" / "sockets" / c).exists()
    assert [r["status"] for r in home.status()] == []


def test_saved_workspace_with_a_worktree_mount(home: Home) -> None:
    repo = home.root / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "app.txt").write_text("v1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "app")
    workspaces = home.root / "config" / "workspaces"
    workspaces.mkdir()
    (workspaces / "app.toml").write_text(
        'version = "v1alpha9"\nworkdir = "/work/app"\n\n'
        f'[[mounts]]\nsrc = "{repo}"\ndst = "/work/app"\nisolation = "worktree"\n'
    )
    c = home.jackin("load", "stand-in", "app", "--detach").stdout.strip()
    [row] = home.status()
    assert row["workspace"] == "app"
    branch = docker("exec", c, "git", "-C", "/work/app", "branch", "--show-current").stdout
    assert branch.strip() == f"jackin/scratch/{c}"
    assert git(repo, "branch", "--show-current") == "main", "the host checkout is untouched"
    docker("exec", c, "sh", "-c", "echo v2 > /work/app/app.txt", check=True)
    assert (repo / "app.txt").read_text() == "v1\n"

    home.jackin("eject", c)
    refused = home.jackin("purge", c, check=False)
    assert refused.returncode == 1
    assert "isolated work would be lost" in refused.stderr
    home.jackin("purge", c, "--discard-isolated")
    assert f"jackin/scratch/{c}" not in git(repo, "branch", "--list")


def test_two_loads_at_once_get_two_instances_and_a_sound_index(home: Home) -> None:
    home.jackin("load", "stand-in", "--detach")  # build the image once
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda _: home.jackin("load", "stand-in", "--detach"), range(2)))
    names = {run.stdout.strip() for run in runs}
    assert len(names) == 2
    index = json.loads((home.data / "instances.json").read_text())
    assert {r["container_base"] for r in index["instances"]} >= names
    assert len(home.status()) == 3


def test_dind_sidecar_answers_the_role_container(engine: DockerApi, tmp_path: Path) -> None:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    require_image(engine, TEST_DIND_IMAGE)
    home = make_home(tmp_path, dind=True)
    try:
        c = home.jackin("load", "stand-in", "--detach").stdout.strip()
        version = docker("exec", c, "docker", "version", "--format", "{{.Server.Version}}")
        assert version.returncode == 0, version.stderr
        assert version.stdout.strip()
        config = json.dumps(_inspect(c)["Config"])
        assert f"DOCKER_HOST=tcp://{c}-dind:2376" in config
        home.jackin("eject", c, "--purge")
        assert docker("inspect", f"{c}-dind").returncode != 0
    finally:
        home.cleanup()
